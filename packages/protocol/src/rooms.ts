/**
 * Live rooms and room chat: the wire shapes (docs/subsystems/rooms.md).
 *
 * A room is an audience, not a membership. Only the stage (host, moderators, speakers) is listed in
 * a room object and in its events; listeners are counted, paged over HTTP and never appear in an
 * event payload, so a join costs O(1) for everyone else. Room events have their own `seq` per room
 * (contiguous, strictly increasing); a subscriber resumes a room from the last `seq` it processed.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Conversation, Id, LinkEntity, RoomLabel, Seq, Timestamp, UserSummary } from './entities.js';
import { ROOM_LIMITS } from './limits.js';
import { QUESTION_OPS, RoomQaUpdatedEvent, RoomQuestionEvent, RoomQuestionHiddenEvent, type QuestionOpResults } from './questions.js';

const strict = { additionalProperties: false } as const;
const ReqId = Type.String({ minLength: 1, maxLength: 64 });

export const RoomVisibility = Type.Union([Type.Literal('open'), Type.Literal('social'), Type.Literal('closed')], {
  description: 'open: everyone; social: people the host follows; closed: the invite list only.',
});
export type RoomVisibility = Static<typeof RoomVisibility>;
export const RoomRole = Type.Union([Type.Literal('host'), Type.Literal('moderator'), Type.Literal('speaker'), Type.Literal('listener')]);
export type RoomRole = Static<typeof RoomRole>;
export const RoomStatus = Type.Union([Type.Literal('live'), Type.Literal('ended')]);
export const ChatMode = Type.Union([Type.Literal('open'), Type.Literal('slow'), Type.Literal('followers'), Type.Literal('emoji')], {
  description: 'slow: one message per `slowSeconds` per person (host and moderators exempt); followers: people who follow the host; emoji: emoji-only messages.',
});
export type ChatMode = Static<typeof ChatMode>;

export const RoomChatSettings = Type.Object({
  enabled: Type.Boolean(),
  mode: ChatMode,
  slowSeconds: Type.Integer({ minimum: 1, maximum: ROOM_LIMITS.slowSecondsMax }),
});
export type RoomChatSettings = Static<typeof RoomChatSettings>;

/** Someone on the stage (host, moderator or speaker). Listeners are never listed here. */
export const StageMember = Type.Object({
  user: UserSummary,
  role: RoomRole,
  /** Reported by the audio integration; always false in a standalone install. */
  speaking: Type.Boolean(),
  /** The viewer blocked this person (label them). */
  blockedByMe: Type.Boolean(),
});
export type StageMember = Static<typeof StageMember>;

/** The viewer's own place in the room. */
export const RoomViewerState = Type.Object({
  role: Type.Union([RoomRole, Type.Null()], { description: 'null when not in the room.' }),
  handRaised: Type.Boolean(),
  /** A host or moderator invited the viewer to speak; accept with `POST /v1/rooms/{id}/speak`, decline with `DELETE`. */
  invitedToSpeak: Type.Boolean(),
  /** Who sent the pending invitation to speak (null when there is none). */
  invitedBy: Type.Optional(Type.Union([UserSummary, Type.Null()])),
  /** Chat mute end (null: not muted; a far-future instant means "for the rest of the room"). */
  chatMutedUntil: Type.Union([Timestamp, Type.Null()]),
});
export type RoomViewerState = Static<typeof RoomViewerState>;

export const Room = Type.Object({
  id: Id,
  title: Type.String(),
  description: Type.String(),
  visibility: RoomVisibility,
  status: RoomStatus,
  hostId: Type.Union([Id, Type.Null()]),
  createdAt: Timestamp,
  endedAt: Type.Union([Timestamp, Type.Null()]),
  /** The last room event's seq: subscribe with `afterSeq` = this to get only newer events. */
  seq: Seq,
  stage: Type.Array(StageMember),
  speakerCount: Type.Integer({ minimum: 0 }),
  listenerCount: Type.Integer({ minimum: 0 }),
  chat: RoomChatSettings,
  me: RoomViewerState,
  /**
   * The platform's audio service runs this room (rooms mode `external`): starting and ending it and
   * every role change happen in the audio app, and those actions here answer `room_managed_externally`.
   */
  managedExternally: Type.Optional(Type.Boolean()),
});
export type Room = Static<typeof Room>;

/** A card in the hallway (the list of live rooms). */
export const HallwayRoom = Type.Object({
  id: Id,
  title: Type.String(),
  visibility: RoomVisibility,
  createdAt: Timestamp,
  speakerCount: Type.Integer({ minimum: 0 }),
  listenerCount: Type.Integer({ minimum: 0 }),
  /** Up to three people on the stage, people the viewer follows first. */
  speakers: Type.Array(UserSummary),
  /** People the viewer follows who are in the room (any role). */
  followedCount: Type.Integer({ minimum: 0 }),
});
export type HallwayRoom = Static<typeof HallwayRoom>;

export const RoomAudienceMember = Type.Object({ user: UserSummary, role: RoomRole, handRaised: Type.Boolean() });
export type RoomAudienceMember = Static<typeof RoomAudienceMember>;

export const MentionEntity = Type.Object({
  type: Type.Literal('mention'),
  offset: Type.Integer({ minimum: 0 }),
  length: Type.Integer({ minimum: 1 }),
  userId: Id,
});
export type MentionEntity = Static<typeof MentionEntity>;

export const RoomMessage = Type.Object({
  id: Id,
  roomId: Id,
  /** The room event seq that created it. */
  seq: Seq,
  sender: UserSummary,
  clientMessageId: Type.Union([Type.String(), Type.Null()]),
  /** Plain text, NFC-normalised, never HTML; empty when deleted. */
  text: Type.String(),
  entities: Type.Array(Type.Union([LinkEntity, MentionEntity])),
  createdAt: Timestamp,
  /** Set when deleted: by its author, or by a host/moderator (a tombstone for everyone). */
  deleted: Type.Union([Type.Literal('author'), Type.Literal('moderator'), Type.Null()]),
});
export type RoomMessage = Static<typeof RoomMessage>;

// ---- HTTP bodies ----

export const CreateRoomBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: ROOM_LIMITS.titleMax }),
    description: Type.Optional(Type.String({ maxLength: ROOM_LIMITS.descriptionMax })),
    visibility: Type.Optional(RoomVisibility),
    /** Closed rooms: who may join (besides the host). */
    invitedUserIds: Type.Optional(Type.Array(Id, { maxItems: ROOM_LIMITS.closedInvitesMax, uniqueItems: true })),
    chat: Type.Optional(Type.Partial(RoomChatSettings, strict)),
  },
  { ...strict, examples: [{ title: 'Late-night jazz', description: 'Records, requests and a few stories' }] },
);
export type CreateRoomBody = Static<typeof CreateRoomBody>;
export const RoomResponse = Type.Object({ room: Room });
export type RoomResponse = Static<typeof RoomResponse>;
export const HallwayQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })), pageToken: Type.Optional(Type.String({ maxLength: 128 })) },
  strict,
);
export const HallwayPage = Type.Object({
  rooms: Type.Array(HallwayRoom),
  next: Type.Union([Type.String(), Type.Null()]),
  /** Rooms start in the platform's audio app here (rooms mode `external`): hide "Start a room". */
  managedExternally: Type.Optional(Type.Boolean()),
});
export type HallwayPage = Static<typeof HallwayPage>;
export const AudienceQuery = HallwayQuery;
export const AudiencePage = Type.Object({ people: Type.Array(RoomAudienceMember), next: Type.Union([Type.String(), Type.Null()]) });
export type AudiencePage = Static<typeof AudiencePage>;
export const HandBody = Type.Object({ raised: Type.Boolean() }, strict);
export const RoomUserParams = Type.Object({ id: Id, userId: Id }, strict);
export const RoomMessageParams = Type.Object({ id: Id, messageId: Id }, strict);
export const ChatSettingsBody = Type.Partial(RoomChatSettings, strict);
export const MuteBody = Type.Object(
  { minutes: Type.Union([Type.Integer({ minimum: 1, maximum: 24 * 60 }), Type.Null()], { description: 'null: for the rest of the room.' }) },
  strict,
);
export const RoomHistoryQuery = Type.Object(
  { before: Type.Optional(Seq), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  strict,
);
export const RoomMessagePage = Type.Object({ messages: Type.Array(RoomMessage), hasMore: Type.Boolean() });
export type RoomMessagePage = Static<typeof RoomMessagePage>;
export const SendRoomMessageBody = Type.Object(
  {
    clientMessageId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
    text: Type.String({ maxLength: 8 * 1024 }),
  },
  { ...strict, examples: [{ clientMessageId: 'c-2f1d9a', text: 'What a solo!' }] },
);
export type SendRoomMessageBody = Static<typeof SendRoomMessageBody>;
export const RoomMessageResponse = Type.Object({ message: RoomMessage });

/**
 * The room's backstage channel as the viewer may see it: a member (host, moderator or speaker
 * now) reads and writes it like any conversation; someone who left the stage reads what they had
 * seen (`readOnly`, the conversation as it was when they left). Everyone else: `not_found`.
 */
export const BackstageResponse = Type.Object({ conversation: Conversation, readOnly: Type.Boolean() });
export type BackstageResponse = Static<typeof BackstageResponse>;

/**
 * Presence that points at a room: the other person of a 1:1 is in a live room now, on its stage
 * ("speaking in <room> now") or listening. Null when they are in none, hide it, or the rules of
 * the requests inbox withhold it (never to a pending requester, never across a block), and for
 * a room the viewer may not see.
 */
export const RoomPresence = Type.Object({
  userId: Id,
  room: RoomLabel,
  onStage: Type.Boolean(),
});
export type RoomPresence = Static<typeof RoomPresence>;
export const PresenceResponse = Type.Object({ presence: Type.Union([RoomPresence, Type.Null()]) });
export type PresenceResponse = Static<typeof PresenceResponse>;
/** My presence setting: whether the people I talk with see which room I am in. */
export const PresenceSettings = Type.Object({ showPresence: Type.Boolean() }, strict);
export type PresenceSettings = Static<typeof PresenceSettings>;

/**
 * A link to a room in a message, as a live card: title, LIVE or ended, counts, a few people on the
 * stage (`GET /v1/rooms/{id}/card`). A room the viewer may not see is `not_found`, like one that
 * does not exist: the client shows the plain link.
 */
export const RoomCard = Type.Object({
  id: Id,
  title: Type.String(),
  status: RoomStatus,
  speakerCount: Type.Integer({ minimum: 0 }),
  listenerCount: Type.Integer({ minimum: 0 }),
  /** Up to three people on the stage, the host first. */
  speakers: Type.Array(UserSummary, { maxItems: ROOM_LIMITS.hallwaySpeakers }),
});
export type RoomCard = Static<typeof RoomCard>;
export const RoomCardResponse = Type.Object({ card: RoomCard });
export type RoomCardResponse = Static<typeof RoomCardResponse>;

// ---- Room events (delivered to the room's subscribers; resumable by seq) ----

const roomEvent = <T extends string, P extends ReturnType<typeof Type.Object>>(type: T, data: P, description: string) =>
  Type.Object({ type: Type.Literal(type), roomId: Id, seq: Seq, data }, { description });

/** Title, description, chat settings or host changed. */
export const RoomUpdatedEvent = roomEvent(
  'room.updated',
  Type.Object({ title: Type.String(), description: Type.String(), hostId: Type.Union([Id, Type.Null()]), chat: RoomChatSettings }),
  'The title, description, chat settings (on/off, mode) or host changed. To everyone in the room.',
);
/** Someone joined the stage or changed role on it (to listener = moved to the audience). */
export const RoomStageChangedEvent = roomEvent(
  'room.stage_changed',
  Type.Object({ user: UserSummary, role: Type.Union([RoomRole, Type.Null()], { description: 'null: left the room.' }) }),
  'Someone came onto the stage, changed role on it, went to the audience (`listener`) or left from the stage (`null`). Listeners coming and going are only counted (`room.counts`). To everyone.',
);
/**
 * A hand went up or down, or a speak invitation was sent/withdrawn. Delivered only to the host and
 * moderators, and to the person concerned (the frame is built once; the router filters by role).
 */
export const RoomHandEvent = roomEvent(
  'room.hand_changed',
  Type.Object({
    user: UserSummary,
    handRaised: Type.Boolean(),
    invitedToSpeak: Type.Boolean(),
    /** With a new invitation: the host or moderator who sent it. */
    invitedBy: Type.Optional(UserSummary),
    /** The person declined the invitation (`DELETE /v1/rooms/{id}/speak`). */
    declined: Type.Optional(Type.Boolean()),
  }),
  'A hand went up or down, an invitation to speak was sent (`invitedBy`) or declined (`declined`). To the host, the moderators and that person only.',
);
export const RoomMessageCreatedEvent = roomEvent('room.message_created', Type.Object({ message: RoomMessage }), 'A room chat message (its `seq` is the event\'s). To everyone.');
export const RoomMessageDeletedEvent = roomEvent(
  'room.message_deleted',
  Type.Object({ messageId: Id, by: Type.Union([Type.Literal('author'), Type.Literal('moderator')]) }),
  'A chat message was deleted: show a tombstone. To everyone.',
);
/** Sent to the muted person only (and to moderators): chat mute set or lifted. */
export const RoomMuteEvent = roomEvent(
  'room.mute_changed',
  Type.Object({ userId: Id, until: Type.Union([Timestamp, Type.Null()]) }),
  'A chat mute was set (until an instant; 9999-12-31: for the room) or lifted (null). To the host, the moderators and that person only.',
);
/** Removed from the room: the removed person's subscription ends; they cannot re-join. */
export const RoomRemovedEvent = roomEvent('room.removed', Type.Object({ userId: Id }), 'Someone was removed and cannot join again; their subscription ends. To the host, the moderators and that person only.');
export const RoomEndedEvent = roomEvent('room.ended', Type.Object({ endedAt: Timestamp }), 'The room ended; its chat is read-only. The subscription ends. To everyone.');

export const RoomEvent = Type.Union([
  RoomUpdatedEvent,
  RoomStageChangedEvent,
  RoomHandEvent,
  RoomMessageCreatedEvent,
  RoomMessageDeletedEvent,
  RoomMuteEvent,
  RoomRemovedEvent,
  RoomEndedEvent,
  RoomQaUpdatedEvent,
  RoomQuestionEvent,
  RoomQuestionHiddenEvent,
]);
export type RoomEvent = Static<typeof RoomEvent>;
export type RoomEventType = RoomEvent['type'];

/** Ephemeral, coalesced (at most one per room per interval): audience size and who is speaking. */
export const RoomCountsEvent = Type.Object({
  type: Type.Literal('room.counts'),
  roomId: Id,
  data: Type.Object({ speakerCount: Type.Integer({ minimum: 0 }), listenerCount: Type.Integer({ minimum: 0 }), speakingIds: Type.Array(Id) }),
}, { description: 'The room\'s counts changed: at most one per room per `roomCountsIntervalMs`, however many joined or left. Ephemeral (no `seq`, never replayed).' });
export type RoomCountsEvent = Static<typeof RoomCountsEvent>;

/**
 * A hallway card's live part (`hallway.updated`): the same for every viewer, so no `followedCount`,
 * and its `speakers` are the host first, then by time on the stage (not ordered for anyone).
 */
export const HallwayRoomLive = Type.Omit(HallwayRoom, ['followedCount']);
export type HallwayRoomLive = Static<typeof HallwayRoomLive>;

export const HallwayUpdatedEvent = Type.Object(
  {
    type: Type.Literal('hallway.updated'),
    data: Type.Object({
      rooms: Type.Array(HallwayRoomLive, { description: 'live rooms you may see that started or changed (counts, stage); a room not in your list yet is new' }),
      ended: Type.Array(Id, { description: 'rooms you may see that ended: drop their cards' }),
    }),
  },
  {
    description:
      'After `hallway.subscribe`: the rooms of the hallway that changed, coalesced, at most one frame per `roomCountsIntervalMs` (1 s) however many changes. Ephemeral (never replayed): after a reconnect, read `GET /v1/rooms` and subscribe again. Keep your own `followedCount` and order; a re-read refreshes them.',
  },
);
export type HallwayUpdatedEvent = Static<typeof HallwayUpdatedEvent>;

// ---- Socket ops ----

/** Start receiving a room's events (after joining it over HTTP). Replays events after `afterSeq`. */
export const RoomSubscribeOp = Type.Object(
  { op: Type.Literal('room.subscribe'), id: ReqId, roomId: Id, afterSeq: Type.Union([Seq, Type.Null()], { description: 'the last room `seq` you processed; null: from now' }) },
  {
    ...strict,
    description:
      'Receive a room\'s events on this socket (join it over HTTP first). The stored events after `afterSeq` come first, then `ack {id, data: {room}}` (the room at its `seq`), then live events. `error resume_failed` with `details.reason` (`too_far_behind`, `cursor_from_future`): reload the room and subscribe from its `seq`.',
  },
);
export const RoomUnsubscribeOp = Type.Object(
  { op: Type.Literal('room.unsubscribe'), id: Type.Optional(ReqId), roomId: Id },
  { ...strict, description: 'Stop receiving the room\'s events; `ack {id, data: {ok: true}}` if `id` was given. With no other socket listening, you leave the room after the presence grace period.' },
);
export const RoomSendOp = Type.Object(
  {
    op: Type.Literal('room.message.send'),
    id: ReqId,
    roomId: Id,
    clientMessageId: SendRoomMessageBody.properties.clientMessageId,
    text: SendRoomMessageBody.properties.text,
  },
  { ...strict, description: 'Send a room chat message (≤ 500 characters); `ack {id, data: {message}}` after COMMIT, or `error {id, code}` (`room_chat_off`, `room_chat_muted`, `room_slow_mode` with `details.retryAfterMs`, …). A retry with the same `clientMessageId` answers the first message.' },
);
export const RoomHandOp = Type.Object(
  { op: Type.Literal('room.hand'), id: Type.Optional(ReqId), roomId: Id, raised: Type.Boolean() },
  { ...strict, description: 'Raise or lower your hand (listeners); `ack {id, data: {ok: true}}` if `id` was given. Rate-limited per person (`rate_limited`).' },
);

export const HallwaySubscribeOp = Type.Object(
  { op: Type.Literal('hallway.subscribe'), id: Type.Optional(ReqId) },
  { ...strict, description: 'Receive `hallway.updated` on this socket for the live rooms you may see; `ack {id, data: {ok: true}}` if `id` was given. Read the hallway (`GET /v1/rooms`) after subscribing, then apply updates.' },
);
export const HallwayUnsubscribeOp = Type.Object(
  { op: Type.Literal('hallway.unsubscribe'), id: Type.Optional(ReqId) },
  { ...strict, description: 'Stop receiving `hallway.updated`; `ack {id, data: {ok: true}}` if `id` was given. Closing the socket does the same.' },
);

export const ROOM_OPS = {
  'room.subscribe': RoomSubscribeOp,
  'room.unsubscribe': RoomUnsubscribeOp,
  'room.message.send': RoomSendOp,
  'room.hand': RoomHandOp,
  'hallway.subscribe': HallwaySubscribeOp,
  'hallway.unsubscribe': HallwayUnsubscribeOp,
  ...QUESTION_OPS,
} as const;

export interface RoomOpResults extends QuestionOpResults {
  /** Every event after `afterSeq` was sent before this ack; live events follow. */
  'room.subscribe': { room: Room };
  'room.unsubscribe': { ok: true };
  'room.message.send': { message: RoomMessage };
  'room.hand': { ok: true };
  'hallway.subscribe': { ok: true };
  'hallway.unsubscribe': { ok: true };
}
