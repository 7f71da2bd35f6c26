/**
 * The jobs runner: claims due jobs from the jobs table (storage/ports/jobs.ts) with leases, runs
 * their handlers, and records the outcome — done (with the handler's result in the same
 * transaction), retried with exponential backoff, or dead after its last attempt. Every node may
 * run one; they share the table without doing a job twice (docs/adr/0011-jobs-table-with-leases.md,
 * docs/subsystems/jobs.md).
 *
 * Time is the injected clock: due times, leases and backoff are computed from `clock.now()`, so a
 * test moves a fake clock and calls `runDue()` instead of sleeping. Real timers only pace the
 * polling and bound how long an attempt is waited for.
 */
import os from 'node:os';
import type { Clock, Ids } from '../domain/deps.js';
import { jobErrorText } from '../storage/ports/jobs.js';
import type { JobRow } from '../storage/rows/jobs.js';
import type { Store } from '../storage/store.js';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, JobGiveUp, backoffMs, leaseMsOf, recurringKey, type JobKind, type JobResult } from './kind.js';

/** How an attempt ended. `lease_lost`: another runner took the job over; `released`: given back at shutdown. */
export type JobOutcome = 'done' | 'failed' | 'dead' | 'lease_lost' | 'released';

export interface JobObserver {
  /** Called once per attempt with its outcome and duration on the injected clock. */
  attempt(kind: string, outcome: JobOutcome, durationMs: number): void;
  /** Jobs whose runner died on their last attempt, found when claiming. */
  expired(count: number): void;
}

export interface JobLog {
  warn(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  store: Store;
  clock: Clock;
  ids: Ids;
  kinds: ReadonlyArray<JobKind<unknown>>;
  /** Attempts running at once on this node. Default 4. */
  concurrency?: number;
  /** Polling period; 0 polls never (a node that runs no jobs, or a test that calls `runDue`). Default 1000. */
  pollMs?: number;
  /** Names this runner in leases; default host:pid:random. */
  owner?: string;
  /** For backoff jitter; default Math.random. */
  random?: () => number;
  observer?: JobObserver;
  log?: JobLog;
}

class StopRequested extends Error {
  override readonly name = 'StopRequested';
}
class AttemptTimedOut extends Error {
  override readonly name = 'AttemptTimedOut';
}
/** The job's lease token no longer matches: the attempt's result must not commit. */
class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

interface Inflight {
  abort: AbortController;
  settled: Promise<void>;
}

export class JobRunner {
  private readonly kinds = new Map<string, JobKind<unknown>>();
  /** Kinds grouped by lease length: one claim per group, each with its own lease. */
  private readonly leaseGroups: Array<{ leaseMs: number; kinds: string[] }>;
  private readonly inflight = new Set<Inflight>();
  private readonly concurrency: number;
  private readonly pollMs: number;
  readonly owner: string;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private pollAgain = false;
  private started = false;
  private stopping = false;

  constructor(private readonly o: JobRunnerOptions) {
    for (const k of o.kinds) {
      if (this.kinds.has(k.kind)) throw new Error(`job kind ${k.kind} registered twice`);
      this.kinds.set(k.kind, k);
    }
    const groups = new Map<number, string[]>();
    for (const k of this.kinds.values()) groups.set(leaseMsOf(k), [...(groups.get(leaseMsOf(k)) ?? []), k.kind]);
    this.leaseGroups = [...groups].map(([leaseMs, kinds]) => ({ leaseMs, kinds }));
    this.concurrency = Math.max(1, o.concurrency ?? 4);
    this.pollMs = o.pollMs ?? 1000;
    this.owner = o.owner ?? `${os.hostname()}:${process.pid}:${o.ids.id().slice(0, 6)}`;
  }

  /** Makes sure every recurring kind has its job, then polls (unless `pollMs` is 0). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.ensureRecurring();
    this.schedulePoll(0);
  }

  /** Polls now instead of at the next period (e.g. right after enqueuing on this node). */
  wake(): void {
    if (this.started) this.schedulePoll(0);
  }

  /**
   * Claims and runs every job due now, waiting for each attempt, until none is due (bounded): what
   * tests call after moving the fake clock, and what the poller does in the background.
   * Returns the number of attempts run.
   */
  async runDue(maxPasses = 100): Promise<number> {
    let total = 0;
    for (let pass = 0; pass < maxPasses; pass++) {
      const attempts = await this.claimAndStart();
      if (attempts.length === 0) break;
      total += attempts.length;
      await Promise.all(attempts);
    }
    return total;
  }

  /** Attempts running on this node now. */
  get running(): number {
    return this.inflight.size;
  }

  /**
   * Graceful stop: no new claims; attempts in flight get `graceMs` to finish, then are aborted and
   * their jobs released (queued again at once, the attempt not counted) for another node or the
   * next start. Resolves when every attempt has settled; call it before closing the store.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const all = [...this.inflight].map((i) => i.settled);
    if (all.length === 0) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(all), new Promise<void>((r) => (grace = setTimeout(r, graceMs)))]);
    clearTimeout(grace);
    for (const i of this.inflight) i.abort.abort(new StopRequested('the node is shutting down'));
    await Promise.all([...this.inflight].map((i) => i.settled));
  }

  private async ensureRecurring(): Promise<void> {
    const recurring = [...this.kinds.values()].filter((k) => k.everyMs !== undefined);
    if (recurring.length === 0) return;
    const now = this.o.clock.now();
    await this.o.store.write(async (tx) => {
      for (const k of recurring) {
        // The first run one interval after the first start (the schedule then lives in the table,
        // so restarts neither skip nor repeat a run).
        await tx.jobs.ensureRecurring({ id: this.o.ids.id(), kind: k.kind, key: recurringKey(k.kind), payload: null, runAt: now + k.everyMs!, maxAttempts: k.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, intervalMs: k.everyMs!, createdAt: now });
      }
    });
  }

  private schedulePoll(ms: number): void {
    if (this.stopping || this.pollMs <= 0) return;
    if (this.polling) {
      if (ms === 0) this.pollAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.timer = null;
    this.polling = true;
    let next = this.pollMs;
    try {
      // A read first: an idle node does not write once a period.
      const due = this.inflight.size < this.concurrency && (await this.o.store.read.jobs.hasDue(this.o.clock.now(), [...this.kinds.keys()]));
      const attempts = due ? await this.claimAndStart() : [];
      // A full claim suggests more is due: look again as soon as a slot frees up (see `settle`).
      if (attempts.length > 0 && this.inflight.size < this.concurrency) next = 0;
    } catch (err) {
      this.o.log?.warn({ err }, 'jobs: claim failed');
    } finally {
      this.polling = false;
    }
    if (this.pollAgain) {
      this.pollAgain = false;
      next = 0;
    }
    this.schedulePoll(next);
  }

  /** Claims as many due jobs as there are free slots and starts them; returns their attempts. */
  private async claimAndStart(): Promise<Array<Promise<void>>> {
    const started: Array<Promise<void>> = [];
    for (const group of this.leaseGroups) {
      const free = this.concurrency - this.inflight.size;
      if (free <= 0 || this.stopping) break;
      const token = this.o.ids.id();
      const now = this.o.clock.now();
      const { jobs, expired } = await this.o.store.write((tx) => tx.jobs.claim({ now, limit: free, kinds: group.kinds, leaseMs: group.leaseMs, token, owner: this.owner }));
      if (expired > 0) this.o.observer?.expired(expired);
      for (const job of jobs) started.push(this.start1(job, token));
    }
    return started;
  }

  private start1(job: JobRow, token: string): Promise<void> {
    const kind = this.kinds.get(job.kind)!;
    const abort = new AbortController();
    const entry: Inflight = { abort, settled: Promise.resolve() };
    this.inflight.add(entry);
    entry.settled = this.attempt(kind, job, token, abort).finally(() => {
      this.inflight.delete(entry);
      // A slot is free: if jobs are waiting, the poller takes the next one now.
      this.wake();
    });
    return entry.settled;
  }

  private async attempt(kind: JobKind<unknown>, job: JobRow, token: string, abort: AbortController): Promise<void> {
    const startedAt = this.o.clock.now();
    const deadline = setTimeout(() => abort.abort(new AttemptTimedOut(`attempt exceeded ${kind.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`)), kind.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    deadline.unref();
    let outcome: JobOutcome;
    try {
      const payload = kind.parse ? kind.parse(job.payload) : job.payload;
      const result = await untilAborted(
        kind.run({ id: job.id, key: job.key, payload, attempt: job.attempts, maxAttempts: job.maxAttempts, now: startedAt, signal: abort.signal }),
        abort.signal,
      );
      outcome = await this.complete(job, token, result);
    } catch (err) {
      // Aborted: the handler's own error (if any) is secondary to why it was aborted.
      const reason: unknown = abort.signal.aborted ? abort.signal.reason : err;
      outcome = await this.failed(kind, job, token, reason).catch((e: unknown) => {
        // Storage is unreachable: the job stays leased and is claimed again when the lease passes.
        this.o.log?.warn({ err: e, job: job.id, kind: job.kind }, 'jobs: could not record a failed attempt');
        return 'failed' as const;
      });
    } finally {
      clearTimeout(deadline);
    }
    this.o.observer?.attempt(job.kind, outcome, this.o.clock.now() - startedAt);
  }

  private async complete(job: JobRow, token: string, result: JobResult): Promise<JobOutcome> {
    try {
      await this.o.store.write(async (tx) => {
        if (result) await result.write(tx);
        if (!(await tx.jobs.complete(job.id, token, this.o.clock.now()))) throw new LeaseLost(job.id);
      });
      return 'done';
    } catch (err) {
      if (err instanceof LeaseLost) return 'lease_lost';
      throw err;
    }
  }

  private async failed(kind: JobKind<unknown>, job: JobRow, token: string, reason: unknown): Promise<JobOutcome> {
    const now = this.o.clock.now();
    if (reason instanceof StopRequested) {
      return (await this.o.store.write((tx) => tx.jobs.release(job.id, token, now))) ? 'released' : 'lease_lost';
    }
    const error = jobErrorText(reason);
    const last = reason instanceof JobGiveUp || job.attempts >= job.maxAttempts;
    if (!last) {
      const delay = backoffMs(kind, job.attempts, this.o.random ?? Math.random);
      const runAt = now + (job.intervalMs !== null ? Math.min(delay, job.intervalMs) : delay);
      return (await this.o.store.write((tx) => tx.jobs.retry(job.id, token, { now, runAt, error }))) ? 'failed' : 'lease_lost';
    }
    this.o.log?.warn({ job: job.id, kind: job.kind, key: job.key, attempts: job.attempts, error }, 'jobs: job is dead');
    // A recurring job is never buried: this run is given up and the next one is scheduled.
    const recorded = await this.o.store.write((tx) =>
      job.intervalMs !== null ? tx.jobs.retry(job.id, token, { now, runAt: now + job.intervalMs, error, resetAttempts: true }) : tx.jobs.bury(job.id, token, { now, error }),
    );
    return recorded ? 'dead' : 'lease_lost';
  }
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
