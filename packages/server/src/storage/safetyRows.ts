/** Row mapping of the SafetyRepo tables, shared by the SQLite and PostgreSQL backends (no SQL here). */
import type { ReportState, ReportTarget } from '@backchannel/protocol';
import type { AuditRow, GhostMemberRow, ReportRow, RequestRow, ShadowMessageRow } from './safety.js';

export type Row = Record<string, unknown>;

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
export const toShadow = (r: Row): ShadowMessageRow => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  senderId: r.sender_id as string,
  afterSeq: r.after_seq as number,
  clientMessageId: r.client_message_id as string,
  text: r.text as string,
  entities: JSON.parse(r.entities as string) as ShadowMessageRow['entities'],
  createdAt: r.created_at as number,
});
export const toGhostMember = (r: Row): GhostMemberRow => ({
  conversationId: r.conversation_id as string,
  userId: r.user_id as string,
  addedBy: (r.added_by as string | null) ?? null,
  joinedAt: Number(r.joined_at),
  expiresAt: r.expires_at === null || r.expires_at === undefined ? null : Number(r.expires_at),
});
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
  state: r.state as ReportState,
  createdAt: r.created_at as number,
  resolvedAt: (r.resolved_at as number | null) ?? null,
  resolvedBy: (r.resolved_by as string | null) ?? null,
});
export const toAudit = (r: Row): AuditRow => ({
  id: r.id as string,
  operatorId: r.operator_id as string,
  action: r.action as AuditRow['action'],
  reportId: (r.report_id as string | null) ?? null,
  targetId: (r.target_id as string | null) ?? null,
  note: r.note as string,
  createdAt: r.created_at as number,
});

