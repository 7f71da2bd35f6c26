/**
 * Q&A from the stage, through the public API: merging duplicates, taking a question on stage,
 * bringing the asker up, answering privately, and the list after the room ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Message, QuestionList } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, createRoom, join, listen, people } from '../rooms/rooms.test-helpers.js';
import { asked, list, qaRoom, setState, vote } from './questions.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

const merge = (u: Parameters<typeof api>[1], roomId: string, id: string, intoId: string) => api(s, u, 'POST', `/v1/rooms/${roomId}/questions/${id}/merge`, { intoId });

describe('merging duplicates', () => {
  it('sums the votes counting each voter once and credits both askers', async () => {
    const [host, a, b, v1, v2, v3] = await people(s, 6);
    const roomId = await qaRoom(s, host, [a, b, v1, v2, v3]);
    const keep = await asked(s, a, roomId, 'How does it scale?');
    const dup = await asked(s, b, roomId, 'Does it scale?');
    for (const v of [v1, v2]) await vote(s, v, roomId, keep.id);
    for (const v of [v2, v3, b]) await vote(s, v, roomId, dup.id);
    const spy = (await listen(s, v1, roomId)).spy;
    expect((await merge(a, roomId, dup.id, keep.id)).body).toMatchObject({ code: 'forbidden' });
    const res = await merge(host, roomId, dup.id, keep.id);
    expect(res.body).toMatchObject({ question: { id: keep.id, votes: 4, coAskers: [{ id: b.id }], status: 'pending' } });
    const after = await list(s, v3, roomId);
    expect(after.questions.map((q) => [q.id, q.votes])).toEqual([[keep.id, 4]]);
    expect(after.votedIds).toEqual([keep.id]);
    // Everyone sees the duplicate go (merged, pointing at the kept one) and the kept one's new count.
    await spy.waitFor((f) => f.type === 'room.question' && f.data.question.id === keep.id);
    expect(spy.frames.filter((f) => f.type === 'room.question').map((f) => f.type === 'room.question' && [f.data.question.id, f.data.question.status, f.data.question.mergedInto])).toEqual([
      [dup.id, 'merged', keep.id],
      [keep.id, 'pending', null],
    ]);
    // v2 voted both: taking the vote back leaves 3.
    expect((await vote(s, v2, roomId, keep.id, false)).body).toMatchObject({ votes: 3 });
    spy.close();
  });

  it('refuses merging into itself, across rooms, or from and into a merged question', async () => {
    const [host, a, b] = await people(s, 3);
    const roomId = await qaRoom(s, host, [a, b]);
    const otherRoom = await qaRoom(s, host, [a]);
    const q1 = await asked(s, a, roomId, 'one');
    clock.advance(1);
    const q2 = await asked(s, b, roomId, 'two');
    const elsewhere = await asked(s, host, otherRoom, 'elsewhere');
    expect((await merge(host, roomId, q1.id, q1.id)).body).toMatchObject({ code: 'invalid_merge', details: { reason: 'same_question' } });
    expect((await merge(host, roomId, q1.id, elsewhere.id)).body).toMatchObject({ code: 'invalid_merge', details: { reason: 'other_room' } });
    expect((await merge(host, roomId, elsewhere.id, q1.id)).body).toMatchObject({ code: 'not_found' });
    expect((await merge(host, roomId, q1.id, 'nope')).body).toMatchObject({ code: 'not_found', details: { field: 'intoId' } });
    const unchanged = await list(s, host, roomId);
    expect(unchanged.questions.map((q) => [q.text, q.status, q.coAskers.length])).toEqual([['one', 'pending', 0], ['two', 'pending', 0]]);
    expect((await merge(host, roomId, q2.id, q1.id)).status).toBe(200);
    expect((await merge(host, roomId, q2.id, q1.id)).body).toMatchObject({ code: 'question_merged', details: { mergedInto: q1.id } });
    expect((await merge(host, roomId, q1.id, q2.id)).body).toMatchObject({ code: 'question_merged' });
    expect((await setState(s, host, roomId, q2.id, { status: 'on_stage' })).body).toMatchObject({ code: 'question_merged' });
  });
});

describe('from the stage', () => {
  it('lets a speaker take a pending question on stage, not a listener', async () => {
    const [host, speaker, a] = await people(s, 3);
    const roomId = await qaRoom(s, host, [speaker, a]);
    await api(s, host, 'POST', `/v1/rooms/${roomId}/people/${speaker.id}/invite`);
    expect((await api(s, speaker, 'POST', `/v1/rooms/${roomId}/speak`)).status).toBe(200);
    const q = await asked(s, a, roomId, 'take me');
    expect((await api(s, a, 'POST', `/v1/rooms/${roomId}/questions/${q.id}/take`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, speaker, 'POST', `/v1/rooms/${roomId}/questions/${q.id}/take`)).body).toMatchObject({ question: { status: 'on_stage' } });
    // A speaker changes nothing else.
    expect((await setState(s, speaker, roomId, q.id, { status: 'answered' })).body).toMatchObject({ code: 'forbidden' });
  });

  it('brings the asker up: the invitation to speak of the rooms', async () => {
    const [host, a, b] = await people(s, 3);
    const roomId = await qaRoom(s, host, [a, b]);
    const q = await asked(s, a, roomId, 'can I say it myself?');
    const asker = await listen(s, a, roomId);
    expect((await api(s, b, 'POST', `/v1/rooms/${roomId}/questions/${q.id}/invite`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, host, 'POST', `/v1/rooms/${roomId}/questions/${q.id}/invite`)).status).toBe(200);
    expect(await asker.spy.waitFor((f) => f.type === 'room.hand_changed')).toMatchObject({ data: { user: { id: a.id }, invitedToSpeak: true } });
    asker.spy.close();
  });

  it('answers privately: the 1:1 starts with the question quoted and the room named, once', async () => {
    const [host, mod, a] = await people(s, 3);
    const room = await createRoom(s, host, { title: 'Late show' });
    for (const u of [mod, a]) await join(s, u, room.id);
    await api(s, host, 'PATCH', `/v1/rooms/${room.id}/qa`, { enabled: true });
    await api(s, host, 'PUT', `/v1/rooms/${room.id}/moderators/${mod.id}`);
    const q = await asked(s, a, room.id, 'What is your favourite song?');
    expect((await api(s, mod, 'POST', `/v1/rooms/${room.id}/questions/${q.id}/answer-privately`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/questions/${q.id}/answer-privately`)).body).toMatchObject({ code: 'forbidden' });
    const convs = await api<{ conversations: Conversation[] }>(s, a, 'GET', '/v1/conversations?folder=requests');
    expect(convs.body.conversations ?? []).toEqual([]);
    const res = await api<{ conversationId: string; created: boolean }>(s, host, 'POST', `/v1/rooms/${room.id}/questions/${q.id}/answer-privately`);
    expect(res.body).toMatchObject({ created: true });
    // The asker does not follow the host: it is a request, starting with the quote.
    const inRequests = await api<{ conversations: Conversation[] }>(s, a, 'GET', '/v1/conversations?folder=requests');
    expect(inRequests.body.conversations.map((c) => c.id)).toEqual([res.body.conversationId]);
    // Labelled with the room it came from.
    expect(inRequests.body.conversations[0]!.request).toMatchObject({ room: { id: room.id, title: 'Late show' } });
    const history = await api<{ messages: Message[] }>(s, a, 'GET', `/v1/conversations/${res.body.conversationId}/messages`);
    expect(history.body.messages.map((m) => m.text)).toEqual(['Your question in “Late show”:\n> What is your favourite song?']);
    // Again: the same 1:1, no second quote.
    const again = await api(s, host, 'POST', `/v1/rooms/${room.id}/questions/${q.id}/answer-privately`);
    expect(again.body).toEqual({ conversationId: res.body.conversationId, created: false });
    expect((await api<{ messages: Message[] }>(s, a, 'GET', `/v1/conversations/${res.body.conversationId}/messages`)).body.messages).toHaveLength(1);
  });

  it('refuses answering privately a question of a room you do not host', async () => {
    const [hostA, hostB, a] = await people(s, 3);
    const roomA = await qaRoom(s, hostA, [a]);
    const roomB = await qaRoom(s, hostB, [a]);
    const q = await asked(s, a, roomA, 'for room A');
    // hostB hosts another room and is in neither as staff: forbidden here, and the question is not B's.
    await join(s, hostB, roomA);
    expect((await api(s, hostB, 'POST', `/v1/rooms/${roomA}/questions/${q.id}/answer-privately`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, hostB, 'POST', `/v1/rooms/${roomB}/questions/${q.id}/answer-privately`)).body).toMatchObject({ code: 'not_found' });
    expect((await api<{ conversations: Conversation[] }>(s, a, 'GET', '/v1/conversations?folder=requests')).body.conversations).toEqual([]);
  });
});

describe('the backstage card', () => {
  const cards = async (u: Parameters<typeof api>[1], roomId: string) => {
    const b = await api<{ conversation: Conversation }>(s, u, 'GET', `/v1/rooms/${roomId}/backstage`);
    const h = await api<{ messages: Message[] }>(s, u, 'GET', `/v1/conversations/${b.body.conversation.id}/messages`);
    return h.body.messages.filter((m) => m.system?.action === 'backstage_card').map((m) => m.system!.card!);
  };

  it('offers the first waiting question and, each time the stage frees up, the most voted one', async () => {
    const [host, speaker, a, b, c] = await people(s, 5);
    const roomId = await qaRoom(s, host, [speaker, a, b, c]);
    await api(s, host, 'POST', `/v1/rooms/${roomId}/people/${speaker.id}/invite`);
    await api(s, speaker, 'POST', `/v1/rooms/${roomId}/speak`);
    const first = await asked(s, a, roomId, 'first in line');
    clock.advance(1);
    const second = await asked(s, b, roomId, 'second');
    await vote(s, c, roomId, second.id);
    // One card: the first question waiting (not one per question, none per vote).
    expect((await cards(speaker, roomId)).map((k) => [k.questionId, k.voteCount])).toEqual([[first.id, 0]]);
    // The speaker takes it from the card; when it is answered, the next (most voted) comes.
    expect((await api(s, speaker, 'POST', `/v1/rooms/${roomId}/questions/${first.id}/take`)).status).toBe(200);
    expect(await cards(speaker, roomId)).toHaveLength(1);
    await setState(s, host, roomId, first.id, { status: 'answered' });
    expect((await cards(host, roomId)).map((k) => [k.questionId, k.text, k.askerId, k.voteCount])).toEqual([
      [first.id, 'first in line', a.id, 0],
      [second.id, 'second', b.id, 1],
    ]);
    // Listeners never see the backstage.
    expect((await api(s, c, 'GET', `/v1/rooms/${roomId}/backstage`)).body).toMatchObject({ code: 'not_found' });
  });
});

describe('after the room', () => {
  it('keeps the list with the replay, read-only, with states and votes', async () => {
    const [host, a, b, stranger] = await people(s, 4);
    const roomId = await qaRoom(s, host, [a, b]);
    const q1 = await asked(s, a, roomId, 'answered one');
    clock.advance(1);
    const q2 = await asked(s, b, roomId, 'left pending');
    await vote(s, b, roomId, q1.id);
    await setState(s, host, roomId, q1.id, { status: 'answered' });
    expect((await api(s, host, 'POST', `/v1/rooms/${roomId}/end`)).status).toBe(200);
    const replay = await list(s, stranger, roomId);
    expect(replay.questions.map((q) => [q.text, q.status, q.votes])).toEqual([['answered one', 'answered', 1], ['left pending', 'pending', 0]]);
    expect((await vote(s, a, roomId, q2.id)).body).toMatchObject({ code: 'room_ended' });
    expect((await api(s, a, 'POST', `/v1/rooms/${roomId}/questions`, { text: 'late' })).body).toMatchObject({ code: 'room_ended' });
    expect((await setState(s, host, roomId, q2.id, { status: 'answered' })).body).toMatchObject({ code: 'room_ended' });
    expect((await api<QuestionList>(s, b, 'GET', `/v1/rooms/${roomId}/questions`)).body.votedIds).toEqual([q1.id]);
  });
});
