/**
 * PostgreSQL side of the JobRepo port (storage/ports/jobs.ts), over the `PgHandle` (the batch's
 * savepoint handling and error translation). Not part of the event log: nothing is journaled.
 *
 * Several nodes claim from one table: the due rows are picked with `FOR UPDATE SKIP LOCKED`, so
 * concurrent claims take disjoint rows without waiting on each other, and the lease (with its
 * token) covers the time between the claim's COMMIT and the job's end. See
 * docs/adr/0011-jobs-table-with-leases.md.
 */
import type { ClaimOptions, ClaimResult, JobRepo, JobStats } from '../ports/jobs.js';
import { EMPTY_COUNTS, byRunAt, toJob, type JobRow, type JobState, type NewJob } from '../rows/jobs.js';
import type { PgHandle } from './handle.js';

const NO_LEASE = 'lease_token = NULL, lease_owner = NULL, lease_until = NULL';
const FENCE = "id = $1 AND lease_token = $2 AND state = 'running'";
const INSERT = `INSERT INTO jobs (id, kind, job_key, payload, state, run_at, attempts, max_attempts, interval_ms, created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'queued', $5, 0, $6, $7, $8, $8)`;

export class PgJobs implements JobRepo {
  constructor(private readonly h: PgHandle) {}

  async enqueue(job: NewJob): Promise<boolean> {
    // DO NOTHING waits for a concurrent inserter of the same key to commit, so one of them wins.
    const rows = await this.h.q(`${INSERT} ON CONFLICT (job_key) DO NOTHING RETURNING id`, params(job));
    return rows.length === 1;
  }

  async ensureRecurring(job: NewJob & { intervalMs: number }): Promise<void> {
    await this.h.q(
      `${INSERT} ON CONFLICT (job_key) DO UPDATE SET
         interval_ms = excluded.interval_ms,
         max_attempts = excluded.max_attempts,
         run_at = CASE WHEN jobs.state IN ('done', 'dead') THEN excluded.run_at
                       WHEN jobs.state IN ('queued', 'failed') THEN LEAST(jobs.run_at, excluded.run_at)
                       ELSE jobs.run_at END,
         attempts = CASE WHEN jobs.state IN ('done', 'dead') THEN 0 ELSE jobs.attempts END,
         state = CASE WHEN jobs.state IN ('done', 'dead') THEN 'queued' ELSE jobs.state END,
         updated_at = excluded.updated_at`,
      params(job),
    );
  }

  async claim(o: ClaimOptions): Promise<ClaimResult> {
    if (o.limit <= 0 || o.kinds.length === 0) return { jobs: [], expired: 0 };
    const kinds = [...o.kinds];
    // A job whose runner died on its last attempt: buried, or (recurring) back for its next run.
    const expired = await this.h.q(
      `WITH gone AS (
         SELECT id FROM jobs WHERE kind = ANY($1::text[]) AND state = 'running' AND lease_until <= $2 AND attempts >= max_attempts
         FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET
         state = CASE WHEN j.interval_ms IS NULL THEN 'dead' ELSE 'queued' END,
         run_at = CASE WHEN j.interval_ms IS NULL THEN j.run_at ELSE $2 + j.interval_ms END,
         attempts = CASE WHEN j.interval_ms IS NULL THEN j.attempts ELSE 0 END,
         last_error = 'lease expired on the last attempt', ${NO_LEASE}, updated_at = $2
       FROM gone WHERE j.id = gone.id RETURNING j.id`,
      [kinds, o.now],
    );
    const rows = await this.h.q(
      `WITH due AS (
         SELECT id FROM jobs
         WHERE kind = ANY($1::text[]) AND ((state IN ('queued', 'failed') AND run_at <= $2) OR (state = 'running' AND lease_until <= $2))
         ORDER BY run_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, lease_token = $4, lease_owner = $5, lease_until = $2::bigint + $6::bigint, updated_at = $2
       FROM due WHERE j.id = due.id RETURNING j.*`,
      [kinds, o.now, o.limit, o.token, o.owner, o.leaseMs],
    );
    return { jobs: rows.map(toJob).sort(byRunAt), expired: expired.length };
  }

  async complete(id: string, token: string, now: number): Promise<boolean> {
    const rows = await this.h.q(
      `UPDATE jobs SET
         state = CASE WHEN interval_ms IS NULL THEN 'done' ELSE 'queued' END,
         run_at = CASE WHEN interval_ms IS NULL THEN run_at ELSE $3 + interval_ms END,
         attempts = CASE WHEN interval_ms IS NULL THEN attempts ELSE 0 END,
         ${NO_LEASE}, updated_at = $3
       WHERE ${FENCE} RETURNING id`,
      [id, token, now],
    );
    return rows.length === 1;
  }

  async retry(id: string, token: string, o: { now: number; runAt: number; error: string; resetAttempts?: boolean }): Promise<boolean> {
    const rows = await this.h.q(
      `UPDATE jobs SET state = 'failed', run_at = $4, last_error = $5, attempts = CASE WHEN $6::boolean THEN 0 ELSE attempts END, ${NO_LEASE}, updated_at = $3
       WHERE ${FENCE} RETURNING id`,
      [id, token, o.now, o.runAt, o.error, o.resetAttempts === true],
    );
    return rows.length === 1;
  }

  async bury(id: string, token: string, o: { now: number; error: string }): Promise<boolean> {
    const rows = await this.h.q(`UPDATE jobs SET state = 'dead', last_error = $4, ${NO_LEASE}, updated_at = $3 WHERE ${FENCE} RETURNING id`, [id, token, o.now, o.error]);
    return rows.length === 1;
  }

  async release(id: string, token: string, now: number): Promise<boolean> {
    const rows = await this.h.q(
      `UPDATE jobs SET state = 'queued', run_at = $3, attempts = GREATEST(attempts - 1, 0), ${NO_LEASE}, updated_at = $3 WHERE ${FENCE} RETURNING id`,
      [id, token, now],
    );
    return rows.length === 1;
  }

  async hasDue(now: number, kinds: readonly string[]): Promise<boolean> {
    if (kinds.length === 0) return false;
    const [r] = await this.h.q(
      `SELECT EXISTS (SELECT 1 FROM jobs WHERE kind = ANY($1::text[])
         AND ((state IN ('queued', 'failed') AND run_at <= $2) OR (state = 'running' AND lease_until <= $2))) AS due`,
      [[...kinds], now],
    );
    return r?.due === true;
  }

  async byKey(key: string): Promise<JobRow | null> {
    const [r] = await this.h.q('SELECT * FROM jobs WHERE job_key = $1', [key]);
    return r ? toJob(r) : null;
  }

  async stats(now: number): Promise<JobStats> {
    const counts = { ...EMPTY_COUNTS };
    for (const r of await this.h.q('SELECT state, count(*) AS n FROM jobs GROUP BY state', [])) counts[r.state as JobState] = Number(r.n);
    const [r] = await this.h.q(
      `SELECT LEAST(
         (SELECT MIN(run_at) FROM jobs WHERE state IN ('queued', 'failed') AND run_at <= $1),
         (SELECT MIN(lease_until) FROM jobs WHERE state = 'running' AND lease_until <= $1)) AS at`,
      [now],
    );
    return { counts, oldestDueAt: r?.at === null || r?.at === undefined ? null : Number(r.at) };
  }

  async prune(before: number, limit: number): Promise<number> {
    const rows = await this.h.q(
      `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state IN ('done', 'dead') AND updated_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id`,
      [before, limit],
    );
    return rows.length;
  }
}

function params(job: NewJob): unknown[] {
  return [job.id, job.kind, job.key, JSON.stringify(job.payload ?? null), job.runAt, job.maxAttempts, job.intervalMs ?? null, job.createdAt];
}
