/**
 * Every error code the server can return, on HTTP or on the socket. This list is the contract:
 * `docs/errors.md` documents each code and a test keeps the two in sync.
 * The transport maps a code to an HTTP status here, in one table; domain code never picks a status.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, summary: 'The request has a missing, extra or wrong-typed field; `details.field` names it.' },
  bad_json: { status: 400, summary: 'The body or frame is not acceptable JSON (syntax, depth, huge numbers, lone surrogates).' },
  empty_message: { status: 400, summary: 'A message needs text (or an attachment).' },
  invalid_text: { status: 400, summary: 'Text holds characters we refuse (bidi overrides, control characters) in a name or title.' },
  self_action: { status: 400, summary: 'The action cannot target yourself (follow, block or message yourself).' },
  unauthorized: { status: 401, summary: 'No session token, or it is expired or revoked.' },
  invalid_credentials: { status: 401, summary: 'Username or password is wrong.' },
  insufficient_scope: { status: 403, summary: 'The API token lacks what this route needs: `details.scope` names the scope (`session`: only a logged-in session may, e.g. to manage tokens or open the socket).' },
  forbidden: { status: 403, summary: 'You may see this resource but not change it (e.g. only the group moderator can).' },
  origin_not_allowed: { status: 403, summary: 'The WebSocket upgrade came from an Origin not on the allow-list.' },
  invite_required: { status: 403, summary: 'Sign-up needs a valid, unused invite code.' },
  account_suspended: { status: 403, summary: 'The account is suspended by an operator.' },
  cannot_message: { status: 403, summary: 'This person does not accept messages from you.' },
  not_found: { status: 404, summary: 'No such resource, or you may not see it (the two look the same).' },
  username_taken: { status: 409, summary: 'Another account has this username.' },
  conflict: { status: 409, summary: 'The request conflicts with the current state.' },
  too_late: { status: 409, summary: 'The time to edit or unsend this message has passed (`details.until`).' },
  group_full: { status: 409, summary: 'The group has reached its member limit.' },
  request_pending: { status: 409, summary: 'Your request is pending; you may not send more until it is accepted.' },
  request_budget: { status: 429, summary: 'You started too many requests to people who do not follow you in the last day (fewer for new accounts and for senders whose requests are often deleted); retry after `details.retryAfterMs`.' },
  too_large: { status: 413, summary: 'The body, text or frame is over its size limit.' },
  unsupported_media: { status: 415, summary: 'An upload that is not a JPEG, PNG, GIF or WebP image by its content (whatever its name or declared type), or that is damaged or has too many pixels.' },
  rate_limited: { status: 429, summary: 'Too many requests; retry after `details.retryAfterMs`.' },
  internal: { status: 500, summary: 'An unexpected server error; nothing was written.' },
  unavailable: { status: 503, summary: 'The server is shutting down or storage is unreachable; retry after `details.retryAfterMs`.' },
  outcome_unknown: { status: 503, summary: 'Storage failed during commit; the write may or may not have happened. Retry with the same idempotency key.' },
  already_authenticated: { status: 400, summary: 'Socket only: the socket is already authenticated (authentication happens on upgrade).' },
  room_ended: { status: 409, summary: 'The room has ended; its chat is read-only.' },
  room_chat_off: { status: 403, summary: 'The room\'s host turned chat off.' },
  room_chat_muted: { status: 403, summary: 'A host or moderator muted you in this room\'s chat; `details.retryAfterMs` says for how long (absent: for the rest of the room).' },
  room_slow_mode: { status: 429, summary: 'Slow mode: one message per `details.slowSeconds`; retry after `details.retryAfterMs`.' },
  room_followers_only: { status: 403, summary: 'The room\'s chat is for people who follow the host.' },
  room_emoji_only: { status: 400, summary: 'The room\'s chat is in emoji-only mode.' },
  not_in_room: { status: 409, summary: 'The action needs the person (you, or the target) to be in the room.' },
  room_not_invited: { status: 409, summary: 'Nobody invited you to speak in this room (or the invitation was withdrawn when you left the audience).' },
  room_no_successor: { status: 409, summary: 'The host cannot leave while no moderator is in the room to take over: make someone a moderator, or end the room.' },
  room_managed_externally: { status: 409, summary: 'The rooms follow the platform\'s audio service (rooms mode `external`): starting and ending rooms and changing roles happen there.' },
  bad_signature: { status: 401, summary: 'Server-to-server: the `Backchannel-Signature` header is missing, malformed, or matches none of the shared secrets.' },
  stale_timestamp: { status: 401, summary: 'Server-to-server: the signature\'s timestamp is further from our clock than the allowed skew; sign again with the current time.' },
  unknown_event_type: { status: 400, summary: 'Server-to-server: the event `type` is not one we accept; `details.type` repeats it.' },
  qa_off: { status: 409, summary: 'Q&A is off in this room (the host or a moderator switches it on).' },
  qa_open_limit: { status: 409, summary: 'You have `details.max` open questions in this room; ask again when one is answered, dismissed or merged.' },
  question_closed: { status: 409, summary: 'The question was answered or dismissed: it takes no more votes, and an answered one no more state changes.' },
  question_merged: { status: 409, summary: 'The question was merged into `details.mergedInto`: vote for (or act on) that one.' },
  question_transition: { status: 409, summary: 'A question cannot go from `details.from` to `details.to` (pending → on_stage → answered; pending or on_stage → dismissed; dismissed or on_stage → pending).' },
  invalid_merge: { status: 400, summary: 'A question cannot be merged that way: `details.reason` is `same_question` (into itself) or `other_room` (a question of another room).' },
  resume_failed: { status: 410, summary: 'Socket only: the cursor is outside the resume window; re-sync over HTTP, then resume from the new cursor.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodes = Object.keys(ERROR_CODES) as ErrorCode[];

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/**
 * WebSocket close codes (RFC 6455 §7.4.1 for < 4000; 4000–4999 are ours).
 */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  /** Binary frames are not part of the protocol. */
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
  /** Storage is briefly unavailable; reconnect with backoff and resume (RFC 6455 registry: Try Again Later). */
  tryAgainLater: 1013,
  /** The session was revoked (log out, log out everywhere, suspension). Do not reconnect with it. */
  unauthorized: 4001,
  /** Too many ops; reconnect after the delay in the close reason. */
  rateLimited: 4008,
  /** The socket fell too far behind (queued bytes/events over the cap); reconnect and resume. */
  slowConsumer: 4009,
  /** Heartbeat missed. */
  heartbeatTimeout: 4010,
  /** Too many sockets for this user. */
  tooManySockets: 4011,
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;

/** The JSON body of every error response and the `error` socket frame. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}
