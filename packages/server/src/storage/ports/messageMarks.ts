/** Storage port of each person's own marks on messages: delete for me, keep for reporting. */
import type { KeptMessageRow } from '../rows/messageChanges.js';

export interface MessageMarksRepo {
  /** Idempotent; false when it was already hidden. */
  hide(conversationId: string, userId: string, seq: number, at: number): Promise<boolean>;
  /** The seqs the user hid with fromSeq <= seq <= toSeq, ascending. */
  hiddenBetween(conversationId: string, userId: string, fromSeq: number, toSeq: number): Promise<number[]>;
  /** Stores the copy unless one that has not expired by `row.keptAt` exists; returns the one that holds. */
  keep(row: KeptMessageRow): Promise<KeptMessageRow>;
  /** The user's copies of these messages that have not expired at `now`, ascending by seq. */
  kept(conversationId: string, userId: string, seqs: readonly number[], now: number): Promise<KeptMessageRow[]>;
  /** Deletes copies expired at `now`; returns how many. */
  pruneKept(now: number): Promise<number>;
}
