/**
 * The speakers' backchannel through the public API (docs/subsystems/rooms.md, "Backstage"): created
 * with the room, its members follow the stage, people who leave the stage keep reading what they
 * saw and get nothing new, listeners never learn it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackstageResponse, Conversation, ConversationList, MessagePage } from '@backchannel/protocol';
import { SpySocket, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, cmid, createRoom, join, people } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

const backstage = (u: TestUser, roomId: string) => api<BackstageResponse & { code?: string }>(s, u, 'GET', `/v1/rooms/${roomId}/backstage`);
const post = (u: TestUser, conversationId: string, text: string) => api<{ message: { seq: number }; code?: string }>(s, u, 'POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: cmid(), text });
const texts = async (u: TestUser, conversationId: string) => {
  const res = await api<MessagePage & { code?: string }>(s, u, 'GET', `/v1/conversations/${conversationId}/messages`);
  return res.status === 200 ? res.body.messages.map((m) => m.text) : res.body.code;
};
async function upToStage(host: TestUser, u: TestUser, roomId: string): Promise<void> {
  expect((await api(s, host, 'POST', `/v1/rooms/${roomId}/people/${u.id}/invite`)).status).toBe(200);
  expect((await api(s, u, 'POST', `/v1/rooms/${roomId}/speak`)).status).toBe(200);
}
const toAudience = async (actor: TestUser, u: TestUser, roomId: string) => expect((await api(s, actor, 'POST', `/v1/rooms/${roomId}/people/${u.id}/audience`)).status).toBe(200);
const backstageFrames = (spy: SpySocket, conversationId: string) => spy.events().filter((e) => JSON.stringify(e.data).includes(conversationId));

describe('the backstage channel', () => {
  it('is created with the room for its host, labelled with the room, and is a conversation like the others', async () => {
    const [host] = await people(s, 1);
    const room = await createRoom(s, host, { title: 'Launch night' });
    const bs = await backstage(host, room.id);
    expect(bs.status).toBe(200);
    expect(bs.body).toMatchObject({ readOnly: false, conversation: { kind: 'group', title: 'Backstage · Launch night', moderatorId: null, memberCount: 1, backstage: { id: room.id, title: 'Launch night', status: 'live' } } });
    const inbox = await api<ConversationList>(s, host, 'GET', '/v1/conversations');
    expect(inbox.body.conversations.map((c) => c.id)).toContain(bs.body.conversation.id);
    // Idempotent sends: a retry answers the first message.
    const body = { clientMessageId: cmid(), text: 'mics on?' };
    const first = await api<{ message: { id: string; seq: number } }>(s, host, 'POST', `/v1/conversations/${bs.body.conversation.id}/messages`, body);
    const again = await api<{ message: { id: string; seq: number } }>(s, host, 'POST', `/v1/conversations/${bs.body.conversation.id}/messages`, { ...body, text: 'different' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.message).toEqual(first.body.message);
  });

  it('does not exist for listeners: not found to read, post or look up, and no event reaches them', async () => {
    const [host, listener] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, listener, room.id);
    const spy = await SpySocket.open(s, listener.token, null);
    const cid = (await backstage(host, room.id)).body.conversation.id;
    expect((await post(host, cid, 'only for the stage')).status).toBe(201);
    expect(await backstage(listener, room.id)).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await post(listener, cid, 'let me in')).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await texts(listener, cid)).toBe('not_found');
    expect((await api(s, listener, 'GET', `/v1/conversations/${cid}`)).status).toBe(404);
    // The same answers as for an id that was never a conversation.
    expect(await texts(listener, 'no-such-conversation')).toBe('not_found');
    await spy.settle();
    expect(spy.events()).toEqual([]);
    spy.close();
  });

  it('follows the stage: invited up → member with the history; moved down → read-only, nothing new; made moderator → stays', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    await join(s, b, room.id);
    const cid = (await backstage(host, room.id)).body.conversation.id;
    await post(host, cid, 'one');
    const spyA = await SpySocket.open(s, a.token, null);
    await upToStage(host, a, room.id);
    const joined = await spyA.waitFor((f) => f.type === 'conversation.joined');
    expect((joined as { data: { conversation: Conversation } }).data.conversation).toMatchObject({ id: cid, unreadCount: 1, backstage: { id: room.id } });
    // History from the room's start.
    expect(await texts(a, cid)).toEqual(['one']);
    expect((await post(a, cid, 'two')).status).toBe(201);
    // Made moderator: still a member.
    expect((await api(s, host, 'PUT', `/v1/rooms/${room.id}/moderators/${a.id}`)).status).toBe(200);
    expect((await backstage(a, room.id)).body.readOnly).toBe(false);
    await toAudience(host, a, room.id);
    const left = await spyA.waitFor((f) => f.type === 'conversation.left');
    expect(left).toMatchObject({ data: { conversationId: cid, readOnly: true } });
    const before = spyA.events().length;
    await post(host, cid, 'three');
    await upToStage(host, b, room.id);
    await spyA.settle();
    expect(spyA.events().slice(before)).toEqual([]);
    // Keeps what they saw, read-only.
    expect(await texts(a, cid)).toEqual(['one', 'two']);
    const seen = await backstage(a, room.id);
    expect(seen.body).toMatchObject({ readOnly: true, conversation: { lastSeq: 2, lastMessage: { text: 'two' }, unreadCount: 0 } });
    expect(await post(a, cid, 'still here?')).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await api<MessagePage>(s, a, 'GET', `/v1/conversations/${cid}/messages?after=0`)).body).toMatchObject({ hasMore: false, messages: [{ text: 'one' }, { text: 'two' }] });
    // Back on the stage: the whole history again.
    await upToStage(host, a, room.id);
    expect(await texts(a, cid)).toEqual(['one', 'two', 'three']);
    spyA.close();
  });

  it('leaving the room is leaving the stage; removed people keep nothing', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    await join(s, b, room.id);
    const cid = (await backstage(host, room.id)).body.conversation.id;
    await upToStage(host, a, room.id);
    await upToStage(host, b, room.id);
    await post(a, cid, 'hello');
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/leave`)).status).toBe(200);
    expect((await backstage(a, room.id)).body.readOnly).toBe(true);
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/people/${b.id}/remove`)).status).toBe(200);
    expect((await backstage(b, room.id)).status).toBe(404);
    expect(await texts(b, cid)).toBe('not_found');
  });

  it('cannot be left while the room is live; after the end it stays a group if it had messages, else it goes', async () => {
    const [host, a, host2] = await people(s, 3);
    const room = await createRoom(s, host, { title: 'Chatty' });
    await join(s, a, room.id);
    await upToStage(host, a, room.id);
    const cid = (await backstage(host, room.id)).body.conversation.id;
    await post(a, cid, 'we talked');
    expect(await api(s, a, 'POST', `/v1/conversations/${cid}/leave`)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/end`)).status).toBe(200);
    const after = await api<{ conversation: Conversation }>(s, a, 'GET', `/v1/conversations/${cid}`);
    expect(after.body.conversation).toMatchObject({ title: 'Backstage · Chatty', backstage: { status: 'ended' } });
    expect((await api(s, a, 'POST', `/v1/conversations/${cid}/leave`)).status).toBe(200);
    expect((await api(s, host, 'GET', `/v1/conversations/${cid}`)).status).toBe(200);

    const quiet = await createRoom(s, host2, { title: 'Quiet' });
    const qid = (await backstage(host2, quiet.id)).body.conversation.id;
    const spy = await SpySocket.open(s, host2.token, null);
    expect((await api(s, host2, 'POST', `/v1/rooms/${quiet.id}/end`)).status).toBe(200);
    await spy.waitFor((f) => f.type === 'conversation.left');
    const inbox = await api<ConversationList>(s, host2, 'GET', '/v1/conversations');
    expect(inbox.body.conversations.map((c) => c.id)).not.toContain(qid);
    expect(backstageFrames(spy, qid).map((e) => e.type)).toEqual(['conversation.left']);
    spy.close();
  });
});
