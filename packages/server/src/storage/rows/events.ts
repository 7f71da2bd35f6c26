/** Rows of the event log and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { DurableEventType } from '@backchannel/protocol';
import type { Row } from './row.js';

/** One stored event. Addressed either to one user or to a conversation's members at event time. */
export interface EventRow {
  pos: number;
  type: DurableEventType;
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
