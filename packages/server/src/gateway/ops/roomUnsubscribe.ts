/** `room.unsubscribe`: stop receiving a room's events on this socket (presence ends after the grace period if no other socket listens). */
import type { ClientFrame } from '@backchannel/protocol';
import type { OpInput } from './types.js';

export function handleRoomUnsubscribe({ conn, frame }: OpInput<Extract<ClientFrame, { op: 'room.unsubscribe' }>>): void {
  conn.rooms.close(frame.roomId);
  if (frame.id !== undefined) conn.send({ type: 'ack', id: frame.id, data: { ok: true } });
}
