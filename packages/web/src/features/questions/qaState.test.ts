import { describe, expect, it } from 'vitest';
import type { Question } from '@backchannel/protocol';
import { applyMyVote, applyQaEvent, applyQaVotes, fromList, ordered } from './qaState.js';

const q = (id: string, extra: Partial<Question> = {}): Question => ({
  id,
  roomId: 'r1',
  asker: { id: 'u1', username: 'u1', displayName: 'U One' },
  coAskers: [],
  text: `question ${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  status: 'pending',
  visibility: 'visible',
  mergedInto: null,
  votes: 0,
  votesVersion: 0,
  ...extra,
});
const list = (questions: Question[], seq = 5) => fromList({ qa: { enabled: true, requireApproval: false }, questions, votedIds: [], hasMore: false, seq });

describe('the Q&A panel state', () => {
  it('drops events the list already holds and applies newer ones', () => {
    const v = list([q('a')]);
    expect(applyQaEvent(v, { type: 'room.question', roomId: 'r1', seq: 5, data: { question: q('a', { status: 'answered' }) } })).toBe(v);
    const next = applyQaEvent(v, { type: 'room.question', roomId: 'r1', seq: 6, data: { question: q('a', { status: 'on_stage' }) } });
    expect(next.byId.a?.status).toBe('on_stage');
    expect(applyQaEvent(next, { type: 'room.question_hidden', roomId: 'r1', seq: 7, data: { questionId: 'a' } }).byId).toEqual({});
  });

  it('keeps the vote count with the highest version, from frames, events and my own vote', () => {
    let v = list([q('a', { votes: 3, votesVersion: 3 })]);
    v = applyQaVotes(v, { type: 'room.qa_votes', roomId: 'r1', data: { votes: [{ questionId: 'a', votes: 9, votesVersion: 9 }] } });
    expect(v.byId.a?.votes).toBe(9);
    v = applyQaVotes(v, { type: 'room.qa_votes', roomId: 'r1', data: { votes: [{ questionId: 'a', votes: 4, votesVersion: 4 }] } });
    expect(v.byId.a?.votes).toBe(9);
    // A state change carrying an older count keeps the newer one.
    v = applyQaEvent(v, { type: 'room.question', roomId: 'r1', seq: 6, data: { question: q('a', { status: 'on_stage', votes: 3, votesVersion: 3 }) } });
    expect(v.byId.a).toMatchObject({ status: 'on_stage', votes: 9 });
    v = applyMyVote(v, { questionId: 'a', voted: true, votes: 10, votesVersion: 10 });
    expect([v.byId.a?.votes, v.voted.has('a')]).toEqual([10, true]);
  });

  it('orders on stage first, the queue by votes then age, the closed ones last, without merged ones', () => {
    const v = list([
      q('old', { votes: 1, createdAt: '2026-01-01T00:00:01.000Z' }),
      q('young', { votes: 1, createdAt: '2026-01-01T00:00:02.000Z' }),
      q('top', { votes: 5 }),
      q('done', { status: 'answered', votes: 50 }),
      q('stage', { status: 'on_stage' }),
      q('gone', { status: 'merged', mergedInto: 'top' }),
    ]);
    expect(ordered(v).map((x) => x.id)).toEqual(['stage', 'top', 'old', 'young', 'done']);
  });
});
