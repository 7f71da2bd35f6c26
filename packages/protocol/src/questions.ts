/**
 * A room's Q&A: listeners ask, everyone votes, the staff move questions through their states
 * (docs/subsystems/rooms.md, "Q&A"). Question changes are room events (with a `seq`, resumable);
 * vote counts are not: they arrive coalesced, at most one `room.qa_votes` frame per room per
 * interval, each count absolute and versioned, so a client keeps the highest version it saw.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Seq, Timestamp, UserSummary } from './entities.js';
import { QUESTION_LIMITS } from './limits.js';

const strict = { additionalProperties: false } as const;
const ReqId = Type.String({ minLength: 1, maxLength: 64 });

export const QuestionStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('on_stage'), Type.Literal('answered'), Type.Literal('dismissed'), Type.Literal('merged')],
  { description: 'pending → on_stage → answered, or dismissed; merged: folded into `mergedInto` (its votes and asker went there).' },
);
export type QuestionStatus = Static<typeof QuestionStatus>;

export const QuestionVisibility = Type.Union([Type.Literal('visible'), Type.Literal('awaiting_approval'), Type.Literal('hidden')], {
  description: 'visible: to everyone in the room; awaiting_approval (the room requires approval) and hidden (by the staff): to the asker and the staff only.',
});
export type QuestionVisibility = Static<typeof QuestionVisibility>;

export const Question = Type.Object({
  id: Id,
  roomId: Id,
  asker: UserSummary,
  /** Askers of the duplicates merged into this one (credited with it). */
  coAskers: Type.Array(UserSummary),
  text: Type.String(),
  createdAt: Timestamp,
  status: QuestionStatus,
  visibility: QuestionVisibility,
  mergedInto: Type.Union([Id, Type.Null()]),
  /** Distinct voters (a voter of both merged questions counts once). */
  votes: Type.Integer({ minimum: 0 }),
  /** Grows with every change of `votes`: of two counts for one question, keep the higher version. */
  votesVersion: Type.Integer({ minimum: 0 }),
});
export type Question = Static<typeof Question>;

export const QaSettings = Type.Object({
  enabled: Type.Boolean(),
  /** New questions wait for a host or moderator to approve them before everyone sees them. */
  requireApproval: Type.Boolean(),
});
export type QaSettings = Static<typeof QaSettings>;

// ---- HTTP ----

export const QuestionParams = Type.Object({ id: Id, questionId: Id }, strict);
export const QaSettingsBody = Type.Partial(QaSettings, strict);
export const QaSettingsResponse = Type.Object({ qa: QaSettings });
export const AskBody = Type.Object({ text: Type.String({ maxLength: 4096 }) }, strict);
export type AskBody = Static<typeof AskBody>;
export const QuestionResponse = Type.Object({ question: Question });
export type QuestionResponse = Static<typeof QuestionResponse>;
export const QuestionList = Type.Object({
  qa: QaSettings,
  /** Most votes first, then oldest first. Merged questions are left out. */
  questions: Type.Array(Question, { maxItems: QUESTION_LIMITS.listMax }),
  /** The questions of this list the viewer voted for. */
  votedIds: Type.Array(Id),
  /** More than `QUESTION_LIMITS.listMax` questions: the least voted were left out. */
  hasMore: Type.Boolean(),
  /** The room's `seq` when the list was read: events after it are newer. */
  seq: Seq,
});
export type QuestionList = Static<typeof QuestionList>;
export const VoteBody = Type.Object(
  { voted: Type.Boolean({ description: 'true: my vote is on this question; false: it is not. Setting what is already so changes nothing.' }) },
  strict,
);
export const VoteResponse = Type.Object({
  questionId: Id,
  voted: Type.Boolean(),
  votes: Type.Integer({ minimum: 0 }),
  votesVersion: Type.Integer({ minimum: 0 }),
  /** false: the vote already was as asked (nothing written). */
  changed: Type.Boolean(),
});
export type VoteResponse = Static<typeof VoteResponse>;
export const QuestionStateBody = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('on_stage'), Type.Literal('answered'), Type.Literal('dismissed')])),
    visibility: Type.Optional(Type.Union([Type.Literal('visible'), Type.Literal('hidden')], { description: 'visible also approves a question awaiting approval.' })),
  },
  strict,
);
export type QuestionStateBody = Static<typeof QuestionStateBody>;
export const MergeBody = Type.Object({ intoId: Id }, strict);
export const AnswerPrivatelyResponse = Type.Object({
  conversationId: Id,
  /** false: the 1:1 existed and already started with this question. */
  created: Type.Boolean(),
});
export type AnswerPrivatelyResponse = Static<typeof AnswerPrivatelyResponse>;

// ---- Room events ----

const roomEvent = <T extends string, P extends ReturnType<typeof Type.Object>>(type: T, data: P, description: string) =>
  Type.Object({ type: Type.Literal(type), roomId: Id, seq: Seq, data }, { description });

export const RoomQaUpdatedEvent = roomEvent('room.qa_updated', Type.Object({ qa: QaSettings }), 'Q&A was switched on or off, or approval turned on or off. To everyone.');
export const RoomQuestionEvent = roomEvent(
  'room.question',
  Type.Object({ question: Question }),
  'A question was asked or changed (state, visibility, merge). A visible question goes to everyone; one awaiting approval or hidden, to its asker and the staff only.',
);
export const RoomQuestionHiddenEvent = roomEvent(
  'room.question_hidden',
  Type.Object({ questionId: Id }),
  'A host or moderator hid a question: drop it from the list. To everyone (the asker and the staff also get `room.question`).',
);

/** Ephemeral, coalesced: the vote counts that changed since the last frame. */
export const RoomQaVotesEvent = Type.Object(
  {
    type: Type.Literal('room.qa_votes'),
    roomId: Id,
    data: Type.Object({ votes: Type.Array(Type.Object({ questionId: Id, votes: Type.Integer({ minimum: 0 }), votesVersion: Type.Integer({ minimum: 0 }) })) }),
  },
  { description: 'Vote counts changed: at most one per room per `roomQaVotesIntervalMs`, however many votes arrived. Counts are absolute; keep the higher `votesVersion`. Ephemeral (no `seq`, never replayed): reload `GET /v1/rooms/{id}/questions` after a reconnect.' },
);
export type RoomQaVotesEvent = Static<typeof RoomQaVotesEvent>;

// ---- Socket op ----

export const QuestionVoteOp = Type.Object(
  { op: Type.Literal('room.question.vote'), id: Type.Optional(ReqId), roomId: Id, questionId: Id, voted: Type.Boolean() },
  { ...strict, description: 'Set your vote on a question (as `POST /v1/rooms/{id}/questions/{questionId}/vote`); `ack {id, data: VoteResponse}` if `id` was given.' },
);

export const QUESTION_OPS = { 'room.question.vote': QuestionVoteOp } as const;

export interface QuestionOpResults {
  'room.question.vote': VoteResponse;
}
