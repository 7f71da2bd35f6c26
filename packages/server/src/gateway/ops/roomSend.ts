/** `room.message.send`: room chat over the socket (same rules and idempotency as `POST /v1/rooms/{id}/messages`). */
import type { ClientFrame } from '@backchannel/protocol';
import { sendRoomMessage } from '../../domain/rooms/sendRoomMessage.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

export async function handleRoomSend({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'room.message.send' }>>): Promise<void> {
  const verdict = ctx.userWrites.take(me.id);
  if (!verdict.ok) {
    conn.sendError(frame.id, 'rate_limited', 'Slow down.', { retryAfterMs: verdict.retryAfterMs });
    return;
  }
  try {
    const message = await sendRoomMessage(ctx.deps, me, frame.roomId, { clientMessageId: frame.clientMessageId, text: frame.text });
    conn.send({ type: 'ack', id: frame.id, data: { message } });
  } catch (err) {
    replyError(ctx, conn, frame.id, err);
  }
}
