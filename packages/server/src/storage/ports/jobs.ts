/**
 * Storage port of the jobs table: work that runs after a commit (link previews, media, push,
 * sweeps), claimed with leases so that several nodes share one table without doing a job twice.
 * The runner that drives it is `jobs/runner.ts`; the design is docs/adr/0011-jobs-table-with-leases.md
 * and how to add a kind is docs/subsystems/jobs.md.
 *
 * Every time is the injected clock's milliseconds, passed in by the caller: the database's own
 * clock is never read, so tests move time with a fake clock and nodes agree as well as their
 * clocks do (leases are generous for that reason).
 *
 * A claim hands each job a fresh lease token. Finishing a job (`complete`, `retry`, `bury`,
 * `release`) names that token and changes nothing when it no longer matches: a runner whose lease
 * expired and was taken over cannot complete, fail or release the job again (the token is the
 * fencing token). `complete` runs inside the same write as the handler's result, so a fenced
 * runner's result rolls back with it.
 */
import type { JobRow, JobState, NewJob } from '../rows/jobs.js';

export interface ClaimOptions {
  now: number;
  limit: number;
  /** Only these kinds (the ones this node has handlers for). */
  kinds: readonly string[];
  /** The lease of every claimed job: `now + leaseMs`. */
  leaseMs: number;
  /** The fencing token of this claim, stored on every job it takes. */
  token: string;
  /** Who holds the lease (node and process), for operators. */
  owner: string;
}

export interface ClaimResult {
  /** The jobs now leased to the caller, runAt order, `attempts` already counting this attempt. */
  jobs: JobRow[];
  /**
   * Jobs found with an expired lease and no attempts left (their runner died on the last one):
   * buried (or, recurring, put back for their next run) instead of claimed.
   */
  expired: number;
}

export interface JobStats {
  counts: Record<JobState, number>;
  /** runAt of the oldest job that is due by `now` and not running (null when none): the lag. */
  oldestDueAt: number | null;
}

export interface JobRepo {
  /**
   * Inside a write: stores the job unless one with its key exists; true when stored. Enqueue in
   * the same write as the data the job is about, so the job exists exactly when that data committed.
   */
  enqueue(job: NewJob): Promise<boolean>;
  /**
   * Inside a write: makes sure the recurring job with this key exists with this interval. A new
   * one first runs at `job.runAt`; an existing one keeps its schedule (moved earlier when the
   * interval shrank), and one left done or dead by an older version comes back.
   */
  ensureRecurring(job: NewJob & { intervalMs: number }): Promise<void>;
  /**
   * Inside a write: leases up to `limit` jobs of `kinds` that are due (queued or failed with
   * `runAt <= now`, or running with an expired lease). On PostgreSQL, rows another node is claiming
   * at the same moment are skipped (`FOR UPDATE SKIP LOCKED`), so concurrent claims are disjoint.
   */
  claim(opts: ClaimOptions): Promise<ClaimResult>;
  /**
   * Inside a write: the attempt succeeded. An ordinary job becomes done; a recurring one is queued
   * again at `now + intervalMs` with its attempts reset. False when the lease token no longer matches.
   */
  complete(id: string, token: string, now: number): Promise<boolean>;
  /**
   * Inside a write: the attempt failed; the job becomes `failed` and runs again at `runAt`
   * (`resetAttempts` for a recurring job that used its attempts and waits for its next interval).
   */
  retry(id: string, token: string, opts: { now: number; runAt: number; error: string; resetAttempts?: boolean }): Promise<boolean>;
  /** Inside a write: the attempt failed and was the last one; the job is dead. */
  bury(id: string, token: string, opts: { now: number; error: string }): Promise<boolean>;
  /**
   * Inside a write: gives the job back without counting the attempt (graceful shutdown); it is
   * queued again, due at once.
   */
  release(id: string, token: string, now: number): Promise<boolean>;
  /**
   * Whether a claim at `now` would find a job of `kinds` (a read: pollers ask it first, so an idle
   * node does not write once a second).
   */
  hasDue(now: number, kinds: readonly string[]): Promise<boolean>;
  byKey(key: string): Promise<JobRow | null>;
  stats(now: number): Promise<JobStats>;
  /** Inside a write: deletes up to `limit` done and dead jobs last changed before `before`; returns how many. */
  prune(before: number, limit: number): Promise<number>;
}

/** Error texts are stored for operators, never whole stacks or huge messages. */
export const MAX_JOB_ERROR_CHARS = 1000;

export function jobErrorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_JOB_ERROR_CHARS ? `${text.slice(0, MAX_JOB_ERROR_CHARS - 1)}…` : text;
}
