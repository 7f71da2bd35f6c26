/** Rows of the conversations area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

export interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  moderatorId: string | null;
  lastSeq: number;
  lastActivityAt: number;
  createdAt: number;
}

export const toConversation = (r: Row): ConversationRow => ({
  id: r.id as string,
  kind: r.kind as ConversationRow['kind'],
  title: (r.title as string | null) ?? null,
  moderatorId: (r.moderator_id as string | null) ?? null,
  lastSeq: r.last_seq as number,
  lastActivityAt: r.last_activity_at as number,
  createdAt: r.created_at as number,
});

/** The unique key of a 1:1 conversation: the two user ids in a fixed order. */
export function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The two user ids of a `directKey`. */
export function directPairOfKey(key: string): [string, string] {
  const [a, b] = key.split(':');
  return [a!, b!];
}
