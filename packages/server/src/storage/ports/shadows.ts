/** Storage port of shadow messages: a silently blocked sender's messages, visible to that sender only (ADR 0005, 0006). */
import type { ShadowMessageRow } from '../rows/shadows.js';

export interface ShadowsRepo {
  /** Raises `UniqueViolation('client_message_id')` when the sender used the client id in the conversation (as a message or a shadow). */
  insert(row: ShadowMessageRow): Promise<void>;
  byClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<ShadowMessageRow | null>;
  /** The sender's shadow messages with fromSeq <= afterSeq <= toSeq, ascending by afterSeq then send order (the `ord` column), at most `limit`. */
  between(conversationId: string, senderId: string, fromSeq: number, toSeq: number, limit: number): Promise<ShadowMessageRow[]>;
  /** The sender's last `limit` shadow messages with afterSeq < beforeSeq (latest by afterSeq, then send order), ascending. */
  before(conversationId: string, senderId: string, beforeSeq: number, limit: number): Promise<ShadowMessageRow[]>;
}
