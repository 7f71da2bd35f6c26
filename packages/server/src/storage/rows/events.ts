/** Rows of the event log and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { DurableEventType } from '@backchannel/protocol';
import type { Row } from './row.js';

/**
 * Outbox rows that no user stream returns (conversation and user both null): the wake-up of a
 * room change, routed by the session router to the room's subscribers (docs/subsystems/rooms.md).
 */
export type InternalEventType = 'room.outbox' | 'room.qa_votes';

/** One stored event. Addressed either to one user or to a conversation's members at event time. */
export interface EventRow {
  pos: number;
  type: DurableEventType | InternalEventType;
  conversationId: string | null;
  userId: string | null;
  payload: unknown;
  createdAt: number;
}

export type NewEvent = Omit<EventRow, 'pos'>;

export const toEvent = (r: Row): EventRow => ({
  pos: r.pos as number,
  type: r.type as EventRow['type'],
  conversationId: (r.conversation_id as string | null) ?? null,
  userId: (r.user_id as string | null) ?? null,
  payload: JSON.parse(r.payload as string) as unknown,
  createdAt: r.created_at as number,
});
