/**
 * Shared setup of the runner tests: a store (SQLite in a temp dir, or a PostgreSQL schema), a fake
 * clock, a job kind whose result is an ordinary event (so "done twice" would show as two events),
 * and a recorder of attempt outcomes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestClock } from '../testing/clock.js';
import { randomIds } from '../lib/system.js';
import { openPostgresStore } from '../storage/postgres/pgStore.js';
import { createTestSchema } from '../storage/postgres/testSchema.js';
import { openSqliteStore } from '../storage/sqlite/sqliteStore.js';
import type { Store } from '../storage/store.js';
import { enqueueJob } from './enqueue.js';
import type { JobAttempt, JobKind, JobResult } from './kind.js';
import { JobRunner, type JobObserver, type JobOutcome, type JobRunnerOptions } from './runner.js';

export const T0 = 1_700_000_000_000;

export { TestClock };

export interface TestStores {
  /** Opens a store on the same data (another node, or the same node after a restart). */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function sqliteStores(): Promise<TestStores> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-jobs-'));
  const opened: Store[] = [];
  return {
    open: async () => {
      const s = openSqliteStore({ dataDir });
      opened.push(s);
      return s;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postgresStores(): Promise<TestStores> {
  const schema = await createTestSchema();
  const opened: Store[] = [];
  return {
    open: async () => {
      const s = await openPostgresStore({ url: schema.url, poolSize: 4 });
      opened.push(s);
      return s;
    },
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await schema.drop();
    },
  };
}

export interface Recorded {
  outcomes: Array<{ kind: string; outcome: JobOutcome }>;
  expired: number;
  observer: JobObserver;
}

export function recorder(): Recorded {
  const r: Recorded = {
    outcomes: [],
    expired: 0,
    observer: {
      attempt: (kind, outcome) => void r.outcomes.push({ kind, outcome }),
      expired: (n) => void (r.expired += n),
    },
  };
  return r;
}

/** The result every test kind writes: one user-addressed event naming the job. */
export function resultEvent(job: JobAttempt<unknown>, now: number): JobResult {
  return {
    write: (tx) => tx.events.append({ type: 'conversation.settings_updated', conversationId: null, userId: 'results', payload: { key: job.key, attempt: job.attempt }, createdAt: now }),
  };
}

/** The keys of the results committed so far, in commit order. */
export async function results(store: Store): Promise<string[]> {
  const events = await store.read.events.allAfter(0, 1000);
  return events.filter((e) => e.userId === 'results').map((e) => (e.payload as { key: string }).key);
}

/** A kind whose handler is the given function (default: succeed with a result event). */
export function kind(name: string, run?: (job: JobAttempt<unknown>) => Promise<JobResult>, extra: Partial<JobKind<unknown>> = {}): JobKind<unknown> {
  return { kind: name, maxAttempts: 3, timeoutMs: 60_000, backoff: { baseMs: 1000, maxMs: 60_000 }, run: run ?? (async (job) => resultEvent(job, job.now)), ...extra };
}

export function runner(store: Store, clock: TestClock, kinds: JobKind<unknown>[], extra: Partial<JobRunnerOptions> = {}): JobRunner {
  // No polling: each test says when jobs run (runDue), on the fake clock; jitter at its maximum.
  return new JobRunner({ store, clock, ids: randomIds, kinds, pollMs: 0, random: () => 1, ...extra });
}

export function enqueue(store: Store, clock: TestClock, k: JobKind<unknown>, key: string, payload: unknown = {}): Promise<boolean> {
  return store.write((tx) => enqueueJob(tx, { clock, ids: randomIds }, k, key, payload));
}

/** A promise with its resolve function outside, for handlers that wait until the test lets them go. */
export function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}
