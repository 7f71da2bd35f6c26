/**
 * The app's state: one slice per feature, each with its own reducer beside its screens
 * (features/<name>/state.ts). Everything the server tells us (HTTP pages and socket events) and
 * everything the user does optimistically goes through `reduce`, so screens are a pure view of this
 * state, and the rules (unread counts, dedupe, outbox) are unit-tested in state.test.ts.
 *
 * Adding a feature's state: write features/<name>/state.ts (state, initial value, actions,
 * reducer), then add one line to each of `State`, `Action`, `initialState` and `SLICES`.
 */
import type { DurableEvent, TypingEvent } from '@backchannel/protocol';
import { initialSession, reduceSession, type SessionAction, type SessionState } from '../core/session.js';
import type { SliceReducer } from '../core/store.js';
import { initialConversation, reduceConversation, type ConversationAction, type ConversationState } from '../features/conversation/state.js';
import { initialInbox, reduceInbox, type InboxAction, type InboxState } from '../features/inbox/state.js';
import { initialPeople, reducePeople, type PeopleAction, type PeopleState } from '../features/profile/state.js';
import { initialRequests, reduceRequests, type RequestsAction, type RequestsState } from '../features/requests/state.js';
import { initialRooms, reduceRooms, type RoomsAction, type RoomsState } from '../features/rooms/state.js';

export interface State {
  session: SessionState;
  inbox: InboxState;
  conversation: ConversationState;
  requests: RequestsState;
  people: PeopleState;
  rooms: RoomsState;
}

/** A socket event (or a local stand-in for one, `pos: 'local'`), with the time it arrived. */
export type EventAction = { type: 'event'; event: DurableEvent | TypingEvent; now: number };

export type Action = SessionAction | InboxAction | ConversationAction | RequestsAction | PeopleAction | RoomsAction | EventAction;

export const initialState: State = {
  session: initialSession,
  inbox: initialInbox,
  conversation: initialConversation,
  requests: initialRequests,
  people: initialPeople,
  rooms: initialRooms,
};

/** Reduced in this order; a slice's `next` holds the ones before it (people reads the inbox). */
const SLICES: { [K in keyof State]: SliceReducer<State[K], State, Action> } = {
  session: reduceSession,
  inbox: reduceInbox,
  conversation: reduceConversation,
  requests: reduceRequests,
  people: reducePeople,
  rooms: reduceRooms,
};

/**
 * Which slices handle each socket event. Listing every type here makes the compiler fail when the
 * protocol adds one (`Record` over the union), which is the cue to handle it in those slices.
 */
export const EVENT_HANDLERS: Record<(DurableEvent | TypingEvent)['type'], readonly (keyof State)[]> = {
  'message.created': ['inbox', 'conversation'],
  'message.removed': ['inbox', 'conversation'],
  'message.updated': ['inbox', 'conversation'],
  'message.reaction': ['conversation'],
  'message.hidden': ['conversation'],
  'conversation.joined': ['inbox'],
  'conversation.left': ['inbox', 'conversation'],
  'conversation.updated': ['inbox'],
  'conversation.settings_updated': ['inbox'],
  'read.updated': ['inbox', 'conversation'],
  'request.accepted': ['requests'],
  typing: ['conversation'],
};

export function reduce(state: State, action: Action): State {
  // A new session (or none) starts every slice afresh.
  const base = action.type === 'session.started' || action.type === 'session.ended' ? initialState : state;
  let next = base;
  for (const key of Object.keys(SLICES) as (keyof State)[]) {
    const reducer = SLICES[key] as SliceReducer<State[typeof key], State, Action>;
    const own = reducer(base[key], action, { before: base, next });
    if (own !== next[key]) next = { ...next, [key]: own };
  }
  return next;
}
