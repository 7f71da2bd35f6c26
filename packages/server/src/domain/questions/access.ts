/**
 * Who may see and act on a question, in one place. A question someone may not see answers like
 * one that does not exist (`not_found`): a question of another room, and one awaiting approval or
 * hidden for anyone but its asker and the staff.
 */
import type { QuestionRow } from '../../storage/ports/questions.js';
import type { Tx } from '../../storage/store.js';
import { DomainError, notFound } from '../errors.js';
import type { RoomAccess } from '../rooms/access.js';
import { isStaffRole } from '../rooms/outbox.js';

export const isStaffHere = (a: RoomAccess): boolean => a.room.status === 'live' && a.me?.present === true && isStaffRole(a.me.role);

export function maySeeQuestion(a: RoomAccess, userId: string, q: QuestionRow): boolean {
  return q.visibility === 'visible' || q.askerId === userId || isStaffHere(a);
}

/** The question of this room the caller may see, or `not_found`; `lock` inside a write. */
export async function accessQuestion(tx: Tx, a: RoomAccess, userId: string, questionId: string, opts: { lock?: boolean; field?: string } = {}): Promise<QuestionRow> {
  const q = opts.lock ? await tx.questions.lock(questionId) : await tx.questions.byId(questionId);
  if (!q || q.roomId !== a.room.id || !maySeeQuestion(a, userId, q)) {
    const e = notFound('question');
    throw opts.field ? new DomainError('not_found', e.message, { field: opts.field }) : e;
  }
  return q;
}

/** A merged question is acted on through the one it went into. */
export function requireNotMerged(q: QuestionRow): void {
  if (q.status === 'merged') throw new DomainError('question_merged', 'This question was merged into another one.', { mergedInto: q.mergedInto });
}

export async function requireQaOn(tx: Tx, roomId: string): Promise<{ enabled: boolean; requireApproval: boolean }> {
  const s = await tx.questions.settings(roomId);
  if (!s?.enabled) throw new DomainError('qa_off', 'Q&A is off in this room.');
  return s;
}
