/**
 * The request-expiry sweep as a recurring job: unanswered requests leave their recipient's
 * Requests even if the recipient never looks (domain/requests/expireRequests.ts; the same expiry
 * also happens lazily when listing or acting). One job for the whole deployment, on whichever
 * node claims it. Idempotent: each request is re-checked inside the write that expires it, so an
 * attempt that crashed halfway and is retried expires the rest and nothing twice.
 */
import type { Deps } from '../domain/deps.js';
import { expireRequests } from '../domain/requests/expireRequests.js';
import type { JobKind } from './kind.js';

export const REQUEST_EXPIRY_KIND = 'requests.expire';

/** Requests expired per write; a sweep writes until a batch comes back short (at most MAX_BATCHES). */
const BATCH = 500;
const MAX_BATCHES = 40;

export function requestExpiryJob(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, everyMs: number): JobKind<unknown> {
  return {
    kind: REQUEST_EXPIRY_KIND,
    everyMs,
    maxAttempts: 3,
    timeoutMs: 120_000,
    backoff: { baseMs: 5000, maxMs: 60_000 },
    async run(job) {
      for (let i = 0; i < MAX_BATCHES && !job.signal.aborted; i++) {
        if ((await expireRequests(deps, { limit: BATCH })) < BATCH) return;
      }
    },
  };
}
