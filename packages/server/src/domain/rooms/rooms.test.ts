/**
 * Rooms through the public API: start, join, leave, end, chat, and what each person's socket
 * receives (docs/subsystems/rooms.md). One server on a fake clock; each test its own people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallwayPage, Room, RoomMessagePage } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, cmid, createRoom, join, listen, people, roomFrames, say } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

describe('starting, joining, leaving and ending a room', () => {
  it('makes the creator the host on the stage; listeners are counted, never listed', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host, { description: 'about nothing' });
    clock.advance(1000);
    expect(room).toMatchObject({ title: 'Friday night talk', description: 'about nothing', visibility: 'open', status: 'live', hostId: host.id, speakerCount: 1, listenerCount: 0, chat: { enabled: true, mode: 'open' }, me: { role: 'host' } });
    expect(room.stage.map((m) => [m.user.id, m.role])).toEqual([[host.id, 'host']]);
    await join(s, a, room.id);
    clock.advance(1000);
    const seen = await join(s, b, room.id);
    expect(seen).toMatchObject({ listenerCount: 2, speakerCount: 1, me: { role: 'listener' } });
    expect(seen.stage).toHaveLength(1);
    // Joining twice changes nothing.
    expect((await join(s, b, room.id)).listenerCount).toBe(2);
    const audience = await api<{ people: Array<{ user: { id: string }; role: string }> }>(s, a, 'GET', `/v1/rooms/${room.id}/people`);
    expect(audience.body.people.map((p) => p.user.id)).toEqual([host.id, a.id, b.id]);
  });

  it('tells subscribers about the stage, not about each listener; counts arrive coalesced', async () => {
    const [host, a, b, c] = await people(s, 4);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const { spy } = await listen(s, a, room.id);
    await join(s, b, room.id);
    await join(s, c, room.id);
    s.router.rooms.flushCounts();
    const counts = await spy.waitFor((f) => f.type === 'room.counts');
    expect(counts).toMatchObject({ roomId: room.id, data: { listenerCount: 3, speakerCount: 1 } });
    // Two joins, one counts frame, no room event.
    await spy.settle();
    expect(spy.frames.filter((f) => f.type === 'room.counts')).toHaveLength(1);
    expect(roomFrames(spy, room.id)).toEqual([]);
    spy.close();
  });

  it('ends the subscriptions of someone who leaves, on every socket', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const one = await listen(s, a, room.id);
    const two = await listen(s, a, room.id);
    const h = await listen(s, host, room.id);
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/leave`)).status).toBe(200);
    await say(s, host, room.id, 'after you left');
    await h.spy.waitFor((f) => f.type === 'room.message_created');
    await one.spy.settle();
    await two.spy.settle();
    expect([...roomFrames(one.spy, room.id), ...roomFrames(two.spy, room.id)]).toEqual([]);
    expect(s.router.rooms.subscriberCount(room.id)).toBe(1);
    for (const x of [one, two, h]) x.spy.close();
  });

  it('refuses a host leaving with nobody to hand over to; with a moderator, the role passes', async () => {
    const [host, mod] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, mod, room.id);
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/leave`)).body).toMatchObject({ code: 'room_no_successor' });
    expect((await api(s, host, 'PUT', `/v1/rooms/${room.id}/moderators/${mod.id}`)).status).toBe(200);
    const { spy } = await listen(s, mod, room.id);
    expect((await api(s, host, 'POST', `/v1/rooms/${room.id}/leave`)).status).toBe(200);
    const after = await api<{ room: Room }>(s, mod, 'GET', `/v1/rooms/${room.id}`);
    expect(after.body.room).toMatchObject({ hostId: mod.id, me: { role: 'host' }, speakerCount: 1 });
    await spy.waitFor((f) => f.type === 'room.updated');
    expect(roomFrames(spy, room.id).map((f) => [f.type, f.seq])).toEqual([
      ['room.stage_changed', room.seq + 2],
      ['room.stage_changed', room.seq + 3],
      ['room.updated', room.seq + 4],
    ]);
    spy.close();
  });

  it('ends by the host only; the room then reads as ended and cannot be joined', async () => {
    const [host, a, stranger] = await people(s, 3);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const { spy } = await listen(s, a, room.id);
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/end`)).body).toMatchObject({ code: 'forbidden' });
    const ended = await api<{ room: Room }>(s, host, 'POST', `/v1/rooms/${room.id}/end`);
    expect(ended.body.room).toMatchObject({ status: 'ended', listenerCount: 0, stage: [] });
    await spy.waitFor((f) => f.type === 'room.ended');
    expect((await api(s, a, 'POST', `/v1/rooms/${room.id}/join`)).body).toMatchObject({ code: 'room_ended' });
    // Someone who was never in it cannot tell an ended room from no room.
    expect((await api(s, stranger, 'POST', `/v1/rooms/${room.id}/join`)).body).toMatchObject({ code: 'not_found' });
    expect((await api(s, stranger, 'POST', `/v1/rooms/nosuchroom/join`)).body).toMatchObject({ code: 'not_found' });
    spy.close();
  });
});

describe('room chat', () => {
  it('delivers one message to every subscriber as the same frame, stored once, with links and mentions', async () => {
    const [host, a, b] = await people(s, 3);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    await join(s, b, room.id);
    const la = await listen(s, a, room.id);
    const lb = await listen(s, b, room.id);
    const built = s.router.rooms.framesBuilt;
    const res = await say(s, host, room.id, `hi @${a.username}, see www.example.com`);
    expect(res.status).toBe(200);
    const m = res.body.message;
    expect(m.entities).toEqual([
      { type: 'mention', offset: 3, length: a.username.length + 1, userId: a.id },
      { type: 'link', offset: a.username.length + 10, length: 15, url: 'https://www.example.com' },
    ]);
    const fa = await la.spy.waitFor((f) => f.type === 'room.message_created');
    const fb = await lb.spy.waitFor((f) => f.type === 'room.message_created');
    expect(fa).toEqual(fb);
    expect(fa).toMatchObject({ roomId: room.id, seq: m.seq, data: { message: { id: m.id, text: m.text } } });
    expect(s.router.rooms.framesBuilt - built).toBe(1);
    const page = await api<RoomMessagePage>(s, b, 'GET', `/v1/rooms/${room.id}/messages`);
    expect(page.body.messages.map((x) => x.id)).toEqual([m.id]);
    la.spy.close();
    lb.spy.close();
  });

  it('answers a retry with the original message, once', async () => {
    const [host] = await people(s, 1);
    const room = await createRoom(s, host);
    const id = cmid();
    const first = await say(s, host, room.id, 'once', id);
    const again = await say(s, host, room.id, 'twice?', id);
    expect(again.body.message).toEqual(first.body.message);
    const page = await api<RoomMessagePage>(s, host, 'GET', `/v1/rooms/${room.id}/messages`);
    expect(page.body.messages).toHaveLength(1);
  });

  it('refuses bad text with its code and writes nothing', async () => {
    const [host] = await people(s, 1);
    const room = await createRoom(s, host);
    expect((await say(s, host, room.id, 'x'.repeat(501))).body).toMatchObject({ code: 'too_large', details: { max: 500 } });
    expect((await say(s, host, room.id, '   ')).body).toMatchObject({ code: 'empty_message' });
    expect((await say(s, host, room.id, 'evil \u202e txt')).body).toMatchObject({ code: 'invalid_text' });
    expect((await say(s, host, room.id, 'é'.repeat(500))).status).toBe(200);
    const page = await api<RoomMessagePage>(s, host, 'GET', `/v1/rooms/${room.id}/messages`);
    expect(page.body.messages).toHaveLength(1);
  });

  it('is for people in the room, and read-only after the end', async () => {
    const [host, a, outsider] = await people(s, 3);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    expect((await say(s, outsider, room.id, 'hello?')).body).toMatchObject({ code: 'not_in_room' });
    expect((await api(s, outsider, 'GET', `/v1/rooms/${room.id}/messages`)).body).toMatchObject({ code: 'not_in_room' });
    const sent = await say(s, a, room.id, 'before the end');
    await api(s, host, 'POST', `/v1/rooms/${room.id}/end`);
    expect((await say(s, a, room.id, 'after the end')).body).toMatchObject({ code: 'room_ended' });
    expect((await api(s, a, 'DELETE', `/v1/rooms/${room.id}/messages/${sent.body.message.id}`)).body).toMatchObject({ code: 'room_ended' });
    // The replay stays readable.
    const page = await api<RoomMessagePage>(s, outsider, 'GET', `/v1/rooms/${room.id}/messages`);
    expect(page.body.messages.map((m) => m.text)).toEqual(['before the end']);
  });

  it('gives a joiner the last 50 messages and pages back', async () => {
    const [host] = await people(s, 1);
    const room = await createRoom(s, host);
    for (let i = 1; i <= 55; i++) await say(s, host, room.id, `m${i}`);
    const last = await api<RoomMessagePage>(s, host, 'GET', `/v1/rooms/${room.id}/messages`);
    expect(last.body.messages).toHaveLength(50);
    expect(last.body.messages[0]!.text).toBe('m6');
    expect(last.body.hasMore).toBe(true);
    const older = await api<RoomMessagePage>(s, host, 'GET', `/v1/rooms/${room.id}/messages?before=${last.body.messages[0]!.seq}`);
    expect(older.body.messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(older.body.hasMore).toBe(false);
  });
});

describe('room chat over the socket', () => {
  it('acks a send with the message, and answers each bad frame with its code and the op id', async () => {
    const [host] = await people(s, 1);
    const room = await createRoom(s, host);
    const { spy } = await listen(s, host, room.id);
    const reply = async (frame: Record<string, unknown>) => {
      spy.send(frame);
      return spy.waitFor((f) => (f.type === 'ack' || f.type === 'error') && 'id' in f && f.id === frame.id);
    };
    const ok = await reply({ op: 'room.message.send', id: 'm1', roomId: room.id, clientMessageId: cmid(), text: 'over the socket' });
    expect(ok).toMatchObject({ type: 'ack', data: { message: { text: 'over the socket', roomId: room.id } } });
    expect(await reply({ op: 'room.message.send', id: 'm2', roomId: room.id, clientMessageId: cmid(), text: 'x'.repeat(501) })).toMatchObject({ type: 'error', code: 'too_large' });
    expect(await reply({ op: 'room.message.send', id: 'm3', roomId: 'nosuchroom', clientMessageId: cmid(), text: 'hi' })).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await reply({ op: 'room.message.send', id: 'm4', roomId: room.id, text: 'hi' })).toMatchObject({ type: 'error', code: 'bad_request', details: { field: 'clientMessageId' } });
    expect(await reply({ op: 'room.subscribe', id: 'm5', roomId: room.id, afterSeq: 0, extra: true })).toMatchObject({ type: 'error', code: 'bad_request' });
    spy.close();
  });
});

describe('the hallway', () => {
  it('lists live rooms with people I follow on stage first, their speakers and how many I follow', async () => {
    const [me, friend, other, l1, l2] = await people(s, 5);
    await api(s, me, 'PUT', `/v1/users/${friend.id}/follow`);
    const big = await createRoom(s, other, { title: 'Big room' });
    await join(s, l1, big.id);
    await join(s, l2, big.id);
    const small = await createRoom(s, friend, { title: 'Friend room' });
    const page = await api<HallwayPage>(s, me, 'GET', '/v1/rooms?limit=50');
    const ids = page.body.rooms.map((r) => r.id);
    expect(ids.indexOf(small.id)).toBe(0);
    expect(ids).toContain(big.id);
    expect(page.body.rooms[0]).toMatchObject({ title: 'Friend room', followedCount: 1, speakers: [{ id: friend.id }] });
    expect(page.body.rooms.find((r) => r.id === big.id)).toMatchObject({ listenerCount: 2, speakerCount: 1, followedCount: 0 });
    expect((await api(s, me, 'GET', '/v1/rooms?pageToken=garbage')).body).toMatchObject({ code: 'bad_request', details: { field: 'pageToken' } });
  });
});

describe('the OpenAPI document', () => {
  it('lists every room route with its schemas, under the rooms tag', async () => {
    const doc = (await api<{ paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>> }>(s, null, 'GET', '/openapi.json')).body;
    const rooms = Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/rooms'));
    const ops = rooms.flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op] as const));
    expect(ops.map(([k]) => k).sort()).toEqual(
      [
        'GET /v1/rooms',
        'POST /v1/rooms',
        'GET /v1/rooms/{id}',
        'POST /v1/rooms/{id}/join',
        'POST /v1/rooms/{id}/leave',
        'POST /v1/rooms/{id}/end',
        'GET /v1/rooms/{id}/people',
        'POST /v1/rooms/{id}/hand',
        'POST /v1/rooms/{id}/speak',
        'DELETE /v1/rooms/{id}/speak',
        'POST /v1/rooms/{id}/people/{userId}/invite',
        'POST /v1/rooms/{id}/people/{userId}/audience',
        'POST /v1/rooms/{id}/people/{userId}/remove',
        'PUT /v1/rooms/{id}/moderators/{userId}',
        'DELETE /v1/rooms/{id}/moderators/{userId}',
        'PUT /v1/rooms/{id}/mutes/{userId}',
        'DELETE /v1/rooms/{id}/mutes/{userId}',
        'PATCH /v1/rooms/{id}/chat',
        'GET /v1/rooms/{id}/messages',
        'POST /v1/rooms/{id}/messages',
        'DELETE /v1/rooms/{id}/messages/{messageId}',
        'GET /v1/rooms/{id}/backstage',
        'GET /v1/rooms/{id}/card',
        'GET /v1/rooms/{id}/questions',
        'POST /v1/rooms/{id}/questions',
        'PATCH /v1/rooms/{id}/qa',
        'PATCH /v1/rooms/{id}/questions/{questionId}',
        'POST /v1/rooms/{id}/questions/{questionId}/vote',
        'POST /v1/rooms/{id}/questions/{questionId}/take',
        'POST /v1/rooms/{id}/questions/{questionId}/merge',
        'POST /v1/rooms/{id}/questions/{questionId}/invite',
        'POST /v1/rooms/{id}/questions/{questionId}/answer-privately',
      ].sort(),
    );
    for (const [, op] of ops) {
      expect(op.tags).toEqual(['rooms']);
      expect(op.responses?.['200']).toBeDefined();
    }
  });
});
