/**
 * What a job kind is: its name, how often it may be tried, how long an attempt may take, how it
 * backs off, and the handler. A kind lives in its own file under `jobs/` (docs/subsystems/jobs.md).
 */
import type { Tx } from '../storage/store.js';

/** One attempt of a job, as its handler sees it. */
export interface JobAttempt<P> {
  id: string;
  key: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** The injected clock's time when the attempt started. */
  now: number;
  /**
   * Aborted when the attempt's deadline passes or the node shuts down. Pass it to fetches; a
   * handler that ignores it is no longer waited for, and what it returns is not committed.
   */
  signal: AbortSignal;
}

/**
 * What a handler returns. `write` runs in one transaction together with marking the job done: the
 * result commits exactly when the job completes, and not at all if this runner lost its lease (the
 * job was taken over by another runner after the lease expired). Handlers do their slow work
 * (fetches, decoding) before returning, never inside `write`: a write holds the group commit.
 */
export type JobResult = void | { write: (tx: Tx) => Promise<void> };

export interface JobKind<P = unknown> {
  /** `area.verb`, e.g. `links.preview`, `requests.expire`. Stored in every row: never rename a shipped kind. */
  readonly kind: string;
  /** Attempts before the job is dead. Stored with the job when it is enqueued. Default 5. */
  readonly maxAttempts?: number;
  /** Deadline of one attempt. The lease is this plus a margin. Default 60 s. */
  readonly timeoutMs?: number;
  /** Retry delays: `baseMs · 2^(attempt-1)`, capped at `maxMs`, with jitter. Default 1 s … 1 h. */
  readonly backoff?: { baseMs: number; maxMs: number };
  /** Makes the kind recurring: one job (key `every:<kind>`) runs this long after each run ends, on whichever node claims it. */
  readonly everyMs?: number;
  /** Checks the stored payload; throw `JobGiveUp` to bury a payload that can never work. */
  parse?(payload: unknown): P;
  run(job: JobAttempt<P>): Promise<JobResult>;
}

/** Thrown by a handler when retrying cannot help (the message was deleted, the payload is invalid): the job is dead at once. */
export class JobGiveUp extends Error {
  override readonly name = 'JobGiveUp';
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 3_600_000 } as const;

/**
 * The lease of an attempt: its deadline plus a margin for the result's commit. A runner that dies
 * mid-attempt leaves the job to be claimed again once the lease has passed.
 */
export function leaseMsOf(kind: Pick<JobKind, 'timeoutMs'>): number {
  const timeout = kind.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return timeout + Math.max(5000, Math.round(timeout / 2));
}

/**
 * The delay before retry number `attempt` (1 after the first failure): exponential, capped,
 * "equal jitter" (half fixed, half random) so that jobs failing together do not retry together
 * and a delay never collapses to zero.
 */
export function backoffMs(kind: Pick<JobKind, 'backoff'>, attempt: number, random: () => number): number {
  const { baseMs, maxMs } = kind.backoff ?? DEFAULT_BACKOFF;
  const full = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.ceil(full / 2 + (full / 2) * random());
}

export const recurringKey = (kind: string): string => `every:${kind}`;
