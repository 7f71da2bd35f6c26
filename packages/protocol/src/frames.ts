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
    cursor: Type.Union([Cursor, Type.Null()]),
  },
  strict,
);
export const SendOp = Type.Object(
  { op: Type.Literal('message.send'), id: ReqId, conversationId: Id, clientMessageId: SendMessageBody.properties.clientMessageId, text: SendMessageBody.properties.text },
  strict,
);
export const ReadOp = Type.Object({ op: Type.Literal('read.mark'), id: Type.Optional(ReqId), conversationId: Id, seq: Seq }, strict);
export const TypingOp = Type.Object({ op: Type.Literal('typing'), conversationId: Id }, strict);
export const PingOp = Type.Object({ op: Type.Literal('ping'), id: Type.Optional(ReqId) }, strict);
export const AuthOp = Type.Object({ op: Type.Literal('auth'), id: Type.Optional(ReqId), token: Type.Optional(Type.String({ maxLength: 256 })) }, strict);

export const CLIENT_OPS = {
  resume: ResumeOp,
  'message.send': SendOp,
  'read.mark': ReadOp,
  typing: TypingOp,
  ping: PingOp,
  auth: AuthOp,
} as const;
export type ClientOpName = keyof typeof CLIENT_OPS;
export type ClientFrame = { [K in ClientOpName]: Static<(typeof CLIENT_OPS)[K]> }[ClientOpName];
export type SendOp = Static<typeof SendOp>;

/** Answers to ops, keyed by op name. */
export interface OpResults {
  resume: { cursor: string };
  'message.send': { message: Message };
  'read.mark': { ok: true };
  ping: { ok: true };
  auth: never;
  typing: never;
}

export type ServerFrame =
  | { type: 'hello'; heartbeatMs: number; userId: string; connectionId: string }
  | { type: 'ack'; id: string; data: unknown }
  | { type: 'error'; id?: string; code: ErrorCode; message: string; details?: Record<string, unknown> }
  /** The catch-up of a `resume` is complete: every event up to `cursor` was sent; live events follow. */
  | { type: 'ready'; cursor: string; replayed: number }
  /**
   * The cursor cannot be resumed from: too far behind, from the future (restored database), or not
   * a token of this deployment. Re-sync over HTTP (`GET /v1/sync`), then resume from its cursor.
   */
  | { type: 'resume_failed'; reason: ResumeFailedReason; cursor: string }
  | ServerEvent;

export type ResumeFailedReason = 'too_far_behind' | 'cursor_from_future' | 'invalid_cursor';

export { Cursor, Seq, Id };
