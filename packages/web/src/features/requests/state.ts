/**
 * The requests slice: what this session learnt about requests I sent. The server never marks my
 * side of a pending request, so "pending" comes from a `request_pending` refusal and "accepted"
 * from `request.accepted` (which names who accepted: in a group that is one member among several).
 * Requests I received are ordinary conversations in `folder: 'requests'` (the inbox slice).
 */
import type { Conversation } from '@backchannel/protocol';
import type { SliceReducer } from '../../core/store.js';
import type { Action, State } from '../../app/state.js';

export type SentRequest = { state: 'pending' } | { state: 'accepted'; by: string };

export interface RequestsState {
  sent: Readonly<Record<string, SentRequest>>;
}

export const initialRequests: RequestsState = { sent: {} };

/** A fresh `GET /v1/requests`: requests missing from it were answered elsewhere (or bulk-deleted). */
export type RequestsAction = { type: 'requests.listed'; conversations: readonly Conversation[] };

/** The requests a fresh listing no longer has: every slice drops what it holds for them. */
export function droppedByListing(held: Readonly<Record<string, Conversation>>, listed: readonly Conversation[]): string[] {
  const keep = new Set(listed.map((c) => c.id));
  return Object.values(held)
    .filter((c) => c.folder === 'requests' && !keep.has(c.id))
    .map((c) => c.id);
}

export const reduceRequests: SliceReducer<RequestsState, State, Action> = (own, action, { before }) => {
  if (action.type === 'outbox.failed' && action.code === 'request_pending') {
    const entry = before.conversation.outbox[action.clientMessageId];
    return entry ? { sent: { ...own.sent, [entry.conversationId]: { state: 'pending' } } } : own;
  }
  if (action.type === 'event' && action.event.type === 'request.accepted') {
    // Only the sender gets this; their conversation already sits in their inbox. What changes is
    // that they may write freely again, which the conversation screen tells them.
    const { conversationId, userId } = action.event.data;
    return { sent: { ...own.sent, [conversationId]: { state: 'accepted', by: userId } } };
  }
  return own;
};
