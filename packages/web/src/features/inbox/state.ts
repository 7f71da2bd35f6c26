/**
 * The inbox slice: every conversation this session knows (all folders) and which lists loaded.
 * Unread counts, last message and activity order follow live messages here; the messages
 * themselves live in the conversation slice (features/conversation/state.ts).
 */
import type { Conversation, Message } from '@backchannel/protocol';
import type { SliceReducer } from '../../core/store.js';
import { without } from '../../lib/records.js';
import type { Action, State } from '../../app/state.js';
import { droppedByListing } from '../requests/state.js';
import { withFields } from '../conversation/state.js';

export type ListName = 'inbox' | 'requests' | 'archived';

export interface InboxState {
  conversations: Readonly<Record<string, Conversation>>;
  /** Lists we fetched at least once (so "empty" differs from "still loading"). */
  loaded: Readonly<Record<ListName, boolean>>;
}

export const initialInbox: InboxState = { conversations: {}, loaded: { inbox: false, requests: false, archived: false } };

export type InboxAction =
  | { type: 'conversations.loaded'; list: ListName; conversations: readonly Conversation[] }
  | { type: 'conversation.loaded'; conversation: Conversation }
  | { type: 'read.local'; conversationId: string; seq: number };

export const reduceInbox: SliceReducer<InboxState, State, Action> = (own, action, { before }) => {
  const myId = before.session.me?.id ?? '';
  switch (action.type) {
    case 'conversations.loaded':
      return load(own, action.list, action.conversations);
    case 'conversation.loaded':
      return put(own, newer(own.conversations[action.conversation.id], action.conversation));
    case 'read.local':
      return setMyRead(own, action.conversationId, action.seq);
    case 'outbox.sent':
      return applyMessage(own, action.message, myId);
    case 'requests.listed': {
      let next = load(own, 'requests', action.conversations);
      for (const id of droppedByListing(own.conversations, action.conversations)) next = { ...next, conversations: without(next.conversations, id) };
      return next;
    }
    case 'event':
      break;
    default:
      return own;
  }
  const event = action.event;
  switch (event.type) {
    case 'message.created':
      return applyMessage(own, event.data.message, myId);
    case 'conversation.joined':
      return put(own, newer(own.conversations[event.data.conversation.id], event.data.conversation));
    case 'conversation.left':
      return own.conversations[event.data.conversationId] ? { ...own, conversations: without(own.conversations, event.data.conversationId) } : own;
    case 'conversation.updated': {
      const c = own.conversations[event.data.conversationId];
      if (!c) return own;
      const { title, moderatorId, members, memberCount } = event.data;
      return put(own, { ...c, title, moderatorId, members, memberCount });
    }
    case 'conversation.settings_updated': {
      const c = own.conversations[event.data.conversationId];
      if (!c) return own;
      const { muted, pinned, archived } = event.data;
      return put(own, { ...c, muted, pinned, archived });
    }
    case 'read.updated':
      return event.data.userId === myId ? setMyRead(own, event.data.conversationId, event.data.seq) : own;
    case 'message.removed': {
      const m = event.data.message;
      const c = own.conversations[m.conversationId];
      return c?.lastMessage?.id === m.id ? put(own, { ...c, lastMessage: m }) : own;
    }
    case 'message.updated': {
      const c = own.conversations[event.data.conversationId];
      return c?.lastMessage?.id === event.data.messageId ? put(own, { ...c, lastMessage: withFields(c.lastMessage, event.data.fields) }) : own;
    }
    default:
      return own;
  }
};

function put(own: InboxState, c: Conversation): InboxState {
  return own.conversations[c.id] === c ? own : { ...own, conversations: { ...own.conversations, [c.id]: c } };
}

/** A message arrived: the row moves up, shows it, and counts it unread unless it is mine. */
function applyMessage(own: InboxState, message: Message, myId: string): InboxState {
  const c = own.conversations[message.conversationId];
  if (!c || message.seq <= c.lastSeq) return own;
  const mine = message.senderId === myId;
  return put(own, {
    ...c,
    lastSeq: message.seq,
    lastMessage: message,
    lastActivityAt: message.createdAt,
    // Sending implies having read everything before it (the server moves my read position too).
    readSeq: mine ? message.seq : c.readSeq,
    unreadCount: mine ? 0 : c.unreadCount + (message.kind === 'text' ? 1 : 0),
  });
}

function setMyRead(own: InboxState, conversationId: string, seq: number): InboxState {
  const c = own.conversations[conversationId];
  if (!c || seq <= c.readSeq) return own;
  // Unread counts only messages from others, which we cannot recount locally; zero when caught up
  // and otherwise never more than the number of seqs still unread.
  const unreadCount = seq >= c.lastSeq ? 0 : Math.min(c.unreadCount, c.lastSeq - seq);
  return put(own, { ...c, readSeq: seq, unreadCount });
}

function load(own: InboxState, list: ListName, incoming: readonly Conversation[]): InboxState {
  const conversations = { ...own.conversations };
  for (const c of incoming) conversations[c.id] = newer(conversations[c.id], c);
  return { conversations, loaded: { ...own.loaded, [list]: true } };
}

/**
 * An HTTP page may be older than events the socket already applied (both race after connect); the
 * copy that has seen more messages wins, so a late page cannot roll back an unread badge.
 */
function newer(existing: Conversation | undefined, incoming: Conversation): Conversation {
  if (existing && existing.lastSeq > incoming.lastSeq) return { ...incoming, lastSeq: existing.lastSeq, lastMessage: existing.lastMessage, lastActivityAt: existing.lastActivityAt, unreadCount: existing.unreadCount, readSeq: Math.max(existing.readSeq, incoming.readSeq) };
  return incoming;
}
