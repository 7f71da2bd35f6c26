/**
 * The conversation slice: loaded messages (normalised, messageIndex.ts), my unconfirmed sends, other
 * members' read positions, typing hints and tombstones. Idempotent: replays after a reconnect, and
 * the ack and the event of one send, change nothing the second time.
 */
import type { Message, MessageFields } from '@backchannel/protocol';
import type { SliceReducer } from '../../core/store.js';
import { without } from '../../lib/records.js';
import type { Action, State } from '../../app/state.js';
import { droppedByListing } from '../requests/state.js';
import { dropMessage, EMPTY_INDEX, insertMessages, replaceMessage, type MessageIndex } from './messageIndex.js';

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

export interface ConversationState {
  /** Only conversations opened this session have an index; others load their latest page on open. */
  messages: Readonly<Record<string, MessageIndex>>;
  outbox: Readonly<Record<string, PendingMessage>>;
  /** Other members' read positions: conversationId → userId → seq (drives "Seen"). */
  reads: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** conversationId → userId → epoch ms until which the "typing…" hint shows. */
  typing: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** conversationId → the message the composer replies to or edits (the composer's banner). */
  composing: Readonly<Record<string, Composing>>;
}

export interface Composing {
  mode: 'reply' | 'edit';
  message: Message;
}

export const initialConversation: ConversationState = { messages: {}, outbox: {}, reads: {}, typing: {}, composing: {} };

/** How long a typing hint lasts without a fresh `typing` event (clients re-send every few seconds). */
export const TYPING_TTL_MS = 6000;

export type ConversationAction =
  | { type: 'history.loaded'; conversationId: string; messages: readonly Message[]; hasMore: boolean; older: boolean }
  | { type: 'outbox.pending'; entry: PendingMessage }
  | { type: 'outbox.failed'; clientMessageId: string; error: string; code?: string }
  | { type: 'outbox.sent'; clientMessageId: string; message: Message }
  | { type: 'outbox.discarded'; clientMessageId: string }
  | { type: 'compose.set'; conversationId: string; composing: Composing | null }
  | { type: 'message.local'; message: Message };

export const reduceConversation: SliceReducer<ConversationState, State, Action> = (own, action, { before }) => {
  const myId = before.session.me?.id ?? '';
  switch (action.type) {
    case 'history.loaded':
      return loadHistory(own, action.conversationId, action.messages, action.hasMore, action.older);
    case 'outbox.pending': {
      // A retry re-reports the same send; it keeps its place (createdAt) in the conversation.
      const prev = own.outbox[action.entry.clientMessageId];
      const entry = prev ? { ...action.entry, createdAt: prev.createdAt } : action.entry;
      return { ...own, outbox: { ...own.outbox, [entry.clientMessageId]: entry } };
    }
    case 'outbox.failed': {
      const entry = own.outbox[action.clientMessageId];
      if (!entry) return own;
      return { ...own, outbox: { ...own.outbox, [entry.clientMessageId]: { ...entry, state: 'failed', error: action.error, ...(action.code ? { code: action.code } : {}) } } };
    }
    case 'outbox.sent':
      return applyMessage(own, action.message);
    case 'outbox.discarded':
      return { ...own, outbox: without(own.outbox, action.clientMessageId) };
    case 'compose.set':
      return { ...own, composing: action.composing ? { ...own.composing, [action.conversationId]: action.composing } : without(own.composing, action.conversationId) };
    case 'message.local': {
      // An action's answer (an edit, an unsend, reactions): the event that follows changes nothing more.
      const index = own.messages[action.message.conversationId];
      return index ? { ...own, messages: { ...own.messages, [action.message.conversationId]: replaceMessage(index, action.message) } } : own;
    }
    case 'requests.listed':
      return droppedByListing(before.inbox.conversations, action.conversations).reduce(drop, own);
    case 'event':
      break;
    default:
      return own;
  }
  const event = action.event;
  switch (event.type) {
    case 'message.created':
      return applyMessage(own, event.data.message);
    case 'conversation.left':
      return drop(own, event.data.conversationId);
    case 'read.updated': {
      const { conversationId, userId, seq } = event.data;
      if (userId === myId) return own;
      const prev = own.reads[conversationId] ?? {};
      if ((prev[userId] ?? -1) >= seq) return own;
      return { ...own, reads: { ...own.reads, [conversationId]: { ...prev, [userId]: seq } } };
    }
    case 'message.removed': {
      const m = event.data.message;
      const index = own.messages[m.conversationId];
      // The tombstone is a field of the message (`tombstone`), so a reload shows it too.
      return index ? { ...own, messages: { ...own.messages, [m.conversationId]: replaceMessage(index, m) } } : own;
    }
    case 'message.reaction': {
      const { conversationId, messageId, userId, emoji, reacted } = event.data;
      const index = own.messages[conversationId];
      const held = index?.byId[messageId];
      if (!index || !held) return own;
      const reactions = toggleReaction(held.reactions, emoji, userId, reacted);
      return reactions === held.reactions ? own : { ...own, messages: { ...own.messages, [conversationId]: replaceMessage(index, { ...held, reactions }) } };
    }
    case 'message.hidden': {
      const index = own.messages[event.data.conversationId];
      return index ? { ...own, messages: { ...own.messages, [event.data.conversationId]: dropMessage(index, event.data.messageId) } } : own;
    }
    case 'message.updated': {
      const index = own.messages[event.data.conversationId];
      const held = index?.byId[event.data.messageId];
      return index && held ? { ...own, messages: { ...own.messages, [event.data.conversationId]: replaceMessage(index, withFields(held, event.data.fields)) } } : own;
    }
    case 'typing': {
      const { conversationId, userId } = event.data;
      if (userId === myId) return own;
      const prev = own.typing[conversationId] ?? {};
      return { ...own, typing: { ...own.typing, [conversationId]: { ...prev, [userId]: action.now + TYPING_TTL_MS } } };
    }
    default:
      return own;
  }
};

/** A message arrived (socket or send acknowledgement): into its list, out of the outbox and of "typing…". */
function applyMessage(own: ConversationState, message: Message): ConversationState {
  const convId = message.conversationId;
  let next = own;
  const index = own.messages[convId];
  // Only extend lists we already hold; an unopened conversation loads its latest page when opened.
  if (index) {
    const updated = insertMessages(index, [message]);
    if (updated !== index) next = { ...next, messages: { ...next.messages, [convId]: updated } };
  }
  if (message.clientMessageId && next.outbox[message.clientMessageId]) next = { ...next, outbox: without(next.outbox, message.clientMessageId) };
  const typing = next.typing[convId];
  if (typing && typing[message.senderId] !== undefined) next = { ...next, typing: { ...next.typing, [convId]: without(typing, message.senderId) } };
  return next;
}

function loadHistory(own: ConversationState, conversationId: string, incoming: readonly Message[], hasMore: boolean, older: boolean): ConversationState {
  const held = own.messages[conversationId];
  // Only a page of older messages speaks for what lies before the oldest we hold.
  const more = older || !held ? hasMore : held.hasMore;
  const merged = insertMessages(held ?? EMPTY_INDEX, incoming);
  const index = merged.hasMore === more ? merged : { ...merged, hasMore: more };
  let next: ConversationState = index === held ? own : { ...own, messages: { ...own.messages, [conversationId]: index } };
  for (const m of incoming) {
    if (m.clientMessageId && next.outbox[m.clientMessageId]) next = { ...next, outbox: without(next.outbox, m.clientMessageId) };
  }
  return next;
}

function drop(own: ConversationState, id: string): ConversationState {
  const messages = without(own.messages, id);
  const reads = without(own.reads, id);
  const typing = without(own.typing, id);
  return messages === own.messages && reads === own.reads && typing === own.typing ? own : { ...own, messages, reads, typing };
}

/** A message with the fields of a `message.updated` set on it; an empty `previews` list means none. */
export function withFields(m: Message, fields: MessageFields): Message {
  const next: Message = { ...m, ...fields };
  if (next.previews?.length === 0) delete next.previews;
  return next;
}

/** Adds or removes one person's emoji (idempotent: the event and a page may both carry it). */
export function toggleReaction(reactions: Message['reactions'], emoji: string, userId: string, reacted: boolean): Message['reactions'] {
  const held = reactions.find((r) => r.emoji === emoji);
  if (reacted) {
    if (held?.userIds.includes(userId)) return reactions;
    return held ? reactions.map((r) => (r === held ? { ...r, userIds: [...r.userIds, userId] } : r)) : [...reactions, { emoji, userIds: [userId] }];
  }
  if (!held?.userIds.includes(userId)) return reactions;
  const userIds = held.userIds.filter((u) => u !== userId);
  return userIds.length === 0 ? reactions.filter((r) => r !== held) : reactions.map((r) => (r === held ? { ...r, userIds } : r));
}
