/**
 * Message retention (docs/subsystems/accounts.md, "Retention"): with BACKCHANNEL_MESSAGE_RETENTION_DAYS
 * set, an hourly recurring job deletes messages (and shadow messages) older than that many days,
 * in batches of its own writes so the group commit never holds one huge transaction. One job for
 * the whole deployment, on whichever node claims it; idempotent (a retried attempt deletes the rest).
 * `npm run admin -- retention --dry-run` counts what it would delete.
 */
import type { Deps } from '../domain/deps.js';
import type { JobKind } from './kind.js';

export const RETENTION_KIND = 'messages.retention';
export const RETENTION_EVERY_MS = 3_600_000;
const DAY = 86_400_000;
const BATCH = 1000;
const MAX_BATCHES = 200;

export const retentionCutoff = (now: number, days: number): number => now - days * DAY;

/** Deletes what is past retention now, batch by batch (at most MAX_BATCHES); returns how many rows went. */
export async function applyRetention(deps: Pick<Deps, 'store'>, cutoff: number, signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES && !signal?.aborted; i++) {
    const n = await deps.store.write((tx) => tx.accounts.deleteMessagesBefore(cutoff, BATCH));
    total += n;
    if (n === 0) break;
  }
  return total;
}

export function retentionJob(deps: Pick<Deps, 'store' | 'clock'>, days: number): JobKind<unknown> {
  return {
    kind: RETENTION_KIND,
    everyMs: RETENTION_EVERY_MS,
    maxAttempts: 3,
    timeoutMs: 600_000,
    backoff: { baseMs: 10_000, maxMs: 300_000 },
    async run(job) {
      await applyRetention(deps, retentionCutoff(job.now, days), job.signal);
    },
  };
}
