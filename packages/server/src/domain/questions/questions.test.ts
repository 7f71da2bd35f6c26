/**
 * Q&A through the public API (docs/subsystems/rooms.md, "Q&A"): asking, the per-person limits,
 * votes (set semantics, counted once), states, approval, hiding, what each socket receives.
 * Every refusal is checked to have written nothing. One server on a fake clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, createRoom, join, listen, people, roomFrames } from '../rooms/rooms.test-helpers.js';
import { ask, asked, list, qaRoom, setState, vote } from './questions.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

const ids = (qs: Question[]) => qs.map((q) => q.text);

describe('asking', () => {
  it('is refused while Q&A is off, and only the staff switch it', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    expect((await ask(s, a, room.id, 'anyone?')).body).toMatchObject({ code: 'qa_off' });
    expect((await api(s, a, 'PATCH', `/v1/rooms/${room.id}/qa`, { enabled: true })).body).toMatchObject({ code: 'forbidden' });
    expect((await list(s, a, room.id)).qa).toEqual({ enabled: false, requireApproval: false });
    const { spy } = await listen(s, a, room.id);
    expect((await api(s, host, 'PATCH', `/v1/rooms/${room.id}/qa`, { enabled: true })).body).toEqual({ qa: { enabled: true, requireApproval: false } });
    await spy.waitFor((f) => f.type === 'room.qa_updated');
    expect((await ask(s, a, room.id, 'now?')).status).toBe(200);
    // Off again: votes and questions stop, the list stays.
    await api(s, host, 'PATCH', `/v1/rooms/${room.id}/qa`, { enabled: false });
    const [q] = (await list(s, a, room.id)).questions;
    expect((await vote(s, host, room.id, q!.id)).body).toMatchObject({ code: 'qa_off' });
    expect((await list(s, a, room.id)).questions[0]!.votes).toBe(0);
    spy.close();
  });

  it('checks the text: 280 characters, not blank, no control characters; one line', async () => {
    const [host, a] = await people(s, 2);
    const roomId = await qaRoom(s, host, [a]);
    expect((await ask(s, a, roomId, 'x'.repeat(281))).body).toMatchObject({ code: 'too_large', details: { field: 'text', max: 280 } });
    expect((await ask(s, a, roomId, '   ')).body).toMatchObject({ code: 'empty_message' });
    expect((await ask(s, a, roomId, 'bad \u202e text')).body).toMatchObject({ code: 'invalid_text' });
    expect((await api(s, a, 'POST', `/v1/rooms/${roomId}/questions`, { text: 'hi', extra: 1 })).body).toMatchObject({ code: 'bad_request' });
    expect((await list(s, a, roomId)).questions).toEqual([]);
    const q = await asked(s, a, roomId, `  two\n lines ${'é'.repeat(260)}`);
    expect(q.text).toBe(`two lines ${'é'.repeat(260)}`);
    expect(q).toMatchObject({ status: 'pending', visibility: 'visible', votes: 0, asker: { id: a.id }, coAskers: [], mergedInto: null });
  });

  it('needs the asker in the room; someone removed is told the room does not exist', async () => {
    const [host, a, b, outsider] = await people(s, 4);
    const roomId = await qaRoom(s, host, [a, b]);
    expect((await ask(s, outsider, roomId, 'from outside')).body).toMatchObject({ code: 'not_in_room' });
    expect((await api(s, host, 'POST', `/v1/rooms/${roomId}/people/${b.id}/remove`)).status).toBe(200);
    expect((await ask(s, b, roomId, 'after removal')).body).toMatchObject({ code: 'not_found' });
    expect((await ask(s, a, roomId, 'x', )).status).toBe(200);
    expect(ids((await list(s, host, roomId)).questions)).toEqual(['x']);
  });

  it('limits each person: one question per 30 s (with the time left), three open at once', async () => {
    const [host, a] = await people(s, 2);
    const roomId = await qaRoom(s, host, [a]);
    await asked(s, a, roomId, 'first');
    clock.advance(10_000);
    const soon = await ask(s, a, roomId, 'second');
    expect(soon.status).toBe(429);
    expect(soon.body).toMatchObject({ code: 'rate_limited', details: { retryAfterMs: 20_000, retryAfterSeconds: 20 } });
    clock.advance(20_000);
    await asked(s, a, roomId, 'second');
    clock.advance(30_000);
    await asked(s, a, roomId, 'third');
    clock.advance(30_000);
    expect((await ask(s, a, roomId, 'fourth')).body).toMatchObject({ code: 'qa_open_limit', details: { max: 3 } });
    expect(ids((await list(s, a, roomId)).questions)).toEqual(['first', 'second', 'third']);
    // An answered question frees a place.
    const first = (await list(s, a, roomId)).questions[0]!;
    expect((await setState(s, host, roomId, first.id, { status: 'answered' })).status).toBe(200);
    await asked(s, a, roomId, 'fourth');
  });
});

describe('votes', () => {
  it('are set, not toggled blindly: voting twice counts once, false takes it back; the queue is by votes, then age', async () => {
    const [host, a, b, c] = await people(s, 4);
    const roomId = await qaRoom(s, host, [a, b, c]);
    const q1 = await asked(s, a, roomId, 'older');
    clock.advance(1);
    const q2 = await asked(s, b, roomId, 'newer');
    expect((await vote(s, c, roomId, q2.id)).body).toEqual({ questionId: q2.id, voted: true, votes: 1, votesVersion: 1, changed: true });
    expect((await vote(s, c, roomId, q2.id)).body).toEqual({ questionId: q2.id, voted: true, votes: 1, votesVersion: 1, changed: false });
    expect(ids((await list(s, c, roomId)).questions)).toEqual(['newer', 'older']);
    expect((await list(s, c, roomId)).votedIds).toEqual([q2.id]);
    expect((await vote(s, c, roomId, q2.id, false)).body).toMatchObject({ voted: false, votes: 0, changed: true });
    expect((await vote(s, c, roomId, q2.id, false)).body).toMatchObject({ voted: false, votes: 0, changed: false });
    // Equal votes: the older first.
    expect(ids((await list(s, c, roomId)).questions)).toEqual(['older', 'newer']);
    expect((await vote(s, c, roomId, 'no-such-question')).body).toMatchObject({ code: 'not_found' });
    expect((await vote(s, c, roomId, q1.id)).body).toMatchObject({ votes: 1 });
  });

  it('are refused on dismissed, answered and merged questions, and outside the room', async () => {
    const [host, a, b, outsider] = await people(s, 4);
    const roomId = await qaRoom(s, host, [a, b]);
    const q1 = await asked(s, a, roomId, 'dismiss me');
    const q2 = await asked(s, b, roomId, 'merge me');
    clock.advance(1);
    const q3 = await asked(s, host, roomId, 'keep me');
    await setState(s, host, roomId, q1.id, { status: 'dismissed' });
    expect((await vote(s, b, roomId, q1.id)).body).toMatchObject({ code: 'question_closed', details: { status: 'dismissed' } });
    expect((await api(s, host, 'POST', `/v1/rooms/${roomId}/questions/${q2.id}/merge`, { intoId: q3.id })).status).toBe(200);
    expect((await vote(s, a, roomId, q2.id)).body).toMatchObject({ code: 'question_merged', details: { mergedInto: q3.id } });
    expect((await vote(s, outsider, roomId, q3.id)).body).toMatchObject({ code: 'not_in_room' });
    const after = await list(s, host, roomId);
    expect(after.questions.map((q) => [q.text, q.votes])).toEqual([['dismiss me', 0], ['keep me', 0]]);
  });

  it('reach listeners coalesced: many votes, a few frames, the last count exact', async () => {
    // Its own server with a tick longer than the test, so the test sends the tick (`flush`).
    const slow = await startTestServer({ roomSweepIntervalMs: 0, roomQaVotesIntervalMs: 60_000 }, { clock });
    try {
      await coalesced(slow);
    } finally {
      await slow.close();
    }
  });

  async function coalesced(s: TestServer): Promise<void> {
    const voters = await people(s, 12);
    const [host, a] = await people(s, 2);
    const roomId = await qaRoom(s, host, [a, ...voters]);
    const q = await asked(s, a, roomId, 'popular');
    const { spy } = await listen(s, a, roomId);
    const before = s.router.rooms.votes.framesBuilt;
    await Promise.all(voters.map((v) => vote(s, v, roomId, q.id)));
    await spy.settle();
    // Nothing went out per vote; the tick sends one frame with the newest count.
    expect(spy.frames.filter((f) => f.type === 'room.qa_votes')).toEqual([]);
    s.router.rooms.votes.flush();
    const f = await spy.waitFor((x) => x.type === 'room.qa_votes');
    expect(f).toMatchObject({ roomId, data: { votes: [{ questionId: q.id, votes: 12, votesVersion: 12 }] } });
    expect(s.router.rooms.votes.framesBuilt - before).toBe(1);
    // No room event either: votes take no seq.
    expect(roomFrames(spy, roomId)).toEqual([]);
    spy.close();
  }

  it('work over the socket too (`room.question.vote`)', async () => {
    const [host, a] = await people(s, 2);
    const roomId = await qaRoom(s, host, [a]);
    const q = await asked(s, host, roomId, 'by socket');
    const { spy } = await listen(s, a, roomId);
    spy.send({ op: 'room.question.vote', id: 'v1', roomId, questionId: q.id, voted: true });
    expect(await spy.waitFor((f) => f.type === 'ack' && f.id === 'v1')).toMatchObject({ data: { votes: 1, changed: true } });
    spy.send({ op: 'room.question.vote', id: 'v2', roomId, questionId: 'nope', voted: true });
    expect(await spy.waitFor((f) => f.type === 'error' && f.id === 'v2')).toMatchObject({ code: 'not_found' });
    spy.close();
  });
});

describe('states and visibility', () => {
  it('lets only the staff move a question; the asker and everyone see each state', async () => {
    const [host, mod, a, b] = await people(s, 4);
    const roomId = await qaRoom(s, host, [mod, a, b]);
    await api(s, host, 'PUT', `/v1/rooms/${roomId}/moderators/${mod.id}`);
    const q = await asked(s, a, roomId, 'what next?');
    const asker = await listen(s, a, roomId);
    const other = await listen(s, b, roomId);
    expect((await setState(s, b, roomId, q.id, { status: 'on_stage' })).body).toMatchObject({ code: 'forbidden' });
    expect((await setState(s, b, roomId, q.id, { visibility: 'hidden' })).body).toMatchObject({ code: 'forbidden' });
    expect((await list(s, b, roomId)).questions[0]).toMatchObject({ status: 'pending', visibility: 'visible' });
    expect((await setState(s, mod, roomId, q.id, { status: 'on_stage' })).body.question).toMatchObject({ status: 'on_stage' });
    expect((await setState(s, host, roomId, q.id, { status: 'answered' })).body.question).toMatchObject({ status: 'answered' });
    for (const x of [asker, other]) {
      await x.spy.waitFor((f) => f.type === 'room.question' && (f.data as { question: Question }).question.status === 'answered');
      expect(roomFrames(x.spy, roomId).map((f) => (f.type === 'room.question' ? f.data.question.status : f.type))).toEqual(['on_stage', 'answered']);
    }
    expect((await setState(s, host, roomId, q.id, { status: 'pending' })).body).toMatchObject({ code: 'question_closed' });
    const d = await asked(s, b, roomId, 'dismissed one');
    await setState(s, host, roomId, d.id, { status: 'dismissed' });
    expect((await setState(s, host, roomId, d.id, { status: 'on_stage' })).body).toMatchObject({ code: 'question_transition', details: { from: 'dismissed', to: 'on_stage' } });
    expect((await setState(s, host, roomId, d.id, { status: 'pending' })).body.question).toMatchObject({ status: 'pending' });
    asker.spy.close();
    other.spy.close();
  });

  it('with approval on, shows a new question to its asker and the staff only until approved', async () => {
    const [host, a, b] = await people(s, 3);
    const roomId = await qaRoom(s, host, [a, b], { requireApproval: true });
    const asker = await listen(s, a, roomId);
    const other = await listen(s, b, roomId);
    const staff = await listen(s, host, roomId);
    const q = await asked(s, a, roomId, 'may I?');
    expect(q.visibility).toBe('awaiting_approval');
    await staff.spy.waitFor((f) => f.type === 'room.question');
    await asker.spy.waitFor((f) => f.type === 'room.question');
    expect(ids((await list(s, b, roomId)).questions)).toEqual([]);
    expect(ids((await list(s, a, roomId)).questions)).toEqual(['may I?']);
    expect((await vote(s, b, roomId, q.id)).body).toMatchObject({ code: 'not_found' });
    expect((await setState(s, host, roomId, q.id, { visibility: 'visible' })).body.question).toMatchObject({ visibility: 'visible' });
    const seen = await other.spy.waitFor((f) => f.type === 'room.question');
    expect(seen).toMatchObject({ data: { question: { text: 'may I?', visibility: 'visible' } } });
    // The other listener got nothing before the approval.
    expect(roomFrames(other.spy, roomId)).toHaveLength(1);
    // The staff's own questions need no approval.
    expect((await asked(s, host, roomId, 'from the host')).visibility).toBe('visible');
    for (const x of [asker, other, staff]) x.spy.close();
  });

  it('resumes: question events missed while away are replayed in order, without what the viewer may not see', async () => {
    const [host, a, b] = await people(s, 3);
    const roomId = await qaRoom(s, host, [a, b]);
    const first = await listen(s, b, roomId);
    const seen = first.room.seq;
    first.spy.close();
    const q = await asked(s, a, roomId, 'while you were away');
    await setState(s, host, roomId, q.id, { status: 'on_stage' });
    await api(s, host, 'PATCH', `/v1/rooms/${roomId}/qa`, { requireApproval: true });
    await asked(s, host, roomId, 'visible: staff need no approval');
    clock.advance(30_000);
    await ask(s, a, roomId, 'awaiting approval, not for b');
    const again = await listen(s, b, roomId, seen);
    const replayed = roomFrames(again.spy, roomId);
    expect(replayed.map((f) => (f.type === 'room.question' ? `${f.data.question.text}:${f.data.question.status}` : f.type))).toEqual([
      'while you were away:pending',
      'while you were away:on_stage',
      'room.qa_updated',
      'visible: staff need no approval:pending',
    ]);
    expect(replayed.map((f) => f.seq)).toEqual([...replayed.map((f) => f.seq)].sort((x, y) => x - y));
    again.spy.close();
  });

  it('hides a question: everyone is told to drop it, without its text', async () => {
    const [host, a, b] = await people(s, 3);
    const roomId = await qaRoom(s, host, [a, b]);
    const q = await asked(s, a, roomId, 'rude words');
    const other = await listen(s, b, roomId);
    const asker = await listen(s, a, roomId);
    await setState(s, host, roomId, q.id, { visibility: 'hidden' });
    await other.spy.waitFor((f) => f.type === 'room.question_hidden');
    await asker.spy.waitFor((f) => f.type === 'room.question');
    await other.spy.settle();
    expect(roomFrames(other.spy, roomId).map((f) => f.type)).toEqual(['room.question_hidden']);
    expect(JSON.stringify(other.spy.frames)).not.toContain('rude words');
    expect(ids((await list(s, b, roomId)).questions)).toEqual([]);
    expect((await list(s, a, roomId)).questions[0]).toMatchObject({ visibility: 'hidden' });
    other.spy.close();
    asker.spy.close();
  });
});
