/**
 * Prunes room participation records past the met-in-room window (`metInRoomDays`), and the rooms
 * of requests older than any request can live (docs/subsystems/message-requests.md, "Met in a
 * room"). Recurring, hourly, on one node at a time; each batch is its own write, so a retried
 * attempt deletes what is left and nothing twice.
 */
import type { Deps } from '../domain/deps.js';
import type { JobKind } from './kind.js';

export const PRUNE_ROOM_VISITS_KIND = 'rooms.prune_visits';

const BATCH = 1000;
const MAX_BATCHES = 50;

export function pruneRoomVisitsJob(deps: Pick<Deps, 'store' | 'clock'>, opts: { windowMs: number; requestExpiryMs: number }): JobKind<unknown> {
  return {
    kind: PRUNE_ROOM_VISITS_KIND,
    everyMs: 3_600_000,
    maxAttempts: 3,
    timeoutMs: 120_000,
    backoff: { baseMs: 5000, maxMs: 60_000 },
    async run(job) {
      const now = deps.clock.now();
      const visitsBefore = now - opts.windowMs;
      const labelsBefore = now - Math.max(opts.windowMs, opts.requestExpiryMs);
      for (let i = 0; i < MAX_BATCHES && !job.signal.aborted; i++) {
        const [visits, labels] = await deps.store.write(async (tx) => [await tx.roomVisits.prune(visitsBefore, BATCH), await tx.roomVisits.pruneRequestRooms(labelsBefore, BATCH)]);
        if (visits < BATCH && labels < BATCH) return;
      }
    },
  };
}
