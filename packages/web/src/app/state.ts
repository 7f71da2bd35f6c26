/**
 * The app's state and its one reducer. Everything the server tells us (HTTP pages and socket events)
 * and everything the user does optimistically goes through `reduce`, so the screens are a pure view
 * of this state and the rules (unread counts, dedupe, outbox) are unit-tested in store.test.ts.
 */
import type { Conversation, DurableEvent, Me, Message, TypingEvent, UserSummary } from '@backchannel/protocol';
import { mergeMessages } from '@backchannel/sdk';

/** A message the user sent that the server has not confirmed yet (or refused). */
export interface PendingMessage {
  clientMessageId: string;
  conversationId: string;
  text: string;
  state: 'pending' | 'failed';
  createdAt: string;
  error?: string;
  /** The refusal's code (packages/protocol/src/errors.ts): `request_pending` ones retry on accept. */
  code?: string;
}

export type SentRequest = { state: 'pending' } | { state: 'accepted'; by: string };

export interface MessageList {
  items: readonly Message[];
  /** Older messages exist on the server (page with `before: items[0].seq`). */
  hasMore: boolean;
}

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

export interface State {
  me: Me | null;
  conversations: Readonly<Record<string, Conversation>>;
  /** Lists we fetched at least once (so "empty" differs from "still loading"). */
  loaded: { inbox: boolean; requests: boolean; archived: boolean };
  messages: Readonly<Record<string, MessageList>>;
  outbox: Readonly<Record<string, PendingMessage>>;
  /** Other members' read positions: conversationId → userId → seq (drives "Seen"). */
  reads: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** conversationId → userId → epoch ms until which the "typing…" hint shows. */
  typing: Readonly<Record<string, Readonly<Record<string, number>>>>;
  connection: ConnectionState;
  /** Everyone we have seen as a member, kept after they leave so "Bea left" can still name her. */
  people: Readonly<Record<string, UserSummary>>;
  /**
   * Requests I sent, as far as this session learnt: the server never marks my side of a pending
   * request, so "pending" comes from a `request_pending` refusal and "accepted" from `request.accepted`
   * (which names who accepted: in a group that is one member among several).
   */
  sentRequests: Readonly<Record<string, SentRequest>>;
  /** Messages an operator removed while we watched (`message.removed`): shown as tombstones. */
  removed: Readonly<Record<string, true>>;
}

export const initialState: State = {
  me: null,
  conversations: {},
  loaded: { inbox: false, requests: false, archived: false },
  messages: {},
  outbox: {},
  reads: {},
  typing: {},
  connection: 'idle',
  people: {},
  sentRequests: {},
  removed: {},
};

/** How long a typing hint lasts without a fresh `typing` event (clients re-send every few seconds). */
export const TYPING_TTL_MS = 6000;

export type Action =
  | { type: 'session.started'; me: Me }
  | { type: 'session.ended' }
  | { type: 'me.updated'; me: Me }
  | { type: 'connection'; state: ConnectionState }
  | { type: 'conversations.loaded'; list: 'inbox' | 'requests' | 'archived'; conversations: readonly Conversation[] }
  | { type: 'conversation.loaded'; conversation: Conversation }
  | { type: 'history.loaded'; conversationId: string; messages: readonly Message[]; hasMore: boolean; older: boolean }
  | { type: 'outbox.pending'; entry: PendingMessage }
  | { type: 'outbox.failed'; clientMessageId: string; error: string; code?: string }
  | { type: 'outbox.sent'; clientMessageId: string; message: Message }
  | { type: 'outbox.discarded'; clientMessageId: string }
  | { type: 'read.local'; conversationId: string; seq: number }
  /** A fresh `GET /v1/requests`: requests missing from it were answered elsewhere (or bulk-deleted). */
  | { type: 'requests.listed'; conversations: readonly Conversation[] }
  /** Former members looked up by id (state/people.ts), so their old messages keep a name. */
  | { type: 'people.loaded'; users: readonly UserSummary[] }
  | { type: 'event'; event: DurableEvent | TypingEvent; now: number };

export function reduce(state: State, action: Action): State {
  return rememberPeople(state, reduceAction(state, action));
}

function reduceAction(state: State, action: Action): State {
  switch (action.type) {
    case 'session.started':
      return { ...initialState, me: action.me };
    case 'session.ended':
      return initialState;
    case 'me.updated':
      return { ...state, me: action.me };
    case 'connection':
      return state.connection === action.state ? state : { ...state, connection: action.state };
    case 'conversations.loaded':
      return loadConversations(state, action.list, action.conversations);
    case 'conversation.loaded':
      return { ...state, conversations: { ...state.conversations, [action.conversation.id]: newer(state.conversations[action.conversation.id], action.conversation) } };
    case 'history.loaded':
      return loadHistory(state, action.conversationId, action.messages, action.hasMore, action.older);
    case 'outbox.pending': {
      // A retry re-reports the same send; it keeps its place (createdAt) in the conversation.
      const prev = state.outbox[action.entry.clientMessageId];
      const entry = prev ? { ...action.entry, createdAt: prev.createdAt } : action.entry;
      return { ...state, outbox: { ...state.outbox, [entry.clientMessageId]: entry } };
    }
    case 'outbox.failed': {
      const entry = state.outbox[action.clientMessageId];
      if (!entry) return state;
      const next = { ...state, outbox: { ...state.outbox, [entry.clientMessageId]: { ...entry, state: 'failed' as const, error: action.error, ...(action.code ? { code: action.code } : {}) } } };
      return action.code === 'request_pending' ? { ...next, sentRequests: { ...next.sentRequests, [entry.conversationId]: { state: 'pending' } } } : next;
    }
    case 'outbox.sent':
      return applyMessage(state, action.message, state.me?.id ?? '');
    case 'outbox.discarded':
      return { ...state, outbox: without(state.outbox, action.clientMessageId) };
    case 'read.local':
      return setMyRead(state, action.conversationId, action.seq);
    case 'requests.listed':
      return listRequests(state, action.conversations);
    case 'people.loaded':
      return { ...state, people: { ...state.people, ...Object.fromEntries(action.users.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }])) } };
    case 'event':
      return applyEvent(state, action.event, action.now);
  }
}

/** Applies one socket event. Every durable event type is handled; the `never` check enforces it. */
export function applyEvent(state: State, event: DurableEvent | TypingEvent, now: number): State {
  const myId = state.me?.id ?? '';
  switch (event.type) {
    case 'message.created':
      return applyMessage(state, event.data.message, myId);
    case 'conversation.joined':
      return { ...state, conversations: { ...state.conversations, [event.data.conversation.id]: newer(state.conversations[event.data.conversation.id], event.data.conversation) } };
    case 'conversation.left':
      return dropConversation(state, event.data.conversationId);
    case 'conversation.updated': {
      const c = state.conversations[event.data.conversationId];
      if (!c) return state;
      const { title, moderatorId, members } = event.data;
      return { ...state, conversations: { ...state.conversations, [c.id]: { ...c, title, moderatorId, members } } };
    }
    case 'conversation.settings_updated': {
      const c = state.conversations[event.data.conversationId];
      if (!c) return state;
      const { muted, pinned, archived } = event.data;
      return { ...state, conversations: { ...state.conversations, [c.id]: { ...c, muted, pinned, archived } } };
    }
    case 'read.updated': {
      const { conversationId, userId, seq } = event.data;
      if (userId === myId) return setMyRead(state, conversationId, seq);
      const prev = state.reads[conversationId] ?? {};
      if ((prev[userId] ?? -1) >= seq) return state;
      return { ...state, reads: { ...state.reads, [conversationId]: { ...prev, [userId]: seq } } };
    }
    case 'message.removed':
      return replaceMessage({ ...state, removed: { ...state.removed, [event.data.messageId]: true } }, event.data.message);
    case 'request.accepted':
      // Only the sender gets this; their conversation already sits in their inbox. What changes is
      // that they may write freely again, which the conversation screen tells them.
      return { ...state, sentRequests: { ...state.sentRequests, [event.data.conversationId]: { state: 'accepted', by: event.data.userId } } };
    case 'typing': {
      const { conversationId, userId } = event.data;
      if (userId === myId) return state;
      const prev = state.typing[conversationId] ?? {};
      return { ...state, typing: { ...state.typing, [conversationId]: { ...prev, [userId]: now + TYPING_TTL_MS } } };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * A message arrived (socket or send acknowledgement). Idempotent: the same message twice (replay
 * after reconnect, ack and event both arriving) changes nothing the second time.
 */
function applyMessage(state: State, message: Message, myId: string): State {
  const convId = message.conversationId;
  let next = state;
  const list = state.messages[convId];
  // Only extend lists we already hold; an unopened conversation loads its latest page when opened.
  if (list) {
    const items = mergeMessages(list.items, [message]);
    if (items !== list.items) next = { ...next, messages: { ...next.messages, [convId]: { ...list, items } } };
  }
  if (message.clientMessageId && next.outbox[message.clientMessageId]) {
    next = { ...next, outbox: without(next.outbox, message.clientMessageId) };
  }
  const typing = next.typing[convId];
  if (typing && typing[message.senderId] !== undefined) {
    next = { ...next, typing: { ...next.typing, [convId]: without(typing, message.senderId) } };
  }
  const c = next.conversations[convId];
  if (c && message.seq > c.lastSeq) {
    const mine = message.senderId === myId;
    const updated: Conversation = {
      ...c,
      lastSeq: message.seq,
      lastMessage: message,
      lastActivityAt: message.createdAt,
      // Sending implies having read everything before it (the server moves my read position too).
      readSeq: mine ? message.seq : c.readSeq,
      unreadCount: mine ? 0 : c.unreadCount + (message.kind === 'text' ? 1 : 0),
    };
    next = { ...next, conversations: { ...next.conversations, [convId]: updated } };
  }
  return next;
}

/** An operator removed a message: show its tombstone in place of the original text. */
function replaceMessage(state: State, message: Message): State {
  const convId = message.conversationId;
  let next = state;
  const list = state.messages[convId];
  if (list) next = { ...next, messages: { ...next.messages, [convId]: { ...list, items: list.items.map((m) => (m.id === message.id ? message : m)) } } };
  const c = next.conversations[convId];
  if (c?.lastMessage?.id === message.id) next = { ...next, conversations: { ...next.conversations, [convId]: { ...c, lastMessage: message } } };
  return next;
}

function setMyRead(state: State, conversationId: string, seq: number): State {
  const c = state.conversations[conversationId];
  if (!c || seq <= c.readSeq) return state;
  // Unread counts only messages from others, which we cannot recount locally; zero when caught up
  // and otherwise never more than the number of seqs still unread.
  const unreadCount = seq >= c.lastSeq ? 0 : Math.min(c.unreadCount, c.lastSeq - seq);
  return { ...state, conversations: { ...state.conversations, [conversationId]: { ...c, readSeq: seq, unreadCount } } };
}

function loadConversations(state: State, list: 'inbox' | 'requests' | 'archived', incoming: readonly Conversation[]): State {
  const conversations = { ...state.conversations };
  for (const c of incoming) conversations[c.id] = newer(conversations[c.id], c);
  return { ...state, conversations, loaded: { ...state.loaded, [list]: true } };
}

function listRequests(state: State, incoming: readonly Conversation[]): State {
  const keep = new Set(incoming.map((c) => c.id));
  let next = loadConversations(state, 'requests', incoming);
  for (const c of Object.values(next.conversations)) {
    if (c.folder === 'requests' && !keep.has(c.id)) next = dropConversation(next, c.id);
  }
  return next;
}

function dropConversation(state: State, id: string): State {
  return { ...state, conversations: without(state.conversations, id), messages: without(state.messages, id), reads: without(state.reads, id), typing: without(state.typing, id) };
}

function loadHistory(state: State, conversationId: string, incoming: readonly Message[], hasMore: boolean, older: boolean): State {
  const list = state.messages[conversationId];
  const items = mergeMessages(list?.items ?? [], incoming);
  // Only a page of older messages speaks for what lies before the oldest we hold.
  const more = older || !list ? hasMore : list.hasMore;
  let next: State = { ...state, messages: { ...state.messages, [conversationId]: { items, hasMore: more } } };
  for (const m of incoming) {
    if (m.clientMessageId && next.outbox[m.clientMessageId]) next = { ...next, outbox: without(next.outbox, m.clientMessageId) };
  }
  return next;
}

/**
 * An HTTP page may be older than events the socket already applied (both race after connect); the
 * copy that has seen more messages wins, so a late page cannot roll back an unread badge.
 */
function newer(existing: Conversation | undefined, incoming: Conversation): Conversation {
  if (existing && existing.lastSeq > incoming.lastSeq) return { ...incoming, lastSeq: existing.lastSeq, lastMessage: existing.lastMessage, lastActivityAt: existing.lastActivityAt, unreadCount: existing.unreadCount, readSeq: Math.max(existing.readSeq, incoming.readSeq) };
  return incoming;
}

/** Adds members of changed conversations to `people` (cheap: only conversations that changed). */
function rememberPeople(prev: State, next: State): State {
  if (prev.conversations === next.conversations) return next;
  let people = next.people;
  for (const [id, c] of Object.entries(next.conversations)) {
    if (prev.conversations[id] === c) continue;
    for (const m of c.members) {
      const known = people[m.id];
      if (known && known.displayName === m.displayName && known.username === m.username) continue;
      if (people === next.people) people = { ...people };
      (people as Record<string, UserSummary>)[m.id] = m;
    }
  }
  return people === next.people ? next : { ...next, people };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  if (!(key in record)) return record as Record<string, T>;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
