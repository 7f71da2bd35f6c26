import type { ClientFrame } from '@backchannel/protocol';
import type { OpInput } from './types.js';

/** Authentication happens on upgrade; a second one on the same socket is refused, changing nothing. */
export function handleAuth({ conn, frame }: OpInput<Extract<ClientFrame, { op: 'auth' }>>): void {
  conn.sendError(frame.id, 'already_authenticated', 'This socket is already authenticated; open a new socket to switch accounts.');
}
