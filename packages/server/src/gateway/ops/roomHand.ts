/** `room.hand`: raise or lower one's hand, rate-limited per person (shared with `POST /v1/rooms/{id}/hand`). */
import type { ClientFrame } from '@backchannel/protocol';
import { setHand } from '../../domain/rooms/setHand.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

export async function handleRoomHand({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'room.hand' }>>): Promise<void> {
  const verdict = ctx.roomHands.take(me.id);
  if (!verdict.ok) {
    if (!conn.strike(verdict.retryAfterMs)) conn.sendError(frame.id, 'rate_limited', 'Too many hand raises.', { retryAfterMs: verdict.retryAfterMs });
    return;
  }
  try {
    await setHand(ctx.deps, me, frame.roomId, frame.raised);
    if (frame.id !== undefined) conn.send({ type: 'ack', id: frame.id, data: { ok: true } });
  } catch (err) {
    replyError(ctx, conn, frame.id, err);
  }
}
