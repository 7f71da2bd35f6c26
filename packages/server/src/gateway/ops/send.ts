import type { ClientFrame } from '@backchannel/protocol';
import { sendMessage } from '../../domain/messages/sendMessage.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

export async function handleSend({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'message.send' }>>): Promise<void> {
  const verdict = ctx.userWrites.take(me.id);
  if (!verdict.ok) {
    conn.sendError(frame.id, 'rate_limited', 'Slow down.', { retryAfterMs: verdict.retryAfterMs });
    return;
  }
  try {
    const { message } = await sendMessage(ctx.deps, me, frame.conversationId, { clientMessageId: frame.clientMessageId, text: frame.text, ...(frame.replyToId !== undefined ? { replyToId: frame.replyToId } : {}) });
    conn.send({ type: 'ack', id: frame.id, data: { message } });
  } catch (err) {
    replyError(ctx, conn, frame.id, err);
  }
}
