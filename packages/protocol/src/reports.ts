/**
 * Reports and the operators' moderation queue (docs/subsystems/message-requests.md, "Reports").
 * A report stores the reported message and at most four messages before it that the reporter
 * could see; the reported person is never told.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Message, Timestamp, UserSummary } from './entities.js';
import { RoomMessage } from './rooms.js';

const strict = { additionalProperties: false } as const;

export const ReportReason = Type.Union([
  Type.Literal('spam'),
  Type.Literal('harassment'),
  Type.Literal('hate'),
  Type.Literal('sexual'),
  Type.Literal('violence'),
  Type.Literal('self_harm'),
  Type.Literal('impersonation'),
  Type.Literal('other'),
]);
export type ReportReason = Static<typeof ReportReason>;

export const ReportTarget = Type.Union([
  Type.Object({ kind: Type.Literal('message'), messageId: Id }, strict),
  Type.Object({ kind: Type.Literal('conversation'), conversationId: Id }, strict),
  Type.Object({ kind: Type.Literal('user'), userId: Id }, strict),
  /** A room chat message; the reporter must be able to see it (in the live room, or the ended room's replay). */
  Type.Object({ kind: Type.Literal('room_message'), roomId: Id, messageId: Id }, strict),
]);
export type ReportTarget = Static<typeof ReportTarget>;

export const CreateReportBody = Type.Object(
  {
    target: ReportTarget,
    reason: ReportReason,
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** Also block the reported user (silently), in the same step. */
    block: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const ReportState = Type.Union([Type.Literal('open'), Type.Literal('dismissed'), Type.Literal('actioned')]);
export type ReportState = Static<typeof ReportState>;

/**
 * What the reporter gets back: no context, nothing about the outcome's details. Until
 * `withdrawableUntil` (null once past, or when an operator already acted) the reporter may take the
 * report back with `DELETE /v1/reports/{id}`: an "Undo" for a report filed by mistake.
 */
export const ReportReceipt = Type.Object({ id: Id, state: ReportState, createdAt: Timestamp, withdrawableUntil: Type.Union([Timestamp, Type.Null()]) });
export type ReportReceipt = Static<typeof ReportReceipt>;

/**
 * Text of a reported message that its members no longer see, kept for the operators: an earlier
 * version of an edited message (`edit`), or the reporter's "keep for reporting" copy of a message
 * unsent since (`kept`). Frozen with the report: a later unsend does not erase it.
 */
export const Evidence = Type.Object({
  messageId: Id,
  source: Type.Union([Type.Literal('edit'), Type.Literal('kept')]),
  text: Type.String(),
  /** When that text was current (an edit's version) or when it was kept. */
  at: Timestamp,
});
export type Evidence = Static<typeof Evidence>;
export const ReportReceiptResponse = Type.Object({ report: ReportReceipt });

/** The room a reported room chat message was sent in, frozen at report time. */
export const ReportRoomContext = Type.Object({
  id: Id,
  title: Type.String(),
  /** The reported message, as it was when reported (even if deleted since). */
  messageId: Id,
  /** Oldest first: up to four messages before the reported one, the reported one, up to four after. */
  messages: Type.Array(RoomMessage),
});
export type ReportRoomContext = Static<typeof ReportRoomContext>;

/** What an operator sees. */
export const Report = Type.Object({
  id: Id,
  state: ReportState,
  reason: ReportReason,
  note: Type.String(),
  target: ReportTarget,
  reporter: UserSummary,
  reportedUser: Type.Union([UserSummary, Type.Null()]),
  conversationId: Type.Union([Id, Type.Null()]),
  /** The reported message last, with at most four messages before it that the reporter could see (empty for `room_message`). */
  context: Type.Array(Message),
  /** For a `room_message` target: the room and the chat around the message; null otherwise. */
  room: Type.Union([ReportRoomContext, Type.Null()]),
  /** Earlier versions and kept copies of the context's messages, oldest first. */
  evidence: Type.Array(Evidence),
  createdAt: Timestamp,
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  resolvedBy: Type.Union([Id, Type.Null()]),
});
export type Report = Static<typeof Report>;
export const ReportResponse = Type.Object({ report: Report });
export const ReportListQuery = Type.Object(
  { state: Type.Optional(ReportState), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  strict,
);
export type ReportListQuery = Static<typeof ReportListQuery>;
export const ReportList = Type.Object({ reports: Type.Array(Report) });
export type ReportList = Static<typeof ReportList>;

export const ModerationActionBody = Type.Object(
  { reportId: Type.Optional(Id), note: Type.Optional(Type.String({ maxLength: 500 })) },
  strict,
);
export type ModerationActionBody = Static<typeof ModerationActionBody>;

export const AuditEntry = Type.Object({
  id: Id,
  /** Who acted: an operator, or for `report.withdrawn` the reporter who took their report back. */
  operatorId: Id,
  /** `report.withdrawn`: the reporter withdrew it in time; the report itself is gone (reportId names what it was, targetId whom it was about). */
  action: Type.Union([Type.Literal('report.dismissed'), Type.Literal('message.removed'), Type.Literal('user.suspended'), Type.Literal('report.withdrawn'), Type.Literal('user.unsuspended'), Type.Literal('user.deleted')]),
  reportId: Type.Union([Id, Type.Null()]),
  targetId: Type.Union([Id, Type.Null()]),
  note: Type.String(),
  createdAt: Timestamp,
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, strict);
export const AuditList = Type.Object({ entries: Type.Array(AuditEntry) });
export type AuditList = Static<typeof AuditList>;
