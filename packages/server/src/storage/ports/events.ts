/**
 * Storage port of the event log: the outbox and every device's stream (docs/subsystems/delivery.md).
 * Positions are gapless and in commit order on every backend.
 *
 * What a write sees of its own events: nothing. Inside `Store.write`, `headPos`, `streamAfter` and
 * `allAfter` return committed events only — never those appended by this write or by the other
 * writes of its group-commit batch, which get their positions at COMMIT (PostgreSQL assigns them
 * then; SQLite, which numbers them as they are appended, hides them until then). The committed
 * events reach `Store.onCommitted`.
 */
import type { EventRow, NewEvent } from '../rows/events.js';

export interface EventsRepo {
  /**
   * Records an event in the transaction. Its `pos` is assigned by commit time at the latest (the
   * PostgreSQL backend assigns positions at COMMIT to keep them gapless across nodes); the
   * committed event, with its pos, reaches `Store.onCommitted`.
   */
  append(event: NewEvent): Promise<void>;
  /** Events visible to the user with pos > after, ascending, at most `limit`. */
  streamAfter(userId: string, after: number, limit: number): Promise<EventRow[]>;
  headPos(): Promise<number>;
  /** Events with pos > after, ascending (for nodes catching up on the bus). */
  allAfter(after: number, limit: number): Promise<EventRow[]>;
}
