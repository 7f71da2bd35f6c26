/** Storage port of the requests inbox (docs/subsystems/message-requests.md). */
import type { RequestRow } from '../rows/requests.js';

export interface RequestsRepo {
  /** Inserts, or replaces the row of the same (conversation, recipient). */
  put(row: RequestRow): Promise<void>;
  of(conversationId: string, recipientId: string): Promise<RequestRow | null>;
  /** The pending request from `senderId` to `recipientId` in any conversation (at most one exists). */
  pendingBetween(senderId: string, recipientId: string): Promise<RequestRow | null>;
  /** Every request from `senderId` to `recipientId`, in any conversation and state, newest first. */
  between(senderId: string, recipientId: string): Promise<RequestRow[]>;
  /** Pending requests to the user, newest first. */
  pendingTo(recipientId: string, limit: number): Promise<RequestRow[]>;
  countPendingTo(recipientId: string): Promise<number>;
  /** Requests the sender created at or after `since`, oldest first (budget windows). */
  timesFrom(senderId: string, since: number, limit: number): Promise<number[]>;
  /** Of the sender's requests created at or after `since`: how many were answered, and how many of those refused (deleted, blocked, reported). */
  outcomesFrom(senderId: string, since: number): Promise<{ answered: number; refused: number }>;
  /** Pending requests with expiresAt <= `now` (the expiry sweep), oldest first. */
  stalePending(now: number, limit: number): Promise<RequestRow[]>;
}
