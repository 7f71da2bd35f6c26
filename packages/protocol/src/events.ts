/**
 * Events a user's devices receive over the socket. Durable events carry `pos`, an opaque token of
 * their position in the user's stream (the same token for every delivery of that event); a device
 * deduplicates by it and resumes from the last `pos` it processed. Ephemeral events (typing) carry
 * no `pos` and are never replayed. See docs/subsystems/delivery.md.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Conversation, Cursor, Id, Message, Seq, UserSummary } from './entities.js';
import { MessageFields } from './messageActions.js';
import { LIMITS } from './limits.js';

/** A durable event: its `type`, its `pos` and its `data`; `description` is what it means (docs/api/socket.md). */
const durable = <T extends string, P extends ReturnType<typeof Type.Object>>(type: T, data: P, description: string) =>
  Type.Object({ type: Type.Literal(type), pos: Cursor, data }, { description });

export const MessageCreatedEvent = durable('message.created', Type.Object({ message: Message }), 'A message (or system message) in a conversation you are in.');
export const ConversationUpdatedEvent = durable(
  'conversation.updated',
  Type.Object({
    conversationId: Id,
    title: Type.Union([Type.String(), Type.Null()]),
    moderatorId: Type.Union([Id, Type.Null()]),
    /** The first `LIMITS.memberPreview` listed people, as in `Conversation.members`. */
    members: Type.Array(UserSummary, { maxItems: LIMITS.memberPreview }),
    memberCount: Type.Integer({ minimum: 0 }),
  }),
  'Shared facts of a conversation changed (title, moderator, who is in it): the header\'s few people and the count; page the rest with `GET /v1/conversations/:id/members`.',
);
export const ConversationJoinedEvent = durable(
  'conversation.joined',
  Type.Object({ conversation: Conversation }),
  'You gained access to a conversation (created it, were added, started a 1:1, accepted a request).',
);
export const ConversationLeftEvent = durable(
  'conversation.left',
  Type.Object({
    conversationId: Id,
    /** A room's backstage you stepped off the stage of: keep what you have, read-only (`GET /v1/rooms/{id}/backstage`); nothing new arrives. */
    readOnly: Type.Optional(Type.Literal(true)),
  }),
  'You lost access (left, were removed, deleted a request). Drop it locally — unless `readOnly`: a backstage you keep reading, with nothing new.',
);
export const SettingsUpdatedEvent = durable(
  'conversation.settings_updated',
  Type.Object({ conversationId: Id, muted: Type.Boolean(), pinned: Type.Boolean(), archived: Type.Boolean() }),
  'Your own settings for a conversation changed (from any of your devices).',
);
export const ReadUpdatedEvent = durable(
  'read.updated',
  Type.Object({ conversationId: Id, userId: Id, seq: Seq }),
  'A member\'s read position moved: a receipt for the others, badge sync for the reader\'s devices.',
);
export const RequestAcceptedEvent = durable(
  'request.accepted',
  Type.Object({ conversationId: Id, userId: Id }),
  'To a request\'s sender: the recipient (`userId`) accepted it. Never sent for delete or block: those are silent.',
);
export const MessageRemovedEvent = durable(
  'message.removed',
  Type.Object({ conversationId: Id, messageId: Id, seq: Seq, message: Message }),
  'An operator removed a message: replace it with `message`, a tombstone (its `text` is the tombstone text).',
);
export const MessageUpdatedEvent = durable(
  'message.updated',
  Type.Object({ conversationId: Id, messageId: Id, seq: Seq, fields: MessageFields }),
  'A message changed: set each field of `fields` on the message you hold (an edit: `text`, `entities`, `editedAt`; an unsend or a moderator\'s removal: `tombstone` with empty `text`, `entities` and `reactions`; link previews arrived or the sender removed them: `previews`, empty for none). Ignore it for a message you do not hold.',
);
export const MessageReactionEvent = durable(
  'message.reaction',
  Type.Object({ conversationId: Id, messageId: Id, seq: Seq, userId: Id, emoji: Type.String(), reacted: Type.Boolean() }),
  'Someone (`userId`) added (`reacted: true`) or took back an emoji on a message: add or remove `userId` in that emoji\'s `userIds` (idempotent).',
);
export const MessageHiddenEvent = durable(
  'message.hidden',
  Type.Object({ conversationId: Id, messageId: Id, seq: Seq }),
  'You deleted a message for yourself (from any of your devices): drop it locally. Nobody else is told.',
);

export const TypingEvent = Type.Object(
  { type: Type.Literal('typing'), data: Type.Object({ conversationId: Id, userId: Id }) },
  { description: 'Someone is typing. Ephemeral: no `pos`, never replayed.' },
);

export const DurableEvent = Type.Union([
  MessageCreatedEvent,
  ConversationUpdatedEvent,
  ConversationJoinedEvent,
  ConversationLeftEvent,
  SettingsUpdatedEvent,
  ReadUpdatedEvent,
  RequestAcceptedEvent,
  MessageRemovedEvent,
  MessageUpdatedEvent,
  MessageReactionEvent,
  MessageHiddenEvent,
]);
export type DurableEvent = Static<typeof DurableEvent>;
export type DurableEventType = DurableEvent['type'];
export type EventOf<T extends DurableEventType> = Extract<DurableEvent, { type: T }>;
export type TypingEvent = Static<typeof TypingEvent>;
export type ServerEvent = DurableEvent | TypingEvent;
