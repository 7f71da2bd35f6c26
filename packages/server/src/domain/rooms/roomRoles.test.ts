/**
 * The stage through the public API: hands, invitations, moving down, moderators, removal, and who
 * receives which event (hands and removals reach only the staff and the person concerned).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@backchannel/protocol';
import { SpySocket, startTestServer, type TestServer } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, createRoom, join, listen, people, roomFrames, subscribe } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomHandsPerMinute: 10, roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

/** A room with a host, a moderator and two listeners, all subscribed. */
async function stage() {
  const [host, mod, a, b] = await people(s, 4);
  const room = await createRoom(s, host);
  for (const u of [mod, a, b]) await join(s, u, room.id);
  expect((await api(s, host, 'PUT', `/v1/rooms/${room.id}/moderators/${mod.id}`)).status).toBe(200);
  const spies = Object.fromEntries(await Promise.all(Object.entries({ host, mod, a, b }).map(async ([k, u]) => [k, (await listen(s, u, room.id)).spy] as const))) as Record<'host' | 'mod' | 'a' | 'b', SpySocket>;
  const settle = () => Promise.all(Object.values(spies).map((x) => x.settle()));
  const close = () => Object.values(spies).forEach((x) => x.close());
  return { room, host, mod, a, b, spies, settle, close };
}

describe('hands and invitations', () => {
  it('shows a raised hand to the staff and the person, never to other listeners', async () => {
    const t = await stage();
    expect((await api(s, t.a, 'POST', `/v1/rooms/${t.room.id}/hand`, { raised: true })).status).toBe(200);
    await t.spies.host.waitFor((f) => f.type === 'room.hand_changed');
    await t.settle();
    for (const k of ['host', 'mod', 'a'] as const) expect(roomFrames(t.spies[k], t.room.id).map((f) => f.type)).toContain('room.hand_changed');
    expect(roomFrames(t.spies.b, t.room.id).map((f) => f.type)).not.toContain('room.hand_changed');
    // Raising it again is no event.
    const before = roomFrames(t.spies.host, t.room.id).length;
    await api(s, t.a, 'POST', `/v1/rooms/${t.room.id}/hand`, { raised: true });
    await t.spies.host.settle();
    expect(roomFrames(t.spies.host, t.room.id)).toHaveLength(before);
    const hands = await api<{ people: Array<{ user: { id: string }; handRaised: boolean }> }>(s, t.host, 'GET', `/v1/rooms/${t.room.id}/people`);
    expect(hands.body.people.find((p) => p.user.id === t.a.id)?.handRaised).toBe(true);
    t.close();
  });

  it('lets a listener accept an invitation to speak, and only then', async () => {
    const t = await stage();
    expect((await api(s, t.a, 'POST', `/v1/rooms/${t.room.id}/speak`)).body).toMatchObject({ code: 'room_not_invited' });
    expect((await api(s, t.b, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/invite`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.mod, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/invite`)).status).toBe(200);
    await t.spies.a.waitFor((f) => f.type === 'room.hand_changed');
    const up = await api<{ room: Room }>(s, t.a, 'POST', `/v1/rooms/${t.room.id}/speak`);
    expect(up.body.room).toMatchObject({ me: { role: 'speaker', invitedToSpeak: false }, speakerCount: 3, listenerCount: 1 });
    const f = await t.spies.b.waitFor((x) => x.type === 'room.stage_changed');
    expect(f).toMatchObject({ data: { user: { id: t.a.id }, role: 'speaker' } });
    // On the stage, a hand makes no sense.
    expect((await api(s, t.a, 'POST', `/v1/rooms/${t.room.id}/hand`, { raised: true })).body).toMatchObject({ code: 'conflict' });
    t.close();
  });

  it('refuses inviting someone who is not in the room', async () => {
    const t = await stage();
    const [outsider] = await people(s, 1);
    expect((await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/people/${outsider!.id}/invite`)).body).toMatchObject({ code: 'not_in_room', details: { field: 'userId' } });
    expect((await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/people/nobody/invite`)).body).toMatchObject({ code: 'not_in_room' });
    t.close();
  });

  it('rate-limits hand raises per person, over HTTP and the socket together', async () => {
    const t = await stage();
    const codes: Array<number> = [];
    for (let i = 0; i < 12; i++) codes.push((await api(s, t.b, 'POST', `/v1/rooms/${t.room.id}/hand`, { raised: i % 2 === 0 })).status);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    t.spies.b.send({ op: 'room.hand', id: 'h1', roomId: t.room.id, raised: true });
    expect(await t.spies.b.waitFor((f) => f.type === 'error' && f.id === 'h1')).toMatchObject({ code: 'rate_limited' });
    clock.advance(60_000);
    t.spies.b.send({ op: 'room.hand', id: 'h2', roomId: t.room.id, raised: true });
    expect(await t.spies.b.waitFor((f) => f.type === 'ack' && f.id === 'h2')).toMatchObject({ data: { ok: true } });
    t.close();
  });
});

it('closes a socket that floods hand raises (500 in a burst): at most the limit becomes events', async () => {
  const t = await stage();
  clock.advance(60_000);
  for (let i = 0; i < 500; i++) t.spies.a.send({ op: 'room.hand', roomId: t.room.id, raised: i % 2 === 0 });
  expect(await t.spies.a.waitClosed()).toBe(4008);
  // The accepted raises may still be committing when the socket closes (PostgreSQL): wait for one.
  await t.spies.host.waitFor((f) => f.type === 'room.hand_changed');
  await t.spies.host.settle();
  const hands = roomFrames(t.spies.host, t.room.id).filter((f) => f.type === 'room.hand_changed');
  expect(hands.length).toBeGreaterThan(0);
  expect(hands.length).toBeLessThanOrEqual(10);
  t.close();
});

describe('role changes', () => {
  it('lets only the host make and unmake moderators', async () => {
    const t = await stage();
    expect((await api(s, t.mod, 'PUT', `/v1/rooms/${t.room.id}/moderators/${t.a.id}`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.a, 'PUT', `/v1/rooms/${t.room.id}/moderators/${t.b.id}`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.host, 'DELETE', `/v1/rooms/${t.room.id}/moderators/${t.mod.id}`)).status).toBe(200);
    const f = await t.spies.a.waitFor((x) => x.type === 'room.stage_changed' && (x.data as { role: string }).role === 'speaker');
    expect(f).toMatchObject({ data: { user: { id: t.mod.id } } });
    // No longer staff: cannot invite.
    expect((await api(s, t.mod, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/invite`)).body).toMatchObject({ code: 'forbidden' });
    t.close();
  });

  it('moves a speaker back to the audience; the host cannot be moved; moderators cannot move moderators', async () => {
    const t = await stage();
    await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/invite`);
    await api(s, t.a, 'POST', `/v1/rooms/${t.room.id}/speak`);
    expect((await api(s, t.b, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/audience`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.mod, 'POST', `/v1/rooms/${t.room.id}/people/${t.host.id}/audience`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.mod, 'POST', `/v1/rooms/${t.room.id}/people/${t.a.id}/audience`)).status).toBe(200);
    const room = await api<{ room: Room }>(s, t.a, 'GET', `/v1/rooms/${t.room.id}`);
    expect(room.body.room).toMatchObject({ me: { role: 'listener' }, speakerCount: 2 });
    t.close();
  });

  it('removes someone: their subscription ends, they cannot come back, others are not told about a listener', async () => {
    const t = await stage();
    expect((await api(s, t.a, 'POST', `/v1/rooms/${t.room.id}/people/${t.b.id}/remove`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.mod, 'POST', `/v1/rooms/${t.room.id}/people/${t.host.id}/remove`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.mod, 'POST', `/v1/rooms/${t.room.id}/people/${t.b.id}/remove`)).status).toBe(200);
    expect(await t.spies.b.waitFor((f) => f.type === 'room.removed')).toMatchObject({ data: { userId: t.b.id } });
    await t.settle();
    expect(roomFrames(t.spies.a, t.room.id).map((f) => f.type)).not.toContain('room.removed');
    // The room is gone for them.
    for (const [method, path] of [['GET', ''], ['POST', '/join'], ['GET', '/messages'], ['GET', '/people']] as const) {
      expect((await api(s, t.b, method, `/v1/rooms/${t.room.id}${path}`)).body).toMatchObject({ code: 'not_found' });
    }
    const hallway = await api<{ rooms: Array<{ id: string }> }>(s, t.b, 'GET', '/v1/rooms?limit=50');
    expect(hallway.body.rooms.map((r) => r.id)).not.toContain(t.room.id);
    // Their socket gets nothing more from the room.
    const before = roomFrames(t.spies.b, t.room.id).length;
    await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/messages`, { clientMessageId: 'after-remove', text: 'still here?' });
    await t.spies.a.waitFor((f) => f.type === 'room.message_created');
    await t.spies.b.settle();
    expect(roomFrames(t.spies.b, t.room.id)).toHaveLength(before);
    await expect(subscribe(t.spies.b, t.room.id, null)).rejects.toThrow('not_found');
    t.close();
  });
});
