/** `room.question.vote`: a Q&A vote over the socket (same rules as `POST /v1/rooms/{id}/questions/{questionId}/vote`). */
import type { ClientFrame } from '@backchannel/protocol';
import { voteQuestion } from '../../domain/questions/voteQuestion.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

export async function handleRoomQuestionVote({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'room.question.vote' }>>): Promise<void> {
  const verdict = ctx.userWrites.take(me.id);
  if (!verdict.ok) {
    conn.sendError(frame.id, 'rate_limited', 'Slow down.', { retryAfterMs: verdict.retryAfterMs });
    return;
  }
  try {
    const result = await voteQuestion(ctx.deps, me, frame.roomId, frame.questionId, frame.voted);
    if (frame.id !== undefined) conn.send({ type: 'ack', id: frame.id, data: result });
  } catch (err) {
    replyError(ctx, conn, frame.id, err);
  }
}
