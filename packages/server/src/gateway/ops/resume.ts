import type { ClientFrame } from '@backchannel/protocol';
import type { OpInput } from './types.js';

export async function handleResume({ conn, frame }: OpInput<Extract<ClientFrame, { op: 'resume' }>>): Promise<void> {
  await conn.resume(frame.cursor, frame.id);
}
