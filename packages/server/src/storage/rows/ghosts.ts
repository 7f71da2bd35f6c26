/** Rows of the ghost members area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

/**
 * Someone every member of a group sees listed but who is not in it: they were added by a person
 * they had blocked, or they deleted or blocked a group request (docs/subsystems/message-requests.md,
 * "One rule for the sender"). They get no events and no access; listed until `expiresAt` (null:
 * until removed), the way an unanswered member would be.
 */
export interface GhostMemberRow {
  conversationId: string;
  userId: string;
  addedBy: string | null;
  /** When they were (or would have been) added: orders them among the real members. */
  joinedAt: number;
  expiresAt: number | null;
}

export const toGhostMember = (r: Row): GhostMemberRow => ({
  conversationId: r.conversation_id as string,
  userId: r.user_id as string,
  addedBy: (r.added_by as string | null) ?? null,
  joinedAt: Number(r.joined_at),
  expiresAt: r.expires_at === null || r.expires_at === undefined ? null : Number(r.expires_at),
});
