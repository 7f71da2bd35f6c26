import type { ClientFrame } from '@backchannel/protocol';
import { markRead } from '../../domain/conversations/memberState.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

export async function handleRead({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'read.mark' }>>): Promise<void> {
  try {
    await markRead(ctx.deps, me, frame.conversationId, frame.seq);
    if (frame.id) conn.send({ type: 'ack', id: frame.id, data: { ok: true } });
  } catch (err) {
    replyError(ctx, conn, frame.id, err);
  }
}
