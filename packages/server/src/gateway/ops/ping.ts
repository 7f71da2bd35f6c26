import type { ClientFrame } from '@backchannel/protocol';
import type { OpInput } from './types.js';

export function handlePing({ conn, frame }: OpInput<Extract<ClientFrame, { op: 'ping' }>>): void {
  conn.send({ type: 'ack', id: frame.id ?? 'ping', data: { ok: true } });
}
