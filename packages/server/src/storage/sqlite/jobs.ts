/**
 * SQLite side of the JobRepo port (storage/ports/jobs.ts). One writer connection serializes every
 * claim, so a claim needs no row locks: the UPDATE … WHERE id IN (SELECT … LIMIT) is atomic.
 */
import type Database from 'better-sqlite3';
import type { ClaimOptions, ClaimResult, JobRepo, JobStats } from '../ports/jobs.js';
import { EMPTY_COUNTS, byRunAt, toJob, type JobRow, type JobState, type NewJob } from '../rows/jobs.js';
import type { Row } from '../rows/row.js';

const DUE = `kind IN (SELECT value FROM json_each(@kinds))
  AND ((state IN ('queued', 'failed') AND run_at <= @now) OR (state = 'running' AND lease_until <= @now))`;
const NO_LEASE = 'lease_token = NULL, lease_owner = NULL, lease_until = NULL';
const FENCE = "id = @id AND lease_token = @token AND state = 'running'";

export class SqliteJobs implements JobRepo {
  private readonly q;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      enqueue: p(`INSERT INTO jobs (id, kind, job_key, payload, state, run_at, attempts, max_attempts, interval_ms, created_at, updated_at)
        VALUES (@id, @kind, @key, @payload, 'queued', @runAt, 0, @maxAttempts, @intervalMs, @createdAt, @createdAt)
        ON CONFLICT (job_key) DO NOTHING`),
      ensureRecurring: p(`INSERT INTO jobs (id, kind, job_key, payload, state, run_at, attempts, max_attempts, interval_ms, created_at, updated_at)
        VALUES (@id, @kind, @key, @payload, 'queued', @runAt, 0, @maxAttempts, @intervalMs, @createdAt, @createdAt)
        ON CONFLICT (job_key) DO UPDATE SET
          interval_ms = excluded.interval_ms,
          max_attempts = excluded.max_attempts,
          run_at = CASE WHEN jobs.state IN ('done', 'dead') THEN excluded.run_at
                        WHEN jobs.state IN ('queued', 'failed') THEN MIN(jobs.run_at, excluded.run_at)
                        ELSE jobs.run_at END,
          attempts = CASE WHEN jobs.state IN ('done', 'dead') THEN 0 ELSE jobs.attempts END,
          state = CASE WHEN jobs.state IN ('done', 'dead') THEN 'queued' ELSE jobs.state END,
          updated_at = excluded.updated_at`),
      // A job whose runner died on its last attempt: buried, or (recurring) back for its next run.
      expire: p(`UPDATE jobs SET
          state = CASE WHEN interval_ms IS NULL THEN 'dead' ELSE 'queued' END,
          run_at = CASE WHEN interval_ms IS NULL THEN run_at ELSE @now + interval_ms END,
          attempts = CASE WHEN interval_ms IS NULL THEN attempts ELSE 0 END,
          last_error = 'lease expired on the last attempt', ${NO_LEASE}, updated_at = @now
        WHERE kind IN (SELECT value FROM json_each(@kinds)) AND state = 'running' AND lease_until <= @now AND attempts >= max_attempts`),
      claim: p(`UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_token = @token, lease_owner = @owner,
          lease_until = @now + @leaseMs, updated_at = @now
        WHERE id IN (SELECT id FROM jobs WHERE ${DUE} ORDER BY run_at, id LIMIT @limit)
        RETURNING *`),
      complete: p(`UPDATE jobs SET
          state = CASE WHEN interval_ms IS NULL THEN 'done' ELSE 'queued' END,
          run_at = CASE WHEN interval_ms IS NULL THEN run_at ELSE @now + interval_ms END,
          attempts = CASE WHEN interval_ms IS NULL THEN attempts ELSE 0 END,
          ${NO_LEASE}, updated_at = @now
        WHERE ${FENCE}`),
      retry: p(`UPDATE jobs SET state = 'failed', run_at = @runAt, last_error = @error,
          attempts = CASE WHEN @reset = 1 THEN 0 ELSE attempts END, ${NO_LEASE}, updated_at = @now
        WHERE ${FENCE}`),
      bury: p(`UPDATE jobs SET state = 'dead', last_error = @error, ${NO_LEASE}, updated_at = @now WHERE ${FENCE}`),
      release: p(`UPDATE jobs SET state = 'queued', run_at = @now, attempts = MAX(attempts - 1, 0), ${NO_LEASE}, updated_at = @now WHERE ${FENCE}`),
      hasDue: p(`SELECT EXISTS (SELECT 1 FROM jobs WHERE ${DUE}) AS due`),
      byKey: p('SELECT * FROM jobs WHERE job_key = ?'),
      counts: p('SELECT state, count(*) AS n FROM jobs GROUP BY state'),
      oldestDue: p(`SELECT MIN(at) AS at FROM (
          SELECT MIN(run_at) AS at FROM jobs WHERE state IN ('queued', 'failed') AND run_at <= @now
          UNION ALL SELECT MIN(lease_until) FROM jobs WHERE state = 'running' AND lease_until <= @now)`),
      prune: p(`DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state IN ('done', 'dead') AND updated_at < ? LIMIT ?)`),
    };
  }

  async enqueue(job: NewJob): Promise<boolean> {
    return this.q.enqueue.run(params(job)).changes === 1;
  }

  async ensureRecurring(job: NewJob & { intervalMs: number }): Promise<void> {
    this.q.ensureRecurring.run(params(job));
  }

  async claim(o: ClaimOptions): Promise<ClaimResult> {
    if (o.limit <= 0 || o.kinds.length === 0) return { jobs: [], expired: 0 };
    const kinds = JSON.stringify(o.kinds);
    const expired = this.q.expire.run({ kinds, now: o.now }).changes;
    const rows = this.q.claim.all({ kinds, now: o.now, limit: o.limit, token: o.token, owner: o.owner, leaseMs: o.leaseMs }) as Row[];
    return { jobs: rows.map(toJob).sort(byRunAt), expired };
  }

  async complete(id: string, token: string, now: number): Promise<boolean> {
    return this.q.complete.run({ id, token, now }).changes === 1;
  }

  async retry(id: string, token: string, o: { now: number; runAt: number; error: string; resetAttempts?: boolean }): Promise<boolean> {
    return this.q.retry.run({ id, token, now: o.now, runAt: o.runAt, error: o.error, reset: o.resetAttempts ? 1 : 0 }).changes === 1;
  }

  async bury(id: string, token: string, o: { now: number; error: string }): Promise<boolean> {
    return this.q.bury.run({ id, token, now: o.now, error: o.error }).changes === 1;
  }

  async release(id: string, token: string, now: number): Promise<boolean> {
    return this.q.release.run({ id, token, now }).changes === 1;
  }

  async hasDue(now: number, kinds: readonly string[]): Promise<boolean> {
    if (kinds.length === 0) return false;
    return (this.q.hasDue.get({ now, kinds: JSON.stringify(kinds) }) as { due: number }).due === 1;
  }

  async byKey(key: string): Promise<JobRow | null> {
    const r = this.q.byKey.get(key) as Row | undefined;
    return r ? toJob(r) : null;
  }

  async stats(now: number): Promise<JobStats> {
    const counts = { ...EMPTY_COUNTS };
    for (const r of this.q.counts.all() as Array<{ state: JobState; n: number }>) counts[r.state] = r.n;
    const { at } = this.q.oldestDue.get({ now }) as { at: number | null };
    return { counts, oldestDueAt: at ?? null };
  }

  async prune(before: number, limit: number): Promise<number> {
    return this.q.prune.run(before, limit).changes;
  }
}

function params(job: NewJob) {
  return {
    id: job.id,
    kind: job.kind,
    key: job.key,
    payload: JSON.stringify(job.payload ?? null),
    runAt: job.runAt,
    maxAttempts: job.maxAttempts,
    intervalMs: job.intervalMs ?? null,
    createdAt: job.createdAt,
  };
}
