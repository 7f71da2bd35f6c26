/**
 * What every feature's controller part is given (STYLE.md: explicit dependencies, no singletons):
 * the store, the SDK's HTTP client, and the socket of the current session (null while signed out
 * or starting). Only controllers call the SDK; screens call controllers and read the store.
 */
import type { BackchannelClient, BackchannelSocket } from '@backchannel/sdk';
import type { Action, State } from '../app/state.js';
import type { Store } from './store.js';

export type AppStore = Store<State, Action>;

export interface ControllerDeps {
  store: AppStore;
  client: BackchannelClient;
  socket: () => BackchannelSocket | null;
}

/** A local stand-in for the server's `conversation.left`, so every slice drops the conversation at once. */
export function leftLocally(deps: ControllerDeps, conversationId: string): void {
  deps.store.dispatch({ type: 'event', event: { type: 'conversation.left', pos: 'local', data: { conversationId } }, now: Date.now() });
}
