/**
 * The staff move a question through its states and its visibility; a speaker takes the next one
 * (puts a pending question on stage, from the backstage card). Everyone who may see the question
 * gets the change, its asker included (their notification).
 *
 *   pending → on_stage | answered | dismissed;  on_stage → pending | answered | dismissed;
 *   dismissed → pending;  answered: final (`question_closed`);  merged: `question_merged`.
 * Visibility: `visible` (also approves a question awaiting approval) or `hidden`.
 * A listener (or a speaker, except taking one on stage) gets `forbidden`; setting what is already
 * so changes nothing and emits nothing. A question leaving the stage offers the next one to the
 * speakers in the backstage (nextCard.ts).
 */
import type { Question, QuestionStateBody, QuestionStatus } from '@backchannel/protocol';
import type { QuestionRow } from '../../storage/ports/questions.js';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessLiveRoom, requirePresent, requireStaff, type RoomAccess } from '../rooms/access.js';
import { RoomWrite } from '../rooms/record.js';
import { accessQuestion, requireNotMerged } from './access.js';
import { offerNextQuestion } from './nextCard.js';
import { announceQuestion, presentQuestion } from './present.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids'>;

const NEXT: Record<QuestionStatus, readonly QuestionStatus[]> = {
  pending: ['on_stage', 'answered', 'dismissed'],
  on_stage: ['pending', 'answered', 'dismissed'],
  dismissed: ['pending'],
  answered: [],
  merged: [],
};

function checkTransition(q: QuestionRow, to: QuestionStatus): void {
  requireNotMerged(q);
  if (q.status === to) return;
  if (q.status === 'answered') throw new DomainError('question_closed', 'This question was answered.', { status: q.status });
  if (!NEXT[q.status].includes(to)) throw new DomainError('question_transition', `A question cannot go from ${q.status} to ${to}.`, { from: q.status, to });
}

async function apply(deps: D, tx: Tx, a: RoomAccess, actorId: string, q: QuestionRow, body: QuestionStateBody): Promise<Question> {
  const now = deps.clock.now();
  const status = body.status ?? q.status;
  // Approving (or un-hiding) is "visible"; a question awaiting approval stays so unless approved.
  const visibility = body.visibility ?? q.visibility;
  if (status !== q.status) checkTransition(q, status);
  else requireNotMerged(q);
  if (status === q.status && visibility === q.visibility) return presentQuestion(tx, q);
  const next: QuestionRow = { ...q, status, visibility, updatedAt: now };
  await tx.questions.update(q.id, { status, visibility, updatedAt: now });
  const w = new RoomWrite(tx, a.room, now);
  const question = await announceQuestion(w, next, q.visibility === 'visible');
  await w.done();
  // The stage freed up: offer the next question backstage. A question just approved: offer it if it is the first waiting.
  if (q.status === 'on_stage' && status !== 'on_stage') await offerNextQuestion(deps, tx, a.room.id, actorId);
  else if (q.visibility !== 'visible' && visibility === 'visible' && status === 'pending') await offerNextQuestion(deps, tx, a.room.id, actorId, next);
  return question;
}

export async function setQuestionState(deps: D, me: UserRow, roomId: string, questionId: string, body: QuestionStateBody): Promise<Question> {
  return deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      requirePresent(a);
      const q = await accessQuestion(tx, a, me.id, questionId, { lock: true });
      requireStaff(a);
      return apply(deps, tx, a, me.id, q, body);
    },
    { key: roomId },
  );
}

/** Anyone on the stage puts a visible pending question on stage (the backstage "next question" card). */
export async function takeQuestion(deps: D, me: UserRow, roomId: string, questionId: string): Promise<Question> {
  return deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const p = requirePresent(a);
      const q = await accessQuestion(tx, a, me.id, questionId, { lock: true });
      if (p.role === 'listener') throw new DomainError('forbidden', 'Only people on the stage can take a question.');
      if (q.visibility !== 'visible') throw new DomainError('question_transition', 'Approve the question before taking it.', { from: q.status, to: 'on_stage' });
      return apply(deps, tx, a, me.id, q, { status: 'on_stage' });
    },
    { key: roomId },
  );
}
