/**
 * Sets the caller's vote on a question: `voted: true` puts it there, `false` takes it away, and
 * asking for what is already so writes nothing (`changed: false`) — a retried or doubled vote
 * counts once. Votes go on visible, open questions only: `question_merged` (vote for the one it
 * went into), `question_closed` (answered or dismissed), `not_found` for a question one may not see.
 *
 * A vote holds only the question's row (not the room's) and emits no room event: its new count
 * goes out through the outbox and each node folds a room's counts into one frame per tick.
 */
import type { VoteResponse } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { accessRoom, requirePresent } from '../rooms/access.js';
import { accessQuestion, requireNotMerged, requireQaOn } from './access.js';
import { announceVotes } from './present.js';

export async function voteQuestion(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, questionId: string, voted: boolean): Promise<VoteResponse> {
  return deps.store.write(
    async (tx) => {
      const a = await accessRoom(tx, me, roomId);
      if (a.room.status !== 'live') throw new DomainError('room_ended', 'This room has ended.');
      requirePresent(a);
      await requireQaOn(tx, roomId);
      const q = await accessQuestion(tx, a, me.id, questionId, { lock: true });
      if (q.visibility !== 'visible') throw notFound('question');
      requireNotMerged(q);
      if (q.status === 'answered' || q.status === 'dismissed') throw new DomainError('question_closed', `This question was ${q.status}; it takes no more votes.`, { status: q.status });
      const now = deps.clock.now();
      const changed = voted ? await tx.questions.addVote(q.id, me.id, now) : await tx.questions.removeVote(q.id, me.id);
      if (!changed) return { questionId: q.id, voted, votes: q.votes, votesVersion: q.votesVersion, changed: false };
      const next = { ...q, votes: q.votes + (voted ? 1 : -1), votesVersion: q.votesVersion + 1, updatedAt: now };
      await tx.questions.update(q.id, { votes: next.votes, votesVersion: next.votesVersion, updatedAt: now });
      await announceVotes(tx, next, now);
      return { questionId: q.id, voted, votes: next.votes, votesVersion: next.votesVersion, changed: true };
    },
    { key: roomId },
  );
}
