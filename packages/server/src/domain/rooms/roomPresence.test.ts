/**
 * Presence that points at rooms through the public API (domain/rooms/roomPresence.ts): a 1:1's
 * header learns the other person's room, on stage or listening, unless the requests rules or their
 * setting withhold it, and never a room the viewer may not see. And room links' live cards
 * (roomCard.ts): what they show, and nothing for a room the viewer may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, PresenceResponse, RoomCard } from '@backchannel/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
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

const presence = async (u: TestUser, conversationId: string) => {
  const res = await api<PresenceResponse & { code?: string }>(s, u, 'GET', `/v1/conversations/${conversationId}/presence`);
  return res.status === 200 ? res.body.presence : res.body.code;
};
/** A 1:1 between a and b that both have in their inbox (b follows a, a follows b). */
async function friends(a: TestUser, b: TestUser): Promise<string> {
  expect((await api(s, a, 'PUT', `/v1/users/${b.id}/follow`)).status).toBe(200);
  expect((await api(s, b, 'PUT', `/v1/users/${a.id}/follow`)).status).toBe(200);
  return (await api<{ conversation: Conversation }>(s, a, 'POST', '/v1/conversations/direct', { userId: b.id })).body.conversation.id;
}

describe('presence that points at rooms', () => {
  it('says which room the other person is in, on the stage or listening, and nothing once they left', async () => {
    const [a, b, host] = await people(s, 3);
    const cid = await friends(a, b);
    expect(await presence(a, cid)).toBeNull();
    const room = await createRoom(s, host, { title: 'Morning show' });
    await join(s, b, room.id);
    expect(await presence(a, cid)).toEqual({ userId: b.id, room: { id: room.id, title: 'Morning show', status: 'live' }, onStage: false });
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/people/${b.id}/invite`)).status).toBe(200);
    expect((await api(s, b, 'POST', `/v1/rooms/${room.id}/speak`)).status).toBe(200);
    expect(await presence(a, cid)).toMatchObject({ onStage: true });
    // The host's own presence, seen by b (they have no 1:1: not_found, like any conversation of others).
    expect(await presence(host, cid)).toBe('not_found');
    expect((await api(s, b, 'POST', `/v1/rooms/${room.id}/leave`)).status).toBe(200);
    expect(await presence(a, cid)).toBeNull();
  });

  it('shows nothing to a pending requester, across a block, or when the person turned it off', async () => {
    const [a, b, stranger, host] = await people(s, 4);
    const room = await createRoom(s, host);
    await join(s, b, room.id);
    // The stranger's request to b is pending: b's presence must not reach them.
    const req = (await api<{ conversation: Conversation }>(s, stranger, 'POST', '/v1/conversations/direct', { userId: b.id })).body.conversation.id;
    await api(s, stranger, 'POST', `/v1/conversations/${req}/messages`, { clientMessageId: cmid(), text: 'hi' });
    expect(await presence(stranger, req)).toBeNull();
    // b, reading the request, may see where the stranger is (that tells the stranger nothing).
    await join(s, stranger, room.id);
    expect(await presence(b, req)).toMatchObject({ userId: stranger.id });

    const cid = await friends(a, b);
    expect(await presence(a, cid)).toMatchObject({ userId: b.id });
    expect((await api(s, b, 'PUT', '/v1/me/presence', { showPresence: false })).body).toEqual({ showPresence: false });
    expect((await api(s, b, 'GET', '/v1/me/presence')).body).toEqual({ showPresence: false });
    expect(await presence(a, cid)).toBeNull();
    expect((await api(s, b, 'PUT', '/v1/me/presence', { showPresence: true })).status).toBe(200);
    expect((await api(s, a, 'PUT', `/v1/users/${b.id}/block`)).status).toBe(200);
    expect(await presence(a, cid)).toBeNull();
    expect((await api(s, a, 'DELETE', `/v1/users/${b.id}/block`)).status).toBe(200);
    expect((await api(s, b, 'PUT', `/v1/users/${a.id}/block`)).status).toBe(200);
    expect(await presence(a, cid)).toBeNull();
    expect(await api(s, b, 'PUT', '/v1/me/presence', { showPresence: 'yes' })).toMatchObject({ status: 400, body: { code: 'bad_request' } });
  });

  it('never names a room the viewer may not see', async () => {
    const [a, b, host] = await people(s, 3);
    const cid = await friends(a, b);
    const closed = await createRoom(s, host, { visibility: 'closed', invitedUserIds: [b.id], title: 'Secret planning' });
    await join(s, b, closed.id);
    expect(await presence(a, cid)).toBeNull();
    const res = await api(s, a, 'GET', `/v1/conversations/${cid}/presence`);
    expect(JSON.stringify(res.body)).not.toContain('Secret planning');
  });
});

describe('room link cards', () => {
  const card = (u: TestUser, roomId: string) => api<{ card: RoomCard; code?: string }>(s, u, 'GET', `/v1/rooms/${roomId}/card`);

  it('shows the title, LIVE with counts and the stage (host first), then ended with none', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host, { title: 'Open mic' });
    await join(s, a, room.id);
    await join(s, b, room.id);
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/people/${a.id}/invite`)).status).toBe(200);
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/speak`)).status).toBe(200);
    // Someone who never joined sees the card of an open room too.
    const [outsider] = await people(s, 1);
    const live = await card(outsider!, room.id);
    expect(live.body.card).toEqual({ id: room.id, title: 'Open mic', status: 'live', speakerCount: 2, listenerCount: 1, speakers: [expect.objectContaining({ id: host.id }), expect.objectContaining({ id: a.id })] });
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/end`)).status).toBe(200);
    expect((await card(outsider!, room.id)).body.card).toMatchObject({ status: 'ended', speakerCount: 0, listenerCount: 0, speakers: [] });
  });

  it('is not_found for a room the viewer may not see, exactly like a room that does not exist', async () => {
    const [host, invited, outsider] = await people(s, 3);
    const closed = await createRoom(s, host, { visibility: 'closed', invitedUserIds: [invited.id], title: 'Closed doors' });
    expect((await card(invited, closed.id)).status).toBe(200);
    const hidden = await card(outsider, closed.id);
    const missing = await card(outsider, 'no-such-room');
    expect([hidden.status, hidden.body.code]).toEqual([404, 'not_found']);
    expect({ ...hidden.body, message: null }).toEqual({ ...missing.body, message: null });
    expect(JSON.stringify(hidden.body)).not.toContain('Closed doors');
  });
});
