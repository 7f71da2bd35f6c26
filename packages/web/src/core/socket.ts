/**
 * Wires one session's socket to the app: durable events to `receive`, send snapshots to `outbox`,
 * typing and connection state to the store, and a resync (too far behind to replay) to `resync`,
 * which the socket awaits before resuming. Everything is ignored once the session is over (`live`
 * false), so a late event from a closed socket cannot touch the next session's state.
 */
import { DURABLE_EVENT_TYPES, type DurableEvent } from '@backchannel/protocol';
import type { BackchannelSocket, OutboxEntry } from '@backchannel/sdk';
import type { Action } from '../app/state.js';

export interface SocketHandlers {
  live: () => boolean;
  dispatch: (action: Action) => void;
  receive: (event: DurableEvent) => void;
  /** A send's snapshot (pending, sent, failed): the conversation feature maps it to an action. */
  outbox: (entry: OutboxEntry) => void;
  /** The server refused the token: forget the session. */
  unauthorized: () => void;
  resync: () => Promise<void>;
}

export function wireSocket(socket: BackchannelSocket, h: SocketHandlers): void {
  const when =
    <E>(fn: (event: E) => void) =>
    (event: E): void => {
      if (h.live()) fn(event);
    };
  for (const type of DURABLE_EVENT_TYPES) socket.on(type, when((event) => h.receive(event)));
  socket.on('typing', when((event) => h.dispatch({ type: 'event', event, now: Date.now() })));
  socket.on('ready', when(() => h.dispatch({ type: 'connection', state: 'online' })));
  socket.on('disconnected', when((e) => e.willReconnect && h.dispatch({ type: 'connection', state: 'offline' })));
  socket.on('outbox', when((entry) => h.outbox(entry)));
  socket.on('unauthorized', when(() => h.unauthorized()));
  socket.on('resync', async () => {
    if (h.live()) await h.resync();
  });
}
