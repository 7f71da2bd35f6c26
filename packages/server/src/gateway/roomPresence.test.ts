/**
 * Presence in rooms (gateway/roomPresence.ts): the last socket going away starts the grace period,
 * a socket coming back within it cancels the leave, the node vouches for whom it holds; and end to
 * end, closing the only socket takes the person out of the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { TestClock } from '../testing/clock.js';
import { api, createRoom, join, listen, people } from '../domain/rooms/rooms.test-helpers.js';
import { RoomPresence } from './roomPresence.js';

class FakeTimers {
  pending = new Map<number, () => void>();
  private n = 0;
  setTimeout = (fn: () => void) => (this.pending.set(++this.n, fn), this.n);
  clearTimeout = (h: unknown) => void this.pending.delete(h as number);
  fire(): void {
    const fns = [...this.pending.values()];
    this.pending.clear();
    fns.forEach((f) => f());
  }
}

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0, roomPresenceGraceSeconds: 1 }, { clock });
});
afterAll(() => s.close());

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('room presence', () => {
  it('cancels the leave when a socket comes back within the grace period, and leaves when none does', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const user = (await s.deps.store.read.users.byId(a.id))!;
    const timers = new FakeTimers();
    const errors: unknown[] = [];
    const presence = new RoomPresence(s.deps, (e) => errors.push(e), timers);
    try {
      presence.add(room.id, user);
      presence.add(room.id, user);
      presence.remove(room.id, a.id);
      expect(timers.pending.size).toBe(0); // another socket still listens
      presence.remove(room.id, a.id);
      expect(timers.pending.size).toBe(1);
      presence.add(room.id, user); // a reload
      expect(timers.pending.size).toBe(0);
      timers.fire();
      const count = async () => (await api<{ room: Room }>(s, host, 'GET', `/v1/rooms/${room.id}`)).body.room.listenerCount;
      expect(await count()).toBe(1);
      // Within the grace period of the last vouch, a leave by presence is refused (another node may hold them).
      presence.remove(room.id, a.id);
      timers.fire();
      await presence.vouch();
      expect(await count()).toBe(1);
      clock.advance(1001);
      presence.add(room.id, user);
      presence.remove(room.id, a.id);
      timers.fire();
      expect(await eventually(count, (n) => n === 0)).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      presence.close();
    }
  });

  it('vouches for the people it holds', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const presence = new RoomPresence(s.deps, () => undefined, new FakeTimers());
    try {
      presence.add(room.id, (await s.deps.store.read.users.byId(a.id))!);
      clock.advance(5000);
      await presence.vouch();
      expect((await s.deps.store.read.rooms.participant(room.id, a.id))?.lastSeenAt).toBe(clock.now());
      expect((await s.deps.store.read.rooms.participant(room.id, host.id))?.lastSeenAt).toBeLessThan(clock.now());
    } finally {
      presence.close();
    }
  });

  it('takes someone out of the room when their only socket closes (after the grace period)', async () => {
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host);
    await join(s, a, room.id);
    const { spy } = await listen(s, a, room.id);
    clock.advance(1001);
    spy.close();
    const after = await eventually(
      async () => (await api<{ room: Room }>(s, a, 'GET', `/v1/rooms/${room.id}`)).body.room,
      (r) => r.me.role === null,
    );
    expect(after).toMatchObject({ listenerCount: 0, me: { role: null } });
  });
});
