/**
 * An invitation to speak through the public API: it names who sent it (in the event and in the
 * room), and the invited listener may decline it (`DELETE /v1/rooms/{id}/speak`): withdrawn, and
 * the staff see it declined; nothing else changes, and only a pending invitation can be declined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { api, createRoom, join, listen, people, roomFrames } from './rooms.test-helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 });
});
afterAll(async () => {
  await s.close();
});

async function invited() {
  const [host, mod, a, b] = await people(s, 4);
  const room = await createRoom(s, host!);
  for (const u of [mod!, a!, b!]) await join(s, u, room.id);
  expect((await api(s, host!, 'PUT', `/v1/rooms/${room.id}/moderators/${mod!.id}`)).status).toBe(200);
  const spies = { host: (await listen(s, host!, room.id)).spy, a: (await listen(s, a!, room.id)).spy, b: (await listen(s, b!, room.id)).spy };
  expect((await api(s, a!, 'POST', `/v1/rooms/${room.id}/hand`, { raised: true })).status).toBe(200);
  expect((await api(s, mod!, 'POST', `/v1/rooms/${room.id}/people/${a!.id}/invite`)).status).toBe(200);
  return { room, host: host!, mod: mod!, a: a!, b: b!, spies, close: () => Object.values(spies).forEach((x) => x.close()) };
}

const speak = (u: Parameters<typeof api>[1], roomId: string, method: 'POST' | 'DELETE') => api<{ room: Room; code?: string }>(s, u, method, `/v1/rooms/${roomId}/speak`);

describe('invitations to speak', () => {
  it('names who sent the invitation, live and in the room', async () => {
    const t = await invited();
    const f = await t.spies.a.waitFor((x) => x.type === 'room.hand_changed' && (x.data as { invitedToSpeak: boolean }).invitedToSpeak);
    expect(f).toMatchObject({ data: { user: { id: t.a.id }, invitedToSpeak: true, handRaised: true, invitedBy: { id: t.mod.id, username: t.mod.username } } });
    const room = (await api<{ room: Room }>(s, t.a, 'GET', `/v1/rooms/${t.room.id}`)).body.room;
    expect(room.me).toMatchObject({ invitedToSpeak: true, invitedBy: { id: t.mod.id } });
    expect(room.managedExternally).toBe(false);
    expect((await api<{ managedExternally?: boolean }>(s, t.b, 'GET', '/v1/rooms')).body.managedExternally).toBe(false);
    expect((await api<{ room: Room }>(s, t.b, 'GET', `/v1/rooms/${t.room.id}`)).body.room.me).toMatchObject({ invitedToSpeak: false, invitedBy: null });
    t.close();
  });

  it('lets the listener decline: the invitation is withdrawn, the staff see it declined, the hand stays', async () => {
    const t = await invited();
    await t.spies.host.waitFor((x) => x.type === 'room.hand_changed' && (x.data as { invitedToSpeak: boolean }).invitedToSpeak);
    const res = await speak(t.a, t.room.id, 'DELETE');
    expect(res.status).toBe(200);
    expect(res.body.room).toMatchObject({ me: { role: 'listener', invitedToSpeak: false, invitedBy: null, handRaised: true }, speakerCount: 2, listenerCount: 2 });
    const declined = await t.spies.host.waitFor((x) => x.type === 'room.hand_changed' && (x.data as { declined?: boolean }).declined === true);
    expect(declined).toMatchObject({ data: { user: { id: t.a.id }, invitedToSpeak: false, handRaised: true, declined: true } });
    await t.spies.b.settle();
    expect(roomFrames(t.spies.b, t.room.id).map((x) => x.type)).not.toContain('room.hand_changed');
    // Declined is declined: nothing left to accept or decline, until someone invites again.
    expect((await speak(t.a, t.room.id, 'POST')).body.code).toBe('room_not_invited');
    expect((await speak(t.a, t.room.id, 'DELETE')).body.code).toBe('room_not_invited');
    expect((await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/invite`)).status).toBe(200);
    expect((await speak(t.a, t.room.id, 'POST')).body.room.me.role).toBe('speaker');
    t.close();
  });

  it('refuses a decline with no invitation, from outside the room, and after the end, changing nothing', async () => {
    const t = await invited();
    const [outsider] = await people(s, 1);
    const none = await speak(t.b, t.room.id, 'DELETE');
    expect([none.status, none.body.code]).toEqual([409, 'room_not_invited']);
    expect((await speak(t.host, t.room.id, 'DELETE')).body.code).toBe('room_not_invited');
    expect((await speak(outsider!, t.room.id, 'DELETE')).body.code).toBe('not_in_room');
    expect((await speak(t.a, 'no-such-room', 'DELETE')).body.code).toBe('not_found');
    expect((await api<{ room: Room }>(s, t.a, 'GET', `/v1/rooms/${t.room.id}`)).body.room.me).toMatchObject({ invitedToSpeak: true, invitedBy: { id: t.mod.id } });
    expect((await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/end`)).status).toBe(200);
    expect((await speak(t.a, t.room.id, 'DELETE')).body.code).toBe('room_ended');
    t.close();
  });
});
