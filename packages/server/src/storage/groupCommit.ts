/**
 * Group commit: every write that arrives in one event-loop turn shares one transaction and one
 * durable COMMIT (ARCHITECTURE.md, "the delivery contract"). Each write runs inside its own
 * savepoint, so a failing write rolls back alone and the others still commit.
 * The driver is backend-specific (SQLite, PostgreSQL); the batching logic is shared.
 *
 * Savepoint statements are round trips on PostgreSQL, so the batch spends as few as it can: a batch
 * of one write needs none (a failure rolls the whole transaction back); otherwise the first
 * savepoint goes with BEGIN, one statement ends a write's savepoint and opens the next one's, a
 * failed write's `ROLLBACK TO` leaves its savepoint open for the next write, and the last savepoint
 * is never released separately (COMMIT ends it).
 */
import { StorageUnavailable, type EventRow, type Tx } from './store.js';

export interface TxDriver {
  /** Opens the transaction and, when `isolated`, the first write's savepoint. */
  begin(isolated: boolean): Promise<void>;
  /** Ends the current write's savepoint (keeping its changes) and opens the next write's. */
  nextSavepoint(): Promise<void>;
  /** Undoes the current write; its savepoint stays open, ready for the next write. */
  rollbackToSavepoint(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** The repo bound to the open transaction. */
  repo: Tx;
  /** Events appended in the open transaction so far (the backend records them as they are appended). */
  takeEvents(): EventRow[];
  /** Forgets events appended since `mark` (after a savepoint rollback). */
  truncateEvents(mark: number): void;
  eventCount(): number;
}

interface Pending {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitOptions {
  /** Largest number of writes in one transaction. */
  maxBatch: number;
  /** Called with the committed events of each batch, in pos order. */
  onCommitted: (events: EventRow[]) => void;
  /** Whether an error means storage is unreachable (so the batch outcome is unknown on COMMIT). */
  isConnectionError?: (err: unknown) => boolean;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private running = false;
  private closed = false;

  constructor(
    private readonly driver: () => Promise<TxDriver>,
    private readonly opts: GroupCommitOptions,
  ) {}

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StorageUnavailable('store is closed', false));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves when every queued write has been committed (for graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.running || this.scheduled) {
      await new Promise((r) => setImmediate(r));
    }
  }

  close(): void {
    this.closed = true;
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    this.running = true;
    const batch = this.queue.splice(0, this.opts.maxBatch);
    try {
      await this.runBatch(batch);
    } finally {
      this.running = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const isolated = batch.length > 1;
    let tx: TxDriver;
    try {
      tx = await this.driver();
      await tx.begin(isolated);
    } catch (err) {
      const e = new StorageUnavailable(`storage unavailable: ${(err as Error).message}`, false);
      for (const p of batch) p.reject(e);
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    // Whether the open savepoint holds a successful write (the next write needs a fresh one).
    let holdsWrite = false;
    for (const p of batch) {
      if (holdsWrite) {
        try {
          await tx.nextSavepoint();
        } catch (err) {
          return this.failBatch(tx, batch, err);
        }
        holdsWrite = false;
      }
      const mark = tx.eventCount();
      try {
        const value = await p.work(tx.repo);
        outcomes.push({ ok: true, value });
        holdsWrite = isolated;
      } catch (error) {
        // The connection is gone: nothing of this batch committed.
        if (this.opts.isConnectionError?.(error)) return this.failBatch(tx, batch, error);
        if (!isolated) {
          // The batch's only write: undo it with the whole transaction.
          await tx.rollback().catch(() => undefined);
          p.reject(error);
          return;
        }
        try {
          await tx.rollbackToSavepoint();
        } catch (rbErr) {
          // The transaction cannot continue (e.g. the connection died mid-batch): fail the batch
          // as a whole rather than leave every caller waiting.
          return this.failBatch(tx, batch, rbErr);
        }
        tx.truncateEvents(mark);
        outcomes.push({ ok: false, error });
      }
    }
    try {
      await tx.commit();
    } catch (err) {
      await tx.rollback().catch(() => undefined);
      // The COMMIT itself failed: we cannot know whether it reached the disk.
      const e = new StorageUnavailable(`commit failed: ${(err as Error).message}`, true);
      for (const p of batch) p.reject(e);
      return;
    }
    // No I/O may be awaited between commit() and onCommitted: a backend with parallel batches
    // relies on it to publish in commit order (postgres/pgStore.ts, CommitGate).
    const events = tx.takeEvents();
    if (events.length > 0) this.opts.onCommitted(events);
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  private async failBatch(tx: TxDriver, batch: Pending[], err: unknown): Promise<void> {
    await tx.rollback().catch(() => undefined);
    const e = new StorageUnavailable(`storage unavailable: ${(err as Error).message}`, false);
    for (const q of batch) q.reject(e);
  }
}
