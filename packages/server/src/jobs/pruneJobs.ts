/**
 * Housekeeping of the jobs table itself: done and dead jobs are deleted a week after they ended.
 * A job's key stays reserved until then (a second enqueue of it is a no-op), and dead jobs stay
 * visible to operators (`/metrics`, the table) for that week.
 */
import type { Deps } from '../domain/deps.js';
import type { JobKind } from './kind.js';

export const PRUNE_JOBS_KIND = 'jobs.prune';
export const FINISHED_JOB_RETENTION_MS = 7 * 86_400_000;

const BATCH = 1000;
const MAX_BATCHES = 50;

export function pruneJobsJob(deps: Pick<Deps, 'store' | 'clock'>, everyMs = 3_600_000): JobKind<unknown> {
  return {
    kind: PRUNE_JOBS_KIND,
    everyMs,
    maxAttempts: 3,
    async run(job) {
      const before = deps.clock.now() - FINISHED_JOB_RETENTION_MS;
      for (let i = 0; i < MAX_BATCHES && !job.signal.aborted; i++) {
        if ((await deps.store.write((tx) => tx.jobs.prune(before, BATCH))) < BATCH) return;
      }
    },
  };
}
