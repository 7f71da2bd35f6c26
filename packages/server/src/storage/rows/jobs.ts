/** Rows of the jobs table (storage/ports/jobs.ts) and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

/**
 * `queued`: waits for `runAt`. `running`: claimed, leased until `leaseUntil`. `failed`: its last
 * attempt failed; retried at `runAt`. `done`: finished (kept for its key, pruned later). `dead`: out
 * of attempts; kept for the operator (pruned later). Recurring jobs never become done or dead:
 * they go back to `queued` for their next run.
 */
export type JobState = 'queued' | 'running' | 'failed' | 'done' | 'dead';

export interface JobRow {
  id: string;
  kind: string;
  /** Unique across the table: enqueuing a key that exists is a no-op (idempotent enqueue). */
  key: string;
  payload: unknown;
  state: JobState;
  runAt: number;
  /** Attempts started so far (a claim counts one). */
  attempts: number;
  maxAttempts: number;
  /** Set for a recurring job: the next run is this long after a run ends. */
  intervalMs: number | null;
  leaseToken: string | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewJob {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  runAt: number;
  maxAttempts: number;
  intervalMs?: number | null;
  createdAt: number;
}


const num = (v: unknown): number => Number(v);
const orNull = <T>(v: unknown): T | null => (v === undefined || v === null ? null : (v as T));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const toJob = (r: Row): JobRow => ({
  id: r.id as string,
  kind: r.kind as string,
  key: r.job_key as string,
  // Stored as text on both backends, so a payload reads back exactly as it was written.
  payload: JSON.parse(r.payload as string) as unknown,
  state: r.state as JobState,
  runAt: num(r.run_at),
  attempts: num(r.attempts),
  maxAttempts: num(r.max_attempts),
  intervalMs: numOrNull(r.interval_ms),
  leaseToken: orNull<string>(r.lease_token),
  leaseOwner: orNull<string>(r.lease_owner),
  leaseUntil: numOrNull(r.lease_until),
  lastError: orNull<string>(r.last_error),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

/** Claimed jobs in the order they were due (RETURNING promises no order). */
export const byRunAt = (a: JobRow, b: JobRow): number => a.runAt - b.runAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const EMPTY_COUNTS: Readonly<Record<JobState, number>> = { queued: 0, running: 0, failed: 0, done: 0, dead: 0 };
