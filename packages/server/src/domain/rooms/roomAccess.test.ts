/**
 * Who may know a room exists (open, social, closed, blocked by the owner), bad room input, resuming
 * a room by seq after a reconnect, and the sweeps: presence no node vouches for, rooms left without
 * a host or moderator. Fake clock; the sweep is run by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallwayPage, Room } from '@backchannel/protocol';
import { SpySocket, startTestServer, type TestServer } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { sweepRooms } from './sweepRooms.js';
import { api, createRoom, join, listen, people, roomFrames, say, subscribe } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

const hallwayIds = async (u: Parameters<typeof api>[1]) => (await api<HallwayPage>(s, u, 'GET', '/v1/rooms?limit=50')).body.rooms.map((r) => r.id);

describe('who may see and join a room', () => {
  it('social rooms: people the owner follows; closed rooms: the invite list; others get not_found everywhere', async () => {
    const [host, followed, invited, stranger] = await people(s, 4);
    await api(s, host, 'PUT', `/v1/users/${followed.id}/follow`);
    const social = await createRoom(s, host, { visibility: 'social' });
    const closed = await createRoom(s, host, { visibility: 'closed', invitedUserIds: [invited.id, 'no-such-user'] });
    expect((await join(s, followed, social.id)).me.role).toBe('listener');
    expect((await join(s, invited, closed.id)).me.role).toBe('listener');
    for (const [u, r] of [[stranger, social], [stranger, closed], [followed, closed], [invited, social]] as const) {
      for (const [method, path] of [['GET', ''], ['POST', '/join'], ['GET', '/people'], ['GET', '/messages']] as const) {
        expect((await api(s, u, method, `/v1/rooms/${r.id}${path}`)).body).toMatchObject({ code: 'not_found' });
      }
      expect(await hallwayIds(u)).not.toContain(r.id);
    }
    expect(await hallwayIds(invited)).toContain(closed.id);
  });

  it('keeps people the owner blocked out of all the owner\'s rooms', async () => {
    const [host, blocked] = await people(s, 2);
    await api(s, host, 'PUT', `/v1/users/${blocked.id}/block`);
    const open = await createRoom(s, host);
    expect((await api(s, blocked, 'POST', `/v1/rooms/${open.id}/join`)).body).toMatchObject({ code: 'not_found' });
    expect(await hallwayIds(blocked)).not.toContain(open.id);
  });

  it('labels someone I blocked on the stage, for me only', async () => {
    const [host, me, other] = await people(s, 3);
    await api(s, me, 'PUT', `/v1/users/${host.id}/block`);
    const room = await createRoom(s, host);
    expect((await join(s, me, room.id)).stage).toMatchObject([{ user: { id: host.id }, blockedByMe: true }]);
    expect((await join(s, other, room.id)).stage).toMatchObject([{ user: { id: host.id }, blockedByMe: false }]);
  });

  it('refuses titles with bidi overrides or control characters, and over-long ones, writing nothing', async () => {
    const [host] = await people(s, 1);
    const before = await hallwayIds(host);
    for (const [title, code] of [['nice \u202egnirts', 'invalid_text'], ['tab\there', 'invalid_text'], ['zero\u200bwidth', 'invalid_text'], ['x'.repeat(121), 'bad_request'], ['   ', 'bad_request']] as const) {
      expect((await api(s, host, 'POST', '/v1/rooms', { title })).body).toMatchObject({ code, details: { field: 'title' } });
    }
    expect((await api(s, host, 'POST', '/v1/rooms', { title: 'ok', invitedUserIds: [host.id] })).body).toMatchObject({ code: 'bad_request', details: { field: 'invitedUserIds' } });
    expect((await api(s, host, 'POST', '/v1/rooms', { title: 'ok', extra: 1 })).body).toMatchObject({ code: 'bad_request' });
    expect(await hallwayIds(host)).toEqual(before);
  });
});

describe('resuming a room after a reconnect', () => {
  it('replays exactly the events after the last seq, then the ack, then live events', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const first = await listen(s, a, room.id);
    await say(s, host, room.id, 'one');
    const seen = await first.spy.waitFor((f) => f.type === 'room.message_created');
    first.spy.close();
    // Missed while away.
    await say(s, host, room.id, 'two');
    await say(s, host, room.id, 'three');
    const spy = await SpySocket.open(s, a.token, undefined);
    const afterSeq = (seen as { seq: number }).seq;
    const snapshot = await subscribe(spy, room.id, afterSeq);
    await say(s, host, room.id, 'four');
    await spy.waitFor((f) => f.type === 'room.message_created' && (f.data as { message: { text: string } }).message.text === 'four');
    const texts = roomFrames(spy, room.id).map((f) => (f.data as { message: { text: string } }).message.text);
    expect(texts).toEqual(['two', 'three', 'four']);
    const ackAt = spy.frames.findIndex((f) => f.type === 'ack');
    expect(spy.frames.findIndex((f) => 'seq' in f && (f as { seq: number }).seq === snapshot.seq)).toBeLessThan(ackAt);
    expect(snapshot.seq).toBe(afterSeq + 2);
    spy.close();
  });

  it('answers resume_failed for a seq from the future, and not_in_room before joining', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    const spy = await SpySocket.open(s, a.token, undefined);
    spy.send({ op: 'room.subscribe', id: 'early', roomId: room.id, afterSeq: null });
    expect(await spy.waitFor((f) => f.type === 'error' && f.id === 'early')).toMatchObject({ code: 'not_in_room' });
    await join(s, a, room.id);
    spy.send({ op: 'room.subscribe', id: 'future', roomId: room.id, afterSeq: 999 });
    expect(await spy.waitFor((f) => f.type === 'error' && f.id === 'future')).toMatchObject({ code: 'resume_failed', details: { reason: 'cursor_from_future' } });
    spy.send({ op: 'room.subscribe', id: 'bad', roomId: room.id, afterSeq: -1 });
    expect(await spy.waitFor((f) => f.type === 'error' && f.id === 'bad')).toMatchObject({ code: 'bad_request', details: { field: 'afterSeq' } });
    spy.close();
  });
});

describe('the sweep', () => {
  // Its own server: the sweep looks at every room.
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
  });
  afterAll(async () => {
    await s.close();
  });

  it('ends presence nobody vouches for, and a room whose host and moderators are gone past the grace period', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const { spy } = await listen(s, a, room.id);
    // The host never subscribed: after three presence periods the sweep lets them go (keeping the role).
    clock.advance(91_000);
    await s.deps.store.write((tx) => tx.rooms.touchParticipants(room.id, [a.id], clock.now()));
    expect((await sweepRooms(s.deps)).left).toBe(1);
    const gone = await api<{ room: Room }>(s, a, 'GET', `/v1/rooms/${room.id}`);
    expect(gone.body.room).toMatchObject({ status: 'live', hostId: host.id, speakerCount: 0, listenerCount: 1 });
    await spy.waitFor((f) => f.type === 'room.stage_changed');
    clock.advance(119_000);
    await s.deps.store.write((tx) => tx.rooms.touchParticipants(room.id, [a.id], clock.now()));
    expect(await sweepRooms(s.deps)).toEqual({ left: 0, ended: 0, purged: 0 });
    // The host is back in time once; then gone again, for good.
    await join(s, host, room.id);
    await api(s, host, 'PUT', `/v1/rooms/${room.id}/moderators/${a.id}`);
    expect((await api<{ room: Room }>(s, a, 'GET', `/v1/rooms/${room.id}`)).body.room.me.role).toBe('moderator');
    await api(s, host, 'POST', `/v1/rooms/${room.id}/leave`);
    await api(s, a, 'POST', `/v1/rooms/${room.id}/leave`).then((r) => expect(r.body).toMatchObject({ code: 'room_no_successor' }));
    spy.close();
    clock.advance(91_000);
    expect((await sweepRooms(s.deps)).left).toBe(1);
    clock.advance(120_000);
    expect((await sweepRooms(s.deps)).ended).toBe(1);
    expect((await api<{ room: Room }>(s, a, 'GET', `/v1/rooms/${room.id}`)).body.room.status).toBe('ended');
  });
});
