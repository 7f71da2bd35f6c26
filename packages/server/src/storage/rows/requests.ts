/** Rows of the requests area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

export type RequestState = 'pending' | 'accepted' | 'deleted' | 'blocked' | 'reported' | 'expired';

/** One request: `senderId` asked `recipientId` into `conversationId`. One row per (conversation, recipient). */
export interface RequestRow {
  conversationId: string;
  recipientId: string;
  senderId: string;
  state: RequestState;
  createdAt: number;
  resolvedAt: number | null;
  /** Messages the sender sent into the conversation while this request was pending. */
  messagesSent: number;
  /** Fixed when the request is made: an unanswered request is removed at this instant. */
  expiresAt: number;
}

export const toRequest = (r: Row): RequestRow => ({
  conversationId: r.conversation_id as string,
  recipientId: r.recipient_id as string,
  senderId: r.sender_id as string,
  state: r.state as RequestRow['state'],
  createdAt: r.created_at as number,
  resolvedAt: (r.resolved_at as number | null) ?? null,
  messagesSent: r.messages_sent as number,
  expiresAt: r.expires_at as number,
});
