/**
 * The staff merge a duplicate into another question of the same room: the target gets every
 * voter of both (a voter of both counts once) and the duplicate's askers are credited on it; the
 * duplicate becomes `merged` (its state shown to everyone who saw it) and takes no more votes.
 * Refused: into itself or a question of another room (`invalid_merge`), from or into a merged one
 * (`question_merged`), by anyone but the staff (`forbidden`).
 */
import type { Question } from '@backchannel/protocol';
import type { QuestionRow } from '../../storage/ports/questions.js';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { accessLiveRoom, requireStaff } from '../rooms/access.js';
import { RoomWrite } from '../rooms/record.js';
import { accessQuestion, requireNotMerged } from './access.js';
import { announceQuestion } from './present.js';

export async function mergeQuestions(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, questionId: string, intoId: string): Promise<Question> {
  if (questionId === intoId) throw new DomainError('invalid_merge', 'A question cannot be merged into itself.', { reason: 'same_question', field: 'intoId' });
  return deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      requireStaff(a);
      const from = await accessQuestion(tx, a, me.id, questionId, { lock: true });
      const target = await tx.questions.lock(intoId);
      if (!target) throw new DomainError('not_found', notFound('question').message, { field: 'intoId' });
      if (target.roomId !== roomId) throw new DomainError('invalid_merge', 'Questions merge only within one room.', { reason: 'other_room', field: 'intoId' });
      requireNotMerged(from);
      requireNotMerged(target);
      const now = deps.clock.now();
      const votes = await tx.questions.mergeVotes(from.id, target.id, now);
      const credited = [from.askerId, ...from.coAskerIds].filter((id) => id !== target.askerId && !target.coAskerIds.includes(id));
      const into: QuestionRow = { ...target, coAskerIds: [...target.coAskerIds, ...new Set(credited)], votes, votesVersion: target.votesVersion + 1, updatedAt: now };
      const merged: QuestionRow = { ...from, status: 'merged', mergedInto: target.id, updatedAt: now };
      await tx.questions.update(into.id, { coAskerIds: into.coAskerIds, votes, votesVersion: into.votesVersion, updatedAt: now });
      await tx.questions.update(merged.id, { status: 'merged', mergedInto: target.id, updatedAt: now });
      const w = new RoomWrite(tx, a.room, now);
      await announceQuestion(w, merged, from.visibility === 'visible');
      const question = await announceQuestion(w, into, target.visibility === 'visible');
      await w.done();
      return question;
    },
    { key: roomId },
  );
}
