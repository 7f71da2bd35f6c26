/**
 * The rooms sweep as a recurring job (docs/subsystems/rooms.md, "Presence"): ends the presence no
 * node vouched for, ends rooms left without a host or moderator past the grace period, and purges
 * old replays (built-in mode, domain/rooms/sweepRooms.ts); in external mode only the purges
 * (domain/audio/roomsPort.ts). Every step reads the database and re-checks each row inside the
 * write that changes it, so one node per interval is enough and a retried or overlapping run
 * changes nothing twice.
 */
import type { JobKind } from './kind.js';

export const ROOM_SWEEP_KIND = 'rooms.sweep';

export function roomSweepJob(sweep: () => Promise<void>, everyMs: number): JobKind<unknown> {
  return {
    kind: ROOM_SWEEP_KIND,
    everyMs,
    maxAttempts: 3,
    timeoutMs: 60_000,
    backoff: { baseMs: 1000, maxMs: 30_000 },
    async run() {
      await sweep();
    },
  };
}
