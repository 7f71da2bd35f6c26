/**
 * The server's jobs runner with every job kind the server knows. To add a kind, write its file
 * under `jobs/` and list it here (docs/subsystems/jobs.md).
 */
import type { Config } from '../config/config.js';
import type { Deps } from '../domain/deps.js';
import { linkPreviewSettings } from '../links/settings.js';
import type { Resolver } from '../links/policy.js';
import type { BlobStore } from '../media/blobStore.js';
import { linkPreviewJob } from './linkPreview.js';
import { mediaGcJob } from './mediaGc.js';
import { pruneJobsJob } from './pruneJobs.js';
import { pruneRoomVisitsJob } from './pruneRoomVisits.js';
import { requestExpiryJob } from './requestExpiry.js';
import { retentionJob } from './retention.js';
import { roomSweepJob } from './roomSweep.js';
import type { JobKind } from './kind.js';
import { JobRunner, type JobLog, type JobObserver } from './runner.js';

export function createJobRunner(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
  config: Config,
  extra: { observer?: JobObserver; log?: JobLog; resolver?: Resolver; roomSweep?: () => Promise<void>; blobs?: BlobStore } = {},
): JobRunner {
  const { resolver, roomSweep, blobs, ...runnerExtra } = extra;
  return new JobRunner({
    store: deps.store,
    clock: deps.clock,
    ids: deps.ids,
    kinds: [
      requestExpiryJob(deps, config.requestExpirySweepMinutes * 60_000),
      pruneJobsJob(deps),
      ...(config.messageRetentionDays > 0 ? [retentionJob(deps, config.messageRetentionDays)] : []),
      ...(roomSweep && config.roomSweepIntervalMs > 0 ? [roomSweepJob(roomSweep, config.roomSweepIntervalMs)] : []),
      pruneRoomVisitsJob(deps, { windowMs: config.metInRoomDays * 86_400_000, requestExpiryMs: config.requestExpiryDays * 86_400_000 }),
      ...(blobs ? [mediaGcJob(deps, blobs)] : []),
      ...(config.linkPreviews ? [linkPreviewJob(deps, linkPreviewSettings(config, resolver)) as JobKind<unknown>] : []),
    ],
    concurrency: config.jobsConcurrency,
    pollMs: config.jobsPollMs,
    ...runnerExtra,
  });
}
