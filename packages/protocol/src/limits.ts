/** Limits every client can rely on; the server may be configured stricter, never looser. */
export const LIMITS = {
  messageChars: 4000,
  messageBytes: 64 * 1024,
  clientMessageIdMax: 64,
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 64,
  bioMax: 300,
  titleMax: 100,
  passwordMin: 8,
  passwordMax: 256,
  pageMax: 200,
  groupMembersDefault: 15,
  /** People a conversation (and `conversation.updated`) carries for its header; the rest are paged (`GET /v1/conversations/:id/members`). */
  memberPreview: 5,
  frameBytes: 128 * 1024,
  /** Distinct emoji on one message, and reactions of one person on one message. */
  reactionEmojiPerMessage: 20,
  reactionsPerUserPerMessage: 3,
  /** A reply quotes the start of the message it answers. */
  replySnippetChars: 120,
} as const;

/** Room and room-chat limits (docs/subsystems/rooms.md); the room schemas use them. */
export const ROOM_LIMITS = {
  titleMax: 120,
  descriptionMax: 500,
  chatChars: 500,
  /** Messages a joining listener receives; older ones are paged with `before`. */
  chatBacklog: 50,
  /** Names and avatars of the stage shown on a hallway card. */
  hallwaySpeakers: 3,
  closedInvitesMax: 200,
  slowSecondsMax: 3600,
} as const;

/** A room's Q&A (docs/subsystems/rooms.md, "Q&A"). */
export const QUESTION_LIMITS = {
  /** Characters (code points) of a question. */
  textMax: 280,
  /** Questions one list answer carries (the most voted first). */
  listMax: 500,
} as const;
