/** Storage port of reactions: who put which emoji on which message. */
import type { ReactionRow } from '../rows/messageChanges.js';

export interface ReactionsRepo {
  /** Adds the reaction; false when it was already there (the first time stays). */
  add(row: ReactionRow): Promise<boolean>;
  /** Removes it; false when it was not there. */
  remove(conversationId: string, seq: number, userId: string, emoji: string): Promise<boolean>;
  /** Every reaction on these messages, by seq, then first reaction first (ties by user id, emoji). */
  of(conversationId: string, seqs: readonly number[]): Promise<ReactionRow[]>;
  /** Removes every reaction of the message (an unsend). */
  clear(conversationId: string, seq: number): Promise<void>;
}
