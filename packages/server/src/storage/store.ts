/**
 * The storage entry point. Domain actions talk to storage only through the `Store` and the `Tx` it
 * hands out: one small port per area (`ports/`, composed in `ports/tx.ts`), row types in `rows/`.
 * SQL lives only in the backends (`storage/sqlite`, `storage/postgres`), one file per area each.
 * Every backend passes the same conformance suite (`storage/conformance`, one file per area).
 *
 * Writes go through `Store.write(work)`: the backend runs `work` inside a transaction that it may
 * share with other writes of the same event-loop turn (group commit), each isolated by a savepoint,
 * and resolves only after the durable COMMIT. A `work` function must only call the `Tx` it is
 * given (no other I/O), so that a batch never waits on the outside world.
 * See docs/subsystems/delivery.md.
 */
import type { Tx } from './ports/tx.js';
import type { EventRow } from './rows/events.js';

export type * from './ports/index.js';
export type * from './rows/index.js';
export { StorageUnavailable, UniqueViolation } from './errors.js';
export { directKey } from './rows/conversations.js';

export interface WriteOptions {
  /**
   * The conversation the write is about. Writes with the same key run in arrival order in one
   * group-commit lane; a backend may run other lanes' transactions in parallel (PostgreSQL does,
   * ADR 0003). Writes without a key share one lane. A hint only: correctness never depends on it.
   */
  key?: string;
}

export interface Store {
  /** Reads of committed data. */
  readonly read: Tx;
  /** Runs `work` atomically and durably; resolves after COMMIT (possibly shared with other writes). */
  write<T>(work: (tx: Tx) => Promise<T>, opts?: WriteOptions): Promise<T>;
  /** Events committed by the last writes, in pos order, for the relay. */
  onCommitted(listener: (events: EventRow[]) => void): void;
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}
