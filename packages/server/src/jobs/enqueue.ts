/**
 * How a domain action asks for work after its commit: it enqueues a job inside its own write, so
 * the job exists exactly when the action's data committed (a rolled-back write leaves no job, a
 * crash after COMMIT loses none). Imports storage ports only, so domain actions may use it
 * without depending on the runner or on any handler.
 *
 *   await store.write(async (tx) => {
 *     const seq = await tx.appendMessage(row);
 *     await enqueueJob(tx, deps, LINK_PREVIEW, `links.preview:${row.id}`, { messageId: row.id });
 *   });
 */
import type { Clock, Ids } from '../domain/deps.js';
import type { Tx } from '../storage/store.js';
import { DEFAULT_MAX_ATTEMPTS, type JobKind } from './kind.js';

export interface EnqueueOptions {
  /** Not before this time (the injected clock's ms); default now. */
  runAt?: number;
}

/**
 * Stores a job of `kind` under `key` unless a job with that key exists (then nothing changes, so
 * a retried action never doubles its job). Returns whether it was stored. Keys name what the job
 * is about (`links.preview:<messageId>`), so the same key means the same work.
 */
export function enqueueJob<P>(
  tx: Tx,
  deps: { clock: Clock; ids: Ids },
  kind: Pick<JobKind<P>, 'kind' | 'maxAttempts'>,
  key: string,
  payload: P,
  opts: EnqueueOptions = {},
): Promise<boolean> {
  const now = deps.clock.now();
  return tx.jobs.enqueue({ id: deps.ids.id(), kind: kind.kind, key, payload, runAt: opts.runAt ?? now, maxAttempts: kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, createdAt: now });
}
