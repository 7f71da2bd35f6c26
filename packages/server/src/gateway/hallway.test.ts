/**
 * The live hallway (`hallway.subscribe`): over a real socket, the rooms a viewer may see arrive as
 * coalesced `hallway.updated` frames (new rooms, counts, stage, ended), rooms they may not see
 * never do, and `hallway.unsubscribe` or closing the socket ends it. Then the feed on its own, with
 * a hand-driven timer: any number of changes within a tick are one frame per subscriber, and the
 * changed rooms are read once per tick, not once per subscriber.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallwayRoomLive, HallwayUpdatedEvent, ServerFrame } from '@backchannel/protocol';
import { SpySocket, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';
import type { Tx } from '../storage/store.js';
import { api, createRoom, join, people } from '../domain/rooms/rooms.test-helpers.js';
import { HallwayFeed, type HallwaySocket } from './hallwayFeed.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomCountsIntervalMs: 50, roomSweepIntervalMs: 0 });
});
afterAll(async () => {
  await s.close();
});

const isHallway = (f: ServerFrame): f is HallwayUpdatedEvent => f.type === 'hallway.updated';
const updates = (spy: SpySocket) => spy.frames.filter(isHallway);
const cardsOf = (spy: SpySocket, roomId: string): HallwayRoomLive[] => updates(spy).flatMap((f) => f.data.rooms.filter((r) => r.id === roomId));
const sawRoom = (roomId: string, pred: (r: HallwayRoomLive) => boolean = () => true) => (f: ServerFrame) => isHallway(f) && f.data.rooms.some((r) => r.id === roomId && pred(r));

async function viewer(u: TestUser): Promise<SpySocket> {
  const spy = await SpySocket.open(s, u.token);
  spy.send({ op: 'hallway.subscribe', id: 'h1' });
  expect(await spy.waitFor((f) => (f.type === 'ack' || f.type === 'error') && 'id' in f && f.id === 'h1')).toMatchObject({ type: 'ack', data: { ok: true } });
  return spy;
}

describe('hallway.subscribe', () => {
  it('sends new rooms, their counts and stage, and their end, coalesced', async () => {
    const [host, a, b, watcher] = await people(s, 4);
    const spy = await viewer(watcher!);
    const room = await createRoom(s, host!, { title: 'Open mic' });
    const first = await spy.waitFor(sawRoom(room.id));
    expect((first as HallwayUpdatedEvent).data.rooms.find((r) => r.id === room.id)).toEqual({
      id: room.id,
      title: 'Open mic',
      visibility: 'open',
      createdAt: room.createdAt,
      speakerCount: 1,
      listenerCount: 0,
      speakers: [expect.objectContaining({ id: host!.id, username: host!.username })],
    });
    await join(s, a!, room.id);
    await join(s, b!, room.id);
    await spy.waitFor(sawRoom(room.id, (r) => r.listenerCount === 2));
    // Two joins, at most two frames about them: never one per person per person.
    expect(cardsOf(spy, room.id).length).toBeLessThanOrEqual(3);
    expect((await api(s, host!, 'PUT', `/v1/rooms/${room.id}/moderators/${a!.id}`)).status).toBe(200);
    await spy.waitFor(sawRoom(room.id, (r) => r.speakerCount === 2 && r.speakers.map((p) => p.id).join() === `${host!.id},${a!.id}`));
    expect((await api(s, host!, 'POST', `/v1/rooms/${room.id}/end`)).status).toBe(200);
    await spy.waitFor((f) => isHallway(f) && f.data.ended.includes(room.id));
    spy.close();
  });

  it('never shows a room the viewer may not see: closed and not invited, or hosted by someone who blocked them', async () => {
    const [host, blocker, invited, watcher] = await people(s, 4);
    const spy = await viewer(watcher!);
    const guest = await viewer(invited!);
    expect((await api(s, blocker!, 'PUT', `/v1/users/${watcher!.id}/block`)).status).toBe(200);
    const closed = await createRoom(s, host!, { visibility: 'closed', invitedUserIds: [invited!.id], title: 'Closed' });
    const blocked = await createRoom(s, blocker!, { title: 'Not for you' });
    // Changes reach a node in commit order and a tick sends all it has: once a later room arrives,
    // the hidden ones were handled already.
    const open = await createRoom(s, host!, { title: 'Open' });
    await spy.waitFor(sawRoom(open.id));
    await guest.waitFor(sawRoom(closed.id));
    expect(cardsOf(spy, closed.id)).toEqual([]);
    expect(cardsOf(spy, blocked.id)).toEqual([]);
    await api(s, host!, 'POST', `/v1/rooms/${closed.id}/end`);
    await guest.waitFor((f) => isHallway(f) && f.data.ended.includes(closed.id));
    await api(s, host!, 'POST', `/v1/rooms/${open.id}/end`);
    await spy.waitFor((f) => isHallway(f) && f.data.ended.includes(open.id));
    expect(updates(spy).some((f) => f.data.ended.includes(closed.id))).toBe(false);
    spy.close();
    guest.close();
  });

  it('stops with hallway.unsubscribe, and with the socket', async () => {
    const [host, quitter, closer, control] = await people(s, 4);
    const base = s.hallway.subscriberCount;
    const spies = { quitter: await viewer(quitter!), closer: await viewer(closer!), control: await viewer(control!) };
    // Subscribing twice is one subscription.
    spies.control.send({ op: 'hallway.subscribe' });
    await spies.control.settle();
    expect(s.hallway.subscriberCount).toBe(base + 3);
    spies.quitter.send({ op: 'hallway.unsubscribe', id: 'u1' });
    await spies.quitter.waitFor((f) => f.type === 'ack' && f.id === 'u1');
    spies.closer.close();
    await spies.closer.waitClosed();
    for (let i = 0; i < 50 && s.hallway.subscriberCount !== base + 1; i++) await spies.control.settle();
    expect(s.hallway.subscriberCount).toBe(base + 1);
    const room = await createRoom(s, host!);
    await spies.control.waitFor(sawRoom(room.id));
    await spies.quitter.settle();
    expect(updates(spies.quitter)).toEqual([]);
    spies.quitter.close();
    spies.control.close();
  });

  it('answers bad_request for unknown fields', async () => {
    const [u] = await people(s, 1);
    const spy = await SpySocket.open(s, u!.token);
    spy.send({ op: 'hallway.subscribe', id: 'x1', rooms: ['all'] });
    expect(await spy.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'bad_request', details: { field: 'rooms' } });
    spy.close();
  });
});

describe('HallwayFeed', () => {
  /** The store's reads, counted per method of the rooms area. */
  function countingRepo(): { repo: Tx; calls: Record<string, number> } {
    const calls: Record<string, number> = {};
    const real = s.deps.store.read;
    const rooms = new Proxy(real.rooms, {
      get(target, key, recv) {
        const v = Reflect.get(target, key, recv) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          calls[String(key)] = (calls[String(key)] ?? 0) + 1;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { repo: new Proxy(real, { get: (t, k, r) => (k === 'rooms' ? rooms : Reflect.get(t, k, r)) }) as Tx, calls };
  }

  it('sends one frame per subscriber per tick, however many changes, reading the changed rooms once', async () => {
    const [host, ...listeners] = await people(s, 6);
    const room = await createRoom(s, host!);
    for (const u of listeners) await join(s, u, room.id);
    const viewers = await people(s, 20);
    const { repo, calls } = countingRepo();
    const pending: Array<() => void> = [];
    const feed = new HallwayFeed(repo, 1000, () => Date.now(), (err) => { throw err; }, { setTimeout: (fn) => (pending.push(fn), pending.length), clearTimeout: () => undefined });
    const sockets = viewers.map((u) => ({ userId: u.id, frames: [] as string[], sendFrame(f: string) { this.frames.push(f); } })) satisfies Array<HallwaySocket & { frames: string[] }>;
    for (const x of sockets) feed.subscribe(x);
    const counts = (n: number) => ({ roomId: room.id, counts: { speakerCount: 1, listenerCount: n }, event: null });
    for (let i = 0; i < 100; i++) feed.observe(counts(i));
    expect(pending).toHaveLength(1); // one timer for the whole burst
    expect(sockets.every((x) => x.frames.length === 0)).toBe(true);
    await feed.tick();
    for (const x of sockets) {
      expect(x.frames).toHaveLength(1);
      const f = JSON.parse(x.frames[0]!) as HallwayUpdatedEvent;
      expect(f.data.rooms.map((r) => [r.id, r.listenerCount])).toEqual([[room.id, 5]]);
    }
    expect(calls.roomById).toBe(1);
    expect(calls.stage).toBe(1);
    expect(calls.participant).toBe(20); // who may see it: once per subscriber and room…
    feed.observe(counts(5));
    await feed.tick();
    expect(calls.participant).toBe(20); // …then remembered
    expect(calls.roomById).toBe(2);
    expect(sockets.every((x) => x.frames.length === 2)).toBe(true);
    // Nothing changed: no tick work, no frame. Chat does not change a card either.
    await feed.tick();
    feed.observe({ ...counts(5), event: { seq: 99, type: 'room.message_created', data: {}, to: null } });
    await feed.tick();
    expect(calls.roomById).toBe(2);
    feed.unsubscribe(sockets[0]!);
    feed.observe(counts(6));
    await feed.tick();
    expect(sockets[0]!.frames).toHaveLength(2);
    expect(sockets[1]!.frames).toHaveLength(3);
    feed.close();
  });
});
