import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits.js';

/** Server-generated ids: 22 url-safe characters of 128-bit randomness (unguessable). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO-8601 UTC' });
/**
 * A position in a user's event stream: an opaque token (no order, no arithmetic). The same durable
 * event always carries the same token, so clients deduplicate by equality and resume from the
 * last one they processed. See docs/subsystems/delivery.md.
 */
export const Cursor = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/**
 * Who may start a conversation with me: everyone (strangers go to Requests), people I follow and
 * people I was in a room with recently (`rooms`, as requests), people I follow, or nobody new.
 */
export const WhoCanMessage = Type.Union([Type.Literal('everyone'), Type.Literal('rooms'), Type.Literal('following'), Type.Literal('nobody')]);
export type WhoCanMessage = Static<typeof WhoCanMessage>;

export const UserSummary = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
  },
  {},
);
export type UserSummary = Static<typeof UserSummary>;

export const Me = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    bio: Type.String(),
    createdAt: Timestamp,
    roles: Type.Array(Type.String()),
    whoCanMessage: WhoCanMessage,
  },
  {},
);
export type Me = Static<typeof Me>;

export const Profile = Type.Object(
  {
    id: Id,
    username: Type.String(),
    displayName: Type.String(),
    bio: Type.String(),
    createdAt: Timestamp,
    followerCount: Type.Integer(),
    followingCount: Type.Integer(),
    followedByMe: Type.Boolean(),
    followsMe: Type.Boolean(),
    blockedByMe: Type.Boolean(),
    /** Whether the viewer may send this user a message (show or hide the message button). */
    canMessage: Type.Boolean(),
  },
  {},
);
export type Profile = Static<typeof Profile>;

/** A detected link. Offsets and lengths count UTF-16 code units of the message text. */
export const LinkEntity = Type.Object({
  type: Type.Literal('link'),
  offset: Type.Integer({ minimum: 0 }),
  length: Type.Integer({ minimum: 1 }),
  url: Type.String(),
});
export type LinkEntity = Static<typeof LinkEntity>;

/**
 * A card the server posts into a room's backstage channel (`SystemEvent.action: 'backstage_card'`):
 * the Q&A queue's next question, which any speaker can take (docs/subsystems/rooms.md, "Backstage").
 */
export const BackstageCard = Type.Object({
  type: Type.Literal('qa.next_question'),
  roomId: Id,
  questionId: Id,
  /** The question as asked (plain text, never HTML). */
  text: Type.String(),
  askerId: Id,
  voteCount: Type.Integer({ minimum: 0 }),
});
export type BackstageCard = Static<typeof BackstageCard>;

export const SystemEvent = Type.Object({
  action: Type.Union([
    Type.Literal('created'),
    Type.Literal('renamed'),
    Type.Literal('member_added'),
    Type.Literal('member_removed'),
    Type.Literal('member_left'),
    Type.Literal('backstage_card'),
  ]),
  actorId: Id,
  targetIds: Type.Optional(Type.Array(Id)),
  title: Type.Optional(Type.String()),
  /** `backstage_card` only. */
  card: Type.Optional(BackstageCard),
});
export type SystemEvent = Static<typeof SystemEvent>;

/**
 * A link preview, fetched once by the server after the message committed (docs/subsystems/links.md).
 * Every field comes from the page; the image is a copy re-encoded and served by us (`image.url` is
 * a path on this server), so a client never loads a third-party URL.
 */
export const LinkPreview = Type.Object({
  /** The link in the message text this preview is for (as in its `LinkEntity`). */
  url: Type.String(),
  /** The page's canonical URL (`og:url`, `<link rel=canonical>`), else the URL after redirects. */
  canonicalUrl: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  image: Type.Union([Type.Object({ url: Type.String(), width: Type.Integer({ minimum: 1 }), height: Type.Integer({ minimum: 1 }) }), Type.Null()]),
});
export type LinkPreview = Static<typeof LinkPreview>;
/** What a reply shows of the message it quotes (of the same conversation). */
export const ReplyQuote = Type.Object({
  messageId: Id,
  seq: Seq,
  senderId: Id,
  /** The start of the quoted text as it is now (empty when `unavailable`). */
  snippet: Type.String(),
  /** The quoted message was unsent or removed: show "message unavailable". */
  unavailable: Type.Boolean(),
});
export type ReplyQuote = Static<typeof ReplyQuote>;

/** Why a message shows as a tombstone: its sender unsent it, a group moderator or an operator removed it. */
export const Tombstone = Type.Object({
  by: Type.Union([Type.Literal('sender'), Type.Literal('moderator'), Type.Literal('operator')]),
  at: Timestamp,
});
export type Tombstone = Static<typeof Tombstone>;

/** One emoji on a message and who put it there (as the viewer may see them), first reaction first. */
export const Reaction = Type.Object({ emoji: Type.String({ minLength: 1, maxLength: 64 }), userIds: Type.Array(Id) });
export type Reaction = Static<typeof Reaction>;

/**
 * An image sent with a message (docs/subsystems/media.md): our re-encoding of an upload. `url` and
 * `thumbUrl` are paths on this server that need a media token (`GET /v1/media/token`) appended as
 * `?t=`; `placeholder` is a tiny blurred preview as a `data:` URL, shown while the image loads.
 */
export const Attachment = Type.Object({
  id: Id,
  kind: Type.Literal('image'),
  contentType: Type.String(),
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
  size: Type.Integer({ minimum: 1 }),
  url: Type.String(),
  thumbUrl: Type.String(),
  placeholder: Type.String(),
});
export type Attachment = Static<typeof Attachment>;

export const Message = Type.Object(
  {
    id: Id,
    conversationId: Id,
    seq: Seq,
    senderId: Id,
    clientMessageId: Type.Union([Type.String(), Type.Null()]),
    kind: Type.Union([Type.Literal('text'), Type.Literal('system')]),
    /** Plain text, NFC-normalised. Never HTML. */
    text: Type.String(),
    entities: Type.Array(LinkEntity),
    system: Type.Union([SystemEvent, Type.Null()]),
    createdAt: Timestamp,
    /** Link previews, once fetched (`message.updated` brings them); absent when there are none. */
    previews: Type.Optional(Type.Array(LinkPreview, { maxItems: 3 })),
    /** Images sent with the message, in the sender's order; absent when there are none. */
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
    /** The message this one replies to (docs/subsystems/messages.md). */
    replyTo: Type.Union([ReplyQuote, Type.Null()]),
    /** Set once the sender edited it (show "edited"); earlier versions are kept for moderators only. */
    editedAt: Type.Union([Timestamp, Type.Null()]),
    /** Set when the message was unsent or removed: show a tombstone (`text` is empty, no reactions). */
    tombstone: Type.Union([Tombstone, Type.Null()]),
    reactions: Type.Array(Reaction),
  },
  {},
);
export type Message = Static<typeof Message>;

export const Folder = Type.Union([Type.Literal('inbox'), Type.Literal('requests')]);

/** A room two people were both in: when they were there together, and whether each was on the stage. */
export const SharedRoom = Type.Object({
  roomId: Id,
  title: Type.String(),
  /** When both were first there together. */
  at: Timestamp,
  youWereOnStage: Type.Boolean(),
  senderWasOnStage: Type.Boolean(),
});
export type SharedRoom = Static<typeof SharedRoom>;

/** The room a conversation belongs to (a backstage channel) or came from (a request sent from a room's attendee list). */
export const RoomLabel = Type.Object({ id: Id, title: Type.String(), status: Type.Union([Type.Literal('live'), Type.Literal('ended')]) });
export type RoomLabel = Static<typeof RoomLabel>;

/**
 * What the recipient of a pending request sees about it (docs/subsystems/message-requests.md).
 * Only the recipient gets this object; the sender's view of the conversation carries none.
 */
export const RequestTrust = Type.Object({
  /** People the recipient follows who follow the sender. */
  mutualFollowCount: Type.Integer({ minimum: 0 }),
  /** Up to three of them. */
  mutualFollows: Type.Array(UserSummary),
  accountCreatedAt: Timestamp,
  accountAgeDays: Type.Integer({ minimum: 0 }),
  /**
   * The latest room both people were in at the same time within the met-in-room window ("you were
   * both in <room> on <date>"), from room participation records; null when none.
   */
  sharedRoom: Type.Optional(Type.Union([SharedRoom, Type.Null()])),
});
export type RequestTrust = Static<typeof RequestTrust>;

export const RequestInfo = Type.Object({
  /** Who added the recipient (the 1:1's other person, or the group member who added them). */
  senderId: Id,
  createdAt: Timestamp,
  /** Unanswered requests are removed after this instant. */
  expiresAt: Timestamp,
  /** Render links in this conversation as plain, unclickable text until accepted. */
  linksInert: Type.Literal(true),
  /** Blur media in this conversation until accepted. */
  blurMedia: Type.Literal(true),
  trust: RequestTrust,
  /** Sent from this room's attendee list ("from <room title>"); absent or null otherwise. */
  room: Type.Optional(Type.Union([RoomLabel, Type.Null()])),
});
export type RequestInfo = Static<typeof RequestInfo>;
export type Folder = Static<typeof Folder>;

export const Conversation = Type.Object(
  {
    id: Id,
    kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
    title: Type.Union([Type.String(), Type.Null()]),
    moderatorId: Type.Union([Id, Type.Null()]),
    /**
     * The first `LIMITS.memberPreview` people the conversation lists (a 1:1: both people; a group: by
     * when they were added), enough for a header. Page the rest with `GET /v1/conversations/:id/members`.
     */
    members: Type.Array(UserSummary, { maxItems: LIMITS.memberPreview }),
    /** How many people the conversation lists (`members` is the first few of them). */
    memberCount: Type.Integer({ minimum: 0 }),
    lastSeq: Seq,
    lastMessage: Type.Union([Message, Type.Null()]),
    lastActivityAt: Timestamp,
    createdAt: Timestamp,
    /** The viewer's own state. */
    folder: Folder,
    readSeq: Seq,
    unreadCount: Type.Integer({ minimum: 0 }),
    muted: Type.Boolean(),
    pinned: Type.Boolean(),
    archived: Type.Boolean(),
    /** Set when the viewer's membership is a pending request (`folder: 'requests'`). */
    request: Type.Optional(Type.Union([RequestInfo, Type.Null()])),
    /** Groups: members the viewer has blocked (clients show a warning with one-tap leave). */
    blockedMemberIds: Type.Optional(Type.Array(Id)),
    /** A room's backstage channel: the room it belongs to (label it; after the room ends it is a group any member can leave). */
    backstage: Type.Optional(RoomLabel),
  },
  {},
);
export type Conversation = Static<typeof Conversation>;

