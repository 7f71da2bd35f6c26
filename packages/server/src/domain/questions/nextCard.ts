/**
 * The "next question" card of the backstage (rooms/backstage.ts › postBackstageCard): when the
 * stage is free — nothing on stage — the visible pending question with the most votes is offered
 * to the speakers, who take it with `POST /v1/rooms/{id}/questions/{questionId}/take`. It is posted
 * inside the write that freed the stage (the question on stage answered, dismissed or put back)
 * or that made a question the first one waiting (asked or approved into an empty queue), so the
 * channel gets one card per turn of the queue, not one per vote or per question.
 */
import type { QuestionRow } from '../../storage/ports/questions.js';
import type { Tx } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { postBackstageCard } from '../rooms/backstage.js';

/** Posts the card when the stage is free and there is a question waiting; `only`: post only if that question is the next one. */
export async function offerNextQuestion(deps: Pick<Deps, 'clock' | 'ids'>, tx: Tx, roomId: string, actorId: string, only?: QuestionRow): Promise<void> {
  const { onStage, next } = await tx.questions.nextUp(roomId);
  if (onStage || !next || (only && next.id !== only.id)) return;
  await postBackstageCard(deps, tx, roomId, actorId, { type: 'qa.next_question', roomId, questionId: next.id, text: next.text, askerId: next.askerId, voteCount: next.votes });
}
