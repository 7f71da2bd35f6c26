/**
 * WebSocket frames. The socket is authenticated on upgrade: an `Authorization: Bearer` header
 * (non-browser clients) or a single-use ticket from `POST /v1/socket/ticket` as
 * `/v1/socket?ticket=…` (browsers, which cannot set headers). A session token in the URL is
 * refused. Every client frame is one JSON object with an `op`; ops that expect an answer carry an
 * `id` that the `ack` or `error` frame echoes.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Cursor, Id, Message, Seq } from './entities.js';
import { SendMessageBody } from './http.js';
import type { ErrorCode } from './errors.js';
import type { ServerEvent } from './events.js';
import { ROOM_OPS, type HallwayUpdatedEvent, type RoomCountsEvent, type RoomEvent, type RoomOpResults } from './rooms.js';
import type { RoomQaVotesEvent } from './questions.js';

const strict = { additionalProperties: false } as const;

/** `POST /v1/socket/ticket`: opens one socket as `?ticket=`, within `expiresInMs`. */
export const SocketTicketResponse = Type.Object({ ticket: Type.String({ minLength: 1, maxLength: 256 }), expiresInMs: Type.Integer({ minimum: 1 }) });
export type SocketTicketResponse = Static<typeof SocketTicketResponse>;
const ReqId = Type.String({ minLength: 1, maxLength: 64 });

export const ResumeOp = Type.Object(
  {
    op: Type.Literal('resume'),
    id: Type.Optional(ReqId),
    /** The last `pos` token this device processed (or a `GET /v1/sync` cursor); null = start live from now. */
    cursor: Type.Union([Cursor, Type.Null()], { description: 'a `pos` token or a `GET /v1/sync` cursor; null: live from now' }),
  },
  {
    ...strict,
    description:
      'Start receiving events: the ones after `cursor` are replayed, then `ready`; or `resume_failed` alone, before any replayed event, when the cursor is too far behind or from the future.',
  },
);
export const SendOp = Type.Object(
  { op: Type.Literal('message.send'), id: ReqId, conversationId: Id, clientMessageId: SendMessageBody.properties.clientMessageId, text: SendMessageBody.properties.text, replyToId: SendMessageBody.properties.replyToId },
  { ...strict, description: 'Send a message; `ack {id, data: {message}}` after COMMIT, or `error {id, code}`. A retry with the same `clientMessageId` answers the first message.' },
);
export const ReadOp = Type.Object(
  { op: Type.Literal('read.mark'), id: Type.Optional(ReqId), conversationId: Id, seq: Seq },
  { ...strict, description: 'Move your read position; `ack {id, data: {ok: true}}` if `id` was given.' },
);
export const TypingOp = Type.Object({ op: Type.Literal('typing'), conversationId: Id }, { ...strict, description: 'You are typing; no answer (the other members receive `typing`).' });
export const PingOp = Type.Object({ op: Type.Literal('ping'), id: Type.Optional(ReqId) }, { ...strict, description: '`ack {id, data: {ok: true}}`.' });
export const AuthOp = Type.Object(
  { op: Type.Literal('auth'), id: Type.Optional(ReqId), token: Type.Optional(Type.String({ maxLength: 256 })) },
  { ...strict, description: 'Always `error already_authenticated`: authentication happens on upgrade.' },
);

export const CLIENT_OPS = {
  resume: ResumeOp,
  'message.send': SendOp,
  'read.mark': ReadOp,
  typing: TypingOp,
  ping: PingOp,
  auth: AuthOp,
  ...ROOM_OPS,
} as const;
export type ClientOpName = keyof typeof CLIENT_OPS;
export type ClientFrame = { [K in ClientOpName]: Static<(typeof CLIENT_OPS)[K]> }[ClientOpName];
export type SendOp = Static<typeof SendOp>;

/** Answers to ops, keyed by op name. */
export interface OpResults extends RoomOpResults {
  resume: { cursor: string };
  'message.send': { message: Message };
  'read.mark': { ok: true };
  ping: { ok: true };
  auth: never;
  typing: never;
}

// ---- Server frames other than events. Never validated by the server (it writes them); the schemas
// give the types and the generated reference (docs/api/socket.md). Open: fields may be added.

export const ResumeFailedReason = Type.Union([Type.Literal('too_far_behind'), Type.Literal('cursor_from_future'), Type.Literal('invalid_cursor')]);
export type ResumeFailedReason = Static<typeof ResumeFailedReason>;

export const HelloFrame = Type.Object(
  { type: Type.Literal('hello'), heartbeatMs: Type.Integer({ minimum: 1 }), userId: Id, connectionId: Type.String() },
  { description: 'Sent once, when the socket opens.' },
);
export const AckFrame = Type.Object({ type: Type.Literal('ack'), id: ReqId, data: Type.Unknown() }, { description: 'The answer to the op with this `id`; `data` per op.' });
export const ErrorFrame = Type.Object(
  {
    type: Type.Literal('error'),
    id: Type.Optional(ReqId),
    code: Type.Unsafe<ErrorCode>(Type.String({ title: 'ErrorCode' })),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { description: 'An op failed; codes in [errors.md](../errors.md). `id` is the op\'s whenever it can be read, `bad_json` included.' },
);
export const ReadyFrame = Type.Object(
  { type: Type.Literal('ready'), cursor: Cursor, replayed: Type.Integer({ minimum: 0 }) },
  {
    description:
      'The catch-up of a `resume` is complete: every event up to `cursor` was sent; live events follow. `cursor` is the last event\'s `pos`, or yours back if nothing was sent.',
  },
);
export const ResumeFailedFrame = Type.Object(
  { type: Type.Literal('resume_failed'), reason: ResumeFailedReason, cursor: Cursor },
  {
    description:
      'The cursor cannot be resumed from: too far behind, from the future (restored database), or not a token of this deployment. Re-sync over HTTP (`GET /v1/sync`), then resume from its cursor.',
  },
);

/** The frames that are not events, keyed by `type`. */
export const SERVER_FRAMES = { hello: HelloFrame, ack: AckFrame, error: ErrorFrame, ready: ReadyFrame, resume_failed: ResumeFailedFrame } as const;
export type ServerFrame =
  | { [K in keyof typeof SERVER_FRAMES]: Static<(typeof SERVER_FRAMES)[K]> }[keyof typeof SERVER_FRAMES]
  | ServerEvent
  /** Events of the rooms this socket subscribed to (`room.subscribe`), and their coalesced counts. */
  | RoomEvent
  | RoomCountsEvent
  /** The hallway's coalesced changes (`hallway.subscribe`). */
  | HallwayUpdatedEvent
  | RoomQaVotesEvent;

export { Cursor, Seq, Id };
