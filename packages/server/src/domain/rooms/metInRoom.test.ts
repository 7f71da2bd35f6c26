/**
 * DMs from a room and "met in a room" through the public API (docs/subsystems/message-requests.md,
 * "Met in a room"): a request sent from the attendee list carries the room, the trust context
 * names the room both were in, `whoCanMessage: 'rooms'` lets people from recent rooms ask, and
 * the participation records go after the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Profile, RequestList } from '@backchannel/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, createRoom, join, people } from './rooms.test-helpers.js';

const DAY = 86_400_000;
const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0, jobsPollMs: 0, metInRoomDays: 30 }, { clock });
});
afterAll(async () => {
  await s.close();
});

const dm = (from: TestUser, to: TestUser, roomId?: string) =>
  api<{ conversation: Conversation; code?: string; details?: { field?: string } }>(s, from, 'POST', '/v1/conversations/direct', { userId: to.id, ...(roomId !== undefined ? { roomId } : {}) });
const requests = async (u: TestUser) => (await api<RequestList>(s, u, 'GET', '/v1/requests')).body;
const canMessage = async (viewer: TestUser, u: TestUser) => (await api<{ profile: Profile }>(s, viewer, 'GET', `/v1/users/${u.id}`)).body.profile.canMessage;

describe('messaging someone from a room', () => {
  it('lands in Requests labelled with the room, with "you were both in <room> on <date>"', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host, { title: 'AI Policy' });
    await join(s, a, room.id);
    clock.advance(1000);
    await join(s, b, room.id);
    const metAt = new Date(clock.now()).toISOString();
    const res = await dm(a, b, room.id);
    expect(res.status).toBe(201);
    const list = await requests(b);
    expect(list.count).toBe(1);
    expect(list.conversations[0]!.request).toMatchObject({
      senderId: a.id,
      room: { id: room.id, title: 'AI Policy', status: 'live' },
      trust: { sharedRoom: { roomId: room.id, title: 'AI Policy', at: metAt, youWereOnStage: false, senderWasOnStage: false } },
    });
    // The sender's own view carries no request object at all.
    expect(res.body.conversation.request ?? null).toBeNull();
  });

  it('from a profile, names the shared room in the trust context but carries no room', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host, { title: 'Night shift' });
    await join(s, a, room.id);
    await join(s, b, room.id);
    expect((await dm(host, b)).status).toBe(201);
    const req = (await requests(b)).conversations[0]!.request!;
    expect(req.room ?? null).toBeNull();
    expect(req.trust.sharedRoom).toMatchObject({ title: 'Night shift', youWereOnStage: false, senderWasOnStage: true });
  });

  it('refuses a room the sender cannot see (not_found), or that either person was not in (not_in_room), and writes nothing', async () => {
    const [host, a, b, stranger] = await people(s, 4);
    const closed = await createRoom(s, host, { visibility: 'closed', invitedUserIds: [b.id] });
    await join(s, b, closed.id);
    expect(await dm(a, b, closed.id)).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await dm(a, b, 'no-such-room')).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const open = await createRoom(s, host);
    await join(s, b, open.id);
    expect(await dm(a, b, open.id)).toMatchObject({ status: 409, body: { code: 'not_in_room', details: { field: 'roomId' } } });
    await join(s, a, open.id);
    expect(await dm(a, stranger, open.id)).toMatchObject({ status: 409, body: { code: 'not_in_room', details: { field: 'userId' } } });
    expect((await dm(a, b, open.id)).status).toBe(201);
    expect((await requests(stranger)).count).toBe(0);
  });
});

describe('who can message me: people I follow and people from rooms I was in', () => {
  it('lets people from a recent room ask (as a request), nobody else, and not once the window has passed', async () => {
    const [host, a, b, c] = await people(s, 4);
    expect((await api(s, b, 'PATCH', '/v1/me', { whoCanMessage: 'rooms' })).status).toBe(200);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    await join(s, b, room.id);
    expect(await canMessage(a, b)).toBe(true);
    expect(await canMessage(c, b)).toBe(false);
    expect(await dm(c, b)).toMatchObject({ status: 403, body: { code: 'cannot_message' } });
    // Someone b follows may message b whatever the rooms.
    expect((await api(s, b, 'PUT', `/v1/users/${c.id}/follow`)).status).toBe(200);
    expect(await canMessage(c, b)).toBe(true);
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/leave`)).status).toBe(200);
    clock.advance(29 * DAY);
    expect(await canMessage(a, b)).toBe(true);
    clock.advance(2 * DAY);
    expect(await canMessage(a, b)).toBe(false);
    expect(await dm(a, b)).toMatchObject({ status: 403, body: { code: 'cannot_message' } });
  });
});

describe('participation records', () => {
  it('are pruned by the hourly job after the window; a room still going keeps them', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host, { title: 'Old times' });
    await join(s, a, room.id);
    await join(s, b, room.id);
    expect((await dm(a, b, room.id)).status).toBe(201);
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/leave`)).status).toBe(200);
    clock.advance(31 * DAY);
    await s.jobs.runDue();
    // b is still in the room: b's record stays; a's went, so they no longer share the room.
    expect(await s.deps.store.read.roomVisits.get(room.id, b.id)).not.toBeNull();
    expect(await s.deps.store.read.roomVisits.get(room.id, a.id)).toBeNull();
    // The request itself expired meanwhile (30 days); its room label goes with the records.
    expect((await requests(b)).count).toBe(0);
  });
});
