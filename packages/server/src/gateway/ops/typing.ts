import type { ClientFrame } from '@backchannel/protocol';
import { signalTyping } from '../../domain/conversations/typing.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

export async function handleTyping({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'typing' }>>): Promise<void> {
  try {
    await signalTyping(ctx.deps, me, frame.conversationId);
  } catch (err) {
    replyError(ctx, conn, undefined, err);
  }
}
