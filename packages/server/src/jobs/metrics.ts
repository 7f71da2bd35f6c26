/**
 * The jobs runner in `/metrics`: how many jobs are in each state and how late the oldest due one
 * is (read from the table at scrape time, so every node reports the whole deployment's queue),
 * and what this node's attempts ended in.
 *
 *   backchannel_jobs{state="queued|running|failed|done|dead"}   jobs in the table
 *   backchannel_jobs_lag_seconds                                  now − due time of the oldest waiting job
 *   backchannel_job_attempts_total{kind,outcome}                  attempts on this node (done, failed, dead, lease_lost, released)
 *   backchannel_job_attempt_seconds{kind}                         attempt durations on this node
 *   backchannel_jobs_running_here                                 attempts in flight on this node
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Clock } from '../domain/deps.js';
import type { JobRepo, JobStats } from '../storage/ports/jobs.js';
import type { JobState } from '../storage/rows/jobs.js';
import type { JobObserver } from './runner.js';

const STATES: readonly JobState[] = ['queued', 'running', 'failed', 'done', 'dead'];

export interface JobMetricsSource {
  jobs: Pick<JobRepo, 'stats'>;
  clock: Clock;
  /** Attempts in flight on this node (set once the runner exists). */
  running: () => number;
}

export function registerJobMetrics(registry: Registry, source: JobMetricsSource): JobObserver {
  // One query per scrape serves both gauges (prom-client collects them concurrently).
  let pending: Promise<{ stats: JobStats; now: number }> | null = null;
  const stats = () => {
    if (!pending) {
      const now = source.clock.now();
      pending = source.jobs.stats(now).then((s) => ({ stats: s, now }));
      void pending.finally(() => (pending = null)).catch(() => undefined);
    }
    return pending;
  };
  new Gauge({
    name: 'backchannel_jobs',
    help: 'Jobs in the jobs table by state (the whole deployment)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const { stats: s } = await stats();
      for (const state of STATES) this.set({ state }, s.counts[state]);
    },
  });
  new Gauge({
    name: 'backchannel_jobs_lag_seconds',
    help: 'How long the oldest due job has been waiting to be claimed (0 when none is)',
    registers: [registry],
    async collect() {
      const { stats: s, now } = await stats();
      this.set(s.oldestDueAt === null ? 0 : Math.max(0, now - s.oldestDueAt) / 1000);
    },
  });
  new Gauge({
    name: 'backchannel_jobs_running_here',
    help: 'Job attempts in flight on this node',
    registers: [registry],
    collect() {
      this.set(source.running());
    },
  });
  const attempts = new Counter({ name: 'backchannel_job_attempts_total', help: 'Job attempts on this node by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] });
  const durations = new Histogram({
    name: 'backchannel_job_attempt_seconds',
    help: 'Duration of job attempts on this node',
    labelNames: ['kind'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });
  const expired = new Counter({ name: 'backchannel_jobs_lease_expired_total', help: 'Jobs found with an expired lease on their last attempt (their runner died)', registers: [registry] });
  return {
    attempt(kind, outcome, durationMs) {
      attempts.inc({ kind, outcome });
      durations.observe({ kind }, durationMs / 1000);
    },
    expired(count) {
      expired.inc(count);
    },
  };
}
