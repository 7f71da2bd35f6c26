/**
 * The rooms sweep on the jobs runner (jobs/roomSweep.ts), through the public API on a fake clock:
 * one recurring job at `roomSweepIntervalMs`; when it runs it lets go of presence no node vouched
 * for and ends a room left without a host or moderator past the grace period. Off with 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { TestClock } from '../testing/clock.js';
import { api, createRoom, join, people } from '../domain/rooms/rooms.test-helpers.js';
import { recurringKey } from './kind.js';
import { ROOM_SWEEP_KIND } from './roomSweep.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ jobsPollMs: 0, roomSweepIntervalMs: 5000 }, { clock });
});
afterAll(async () => {
  await s.close();
});

const roomOf = async (roomId: string, as: Parameters<typeof api>[1]) => (await api<{ room: Room }>(s, as, 'GET', `/v1/rooms/${roomId}`)).body.room;

describe('the rooms sweep as a recurring job', () => {
  it('is one job every roomSweepIntervalMs that ends lapsed presence, then the room without staff', async () => {
    expect(await s.deps.store.read.jobs.byKey(recurringKey(ROOM_SWEEP_KIND))).toMatchObject({ state: 'queued', intervalMs: 5000 });
    const [host, a] = await people(s, 2);
    const room = await createRoom(s, host!);
    await join(s, a!, room.id);
    // Nobody's socket vouches for the host; the listener's does.
    clock.advance(91_000);
    await s.deps.store.write((tx) => tx.rooms.touchParticipants(room.id, [a!.id], clock.now()));
    await s.jobs.runDue();
    expect(await roomOf(room.id, a!)).toMatchObject({ status: 'live', speakerCount: 0, listenerCount: 1 });
    // Not yet: the end grace period (2 min) has not passed.
    clock.advance(60_000);
    await s.deps.store.write((tx) => tx.rooms.touchParticipants(room.id, [a!.id], clock.now()));
    await s.jobs.runDue();
    expect((await roomOf(room.id, a!)).status).toBe('live');
    clock.advance(61_000);
    await s.jobs.runDue();
    expect((await roomOf(room.id, a!)).status).toBe('ended');
    expect(await s.deps.store.read.jobs.byKey(recurringKey(ROOM_SWEEP_KIND))).toMatchObject({ state: 'queued', attempts: 0, runAt: clock.now() + 5000 });
  });

  it('is not scheduled with an interval of 0', async () => {
    const off = await startTestServer({ jobsPollMs: 0, roomSweepIntervalMs: 0 });
    try {
      expect(await off.deps.store.read.jobs.byKey(recurringKey(ROOM_SWEEP_KIND))).toBeNull();
    } finally {
      await off.close();
    }
  });
});
