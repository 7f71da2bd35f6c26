/** Rows of the reports area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { ReportReason, ReportState, ReportTarget } from '@backchannel/protocol';
import type { Row } from './row.js';

export interface ReportRow {
  id: string;
  reporterId: string;
  target: ReportTarget;
  /** message id (a conversation's or a room's), conversation id or user id: with reporter and kind, the idempotency key. */
  targetKey: string;
  reportedUserId: string | null;
  conversationId: string | null;
  reason: ReportReason;
  note: string;
  /** Presented messages (the wire shape), frozen at report time. */
  context: unknown[];
  /** A room chat message's room and the presented chat around it (protocol `ReportRoomContext`), frozen at report time; null for other targets. */
  room: ReportRoomRow | null;
  /** Frozen evidence (the wire's `Evidence`): earlier versions and kept copies. */
  evidence?: unknown[];
  state: ReportState;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export interface ReportRoomRow {
  id: string;
  title: string;
  messageId: string;
  messages: unknown[];
}

export const toReport = (r: Row): ReportRow => ({
  id: r.id as string,
  reporterId: r.reporter_id as string,
  target: JSON.parse(r.target as string) as ReportTarget,
  targetKey: r.target_key as string,
  reportedUserId: (r.reported_user_id as string | null) ?? null,
  conversationId: (r.conversation_id as string | null) ?? null,
  reason: r.reason as ReportRow['reason'],
  note: r.note as string,
  context: JSON.parse(r.context as string) as unknown[],
  room: r.room == null ? null : (JSON.parse(r.room as string) as ReportRoomRow),
  ...(r.evidence && r.evidence !== '[]' ? { evidence: JSON.parse(r.evidence as string) as unknown[] } : {}),
  state: r.state as ReportState,
  createdAt: r.created_at as number,
  resolvedAt: (r.resolved_at as number | null) ?? null,
  resolvedBy: (r.resolved_by as string | null) ?? null,
});
