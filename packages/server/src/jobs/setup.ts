/**
 * The server's jobs runner with every job kind the server knows. To add a kind, write its file
 * under `jobs/` and list it here (docs/subsystems/jobs.md).
 */
import type { Config } from '../config/config.js';
import type { Deps } from '../domain/deps.js';
import { pruneJobsJob } from './pruneJobs.js';
import { pruneRoomVisitsJob } from './pruneRoomVisits.js';
import { requestExpiryJob } from './requestExpiry.js';
import { JobRunner, type JobLog, type JobObserver } from './runner.js';

export function createJobRunner(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
  config: Pick<Config, 'jobsPollMs' | 'jobsConcurrency' | 'requestExpirySweepMinutes' | 'metInRoomDays' | 'requestExpiryDays'>,
  extra: { observer?: JobObserver; log?: JobLog } = {},
): JobRunner {
  return new JobRunner({
    store: deps.store,
    clock: deps.clock,
    ids: deps.ids,
    kinds: [
      requestExpiryJob(deps, config.requestExpirySweepMinutes * 60_000),
      pruneJobsJob(deps),
      pruneRoomVisitsJob(deps, { windowMs: config.metInRoomDays * 86_400_000, requestExpiryMs: config.requestExpiryDays * 86_400_000 }),
    ],
    concurrency: config.jobsConcurrency,
    pollMs: config.jobsPollMs,
    ...extra,
  });
}
