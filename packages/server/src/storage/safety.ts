/**
 * Storage port of the requests inbox, silent blocks, reports and the moderation audit
 * (docs/subsystems/message-requests.md). Part of `Repo` (store.ts extends it); every backend
 * implements it and the SQL stays in the backend folders.
 */
import type { LinkEntity, ReportReason, ReportState, ReportTarget } from '@backchannel/protocol';

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

/** A message from a silently blocked sender: visible to its sender only, no conversation seq consumed. */
export interface ShadowMessageRow {
  id: string;
  conversationId: string;
  senderId: string;
  /**
   * Its seq in the sender's own view, presented as its `seq`: one more than the sender's previous
   * message or the conversation's last real seq, whichever is later (ADR 0006). The name is from
   * ADR 0005, when shadows shared the seq of the real message they followed.
   */
  afterSeq: number;
  clientMessageId: string;
  text: string;
  entities: LinkEntity[];
  createdAt: number;
}

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

export interface ReportRow {
  id: string;
  reporterId: string;
  target: ReportTarget;
  /** message id, conversation id or user id: with reporter and kind, the idempotency key. */
  targetKey: string;
  reportedUserId: string | null;
  conversationId: string | null;
  reason: ReportReason;
  note: string;
  /** Presented messages (the wire shape), frozen at report time. */
  context: unknown[];
  state: ReportState;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export interface AuditRow {
  id: string;
  operatorId: string;
  action: 'report.dismissed' | 'message.removed' | 'user.suspended' | 'report.withdrawn';
  reportId: string | null;
  targetId: string | null;
  note: string;
  createdAt: number;
}

export interface SafetyRepo {
  // requests
  /** Inserts, or replaces the row of the same (conversation, recipient). */
  putRequest(row: RequestRow): Promise<void>;
  requestOf(conversationId: string, recipientId: string): Promise<RequestRow | null>;
  /** The pending request from `senderId` to `recipientId` in any conversation (at most one exists). */
  pendingRequestBetween(senderId: string, recipientId: string): Promise<RequestRow | null>;
  /** Every request from `senderId` to `recipientId`, in any conversation and state, newest first. */
  requestsBetween(senderId: string, recipientId: string): Promise<RequestRow[]>;
  /** Pending requests to the user, newest first. */
  pendingRequestsTo(recipientId: string, limit: number): Promise<RequestRow[]>;
  countPendingRequestsTo(recipientId: string): Promise<number>;
  /** Requests the sender created at or after `since`, oldest first (budget windows). */
  requestTimesFrom(senderId: string, since: number, limit: number): Promise<number[]>;
  /** Of the sender's requests created at or after `since`: how many were answered, and how many of those refused (deleted, blocked, reported). */
  requestOutcomesFrom(senderId: string, since: number): Promise<{ answered: number; refused: number }>;
  /** Pending requests with expiresAt <= `now` (the expiry sweep), oldest first. */
  stalePendingRequests(now: number, limit: number): Promise<RequestRow[]>;

  // silent block
  /** Inserts, or replaces the row of the same (conversation, user). */
  putGhostMember(row: GhostMemberRow): Promise<void>;
  /** The group's ghost members, by joinedAt then user id. */
  ghostMembers(conversationId: string): Promise<GhostMemberRow[]>;
  /** False when there was none. */
  removeGhostMember(conversationId: string, userId: string): Promise<boolean>;
  /** Removes ghost members with expiresAt <= `now`; returns how many. */
  removeExpiredGhostMembers(now: number): Promise<number>;
  insertShadowMessage(row: ShadowMessageRow): Promise<void>;
  shadowByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<ShadowMessageRow | null>;
  /** The sender's shadow messages with fromSeq <= afterSeq <= toSeq, ascending, at most `limit`. */
  shadowMessages(conversationId: string, senderId: string, fromSeq: number, toSeq: number, limit: number): Promise<ShadowMessageRow[]>;
  /** The sender's last `limit` shadow messages with afterSeq < beforeSeq (latest by afterSeq, then insertion), ascending. */
  shadowMessagesBefore(conversationId: string, senderId: string, beforeSeq: number, limit: number): Promise<ShadowMessageRow[]>;

  // reports and moderation
  insertReport(row: ReportRow): Promise<void>;
  reportByKey(reporterId: string, kind: ReportTarget['kind'], targetKey: string): Promise<ReportRow | null>;
  reportById(id: string): Promise<ReportRow | null>;
  /** Newest first. */
  listReports(state: ReportState, limit: number): Promise<ReportRow[]>;
  resolveReport(id: string, state: ReportState, at: number, by: string): Promise<void>;
  /** Deletes the report only while it is still open; false when it is gone or an operator already acted. */
  deleteOpenReport(id: string): Promise<boolean>;
  insertAudit(row: AuditRow): Promise<void>;
  /** Newest first. */
  listAudit(limit: number): Promise<AuditRow[]>;
  /** Any message by id (for reports and removal); access is checked by the caller. */
  messageIdLookup(messageId: string): Promise<{ conversationId: string; seq: number } | null>;
  /** Replaces a message's text and entities (a moderator's tombstone). */
  replaceMessageContent(conversationId: string, seq: number, text: string): Promise<void>;
}
