/** The session slice: who is signed in, and the socket's connection state (the banner). */
import type { Me } from '@backchannel/protocol';
import type { SliceReducer } from './store.js';
import type { Action, State } from '../app/state.js';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

export interface SessionState {
  me: Me | null;
  connection: ConnectionState;
}

export const initialSession: SessionState = { me: null, connection: 'idle' };

/** `session.started` and `session.ended` also reset every other slice (app/state.ts). */
export type SessionAction =
  | { type: 'session.started'; me: Me }
  | { type: 'session.ended' }
  | { type: 'me.updated'; me: Me }
  | { type: 'connection'; state: ConnectionState };

export const reduceSession: SliceReducer<SessionState, State, Action> = (own, action) => {
  switch (action.type) {
    case 'session.started':
      return { ...initialSession, me: action.me };
    case 'session.ended':
      return initialSession;
    case 'me.updated':
      return { ...own, me: action.me };
    case 'connection':
      return own.connection === action.state ? own : { ...own, connection: action.state };
    default:
      return own;
  }
};
