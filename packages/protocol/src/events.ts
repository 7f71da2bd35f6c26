/**
 * Events a user's devices receive over the socket. Durable events carry `pos`, an opaque token of
 * their position in the user's stream (the same token for every delivery of that event); a device
 * deduplicates by it and resumes from the last `pos` it processed. Ephemeral events (typing) carry
 * no `pos` and are never replayed. See docs/subsystems/delivery.md.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Conversation, Cursor, Id, Message, Seq, UserSummary } from './entities.js';

const durable = <T extends string, P extends ReturnType<typeof Type.Object>>(type: T, data: P) =>
  Type.Object({ type: Type.Literal(type), pos: Cursor, data });

export const MessageCreatedEvent = durable('message.created', Type.Object({ message: Message }));
/** Shared facts of a conversation changed (title, members, moderator). */
export const ConversationUpdatedEvent = durable(
  'conversation.updated',
  Type.Object({ conversationId: Id, title: Type.Union([Type.String(), Type.Null()]), moderatorId: Type.Union([Id, Type.Null()]), members: Type.Array(UserSummary) }),
);
/** The user gained access to a conversation (created it, was added, started a DM, accepted a request). */
export const ConversationJoinedEvent = durable('conversation.joined', Type.Object({ conversation: Conversation }));
/** The user lost access (left, was removed, deleted a request). Drop it locally. */
export const ConversationLeftEvent = durable('conversation.left', Type.Object({ conversationId: Id }));
/** The user's own per-conversation settings changed (from any of their devices). */
export const SettingsUpdatedEvent = durable(
  'conversation.settings_updated',
  Type.Object({ conversationId: Id, muted: Type.Boolean(), pinned: Type.Boolean(), archived: Type.Boolean() }),
);
/** A member's read position moved (a receipt for others; badge sync for the reader's devices). */
export const ReadUpdatedEvent = durable('read.updated', Type.Object({ conversationId: Id, userId: Id, seq: Seq }));

/** Sent to a request's sender when the recipient accepts it (never for delete or block: those are silent). */
export const RequestAcceptedEvent = durable('request.accepted', Type.Object({ conversationId: Id, userId: Id }));
/** An operator removed a message: replace it with a tombstone (its `text` is now the tombstone text). */
export const MessageRemovedEvent = durable('message.removed', Type.Object({ conversationId: Id, messageId: Id, seq: Seq, message: Message }));

export const TypingEvent = Type.Object({ type: Type.Literal('typing'), data: Type.Object({ conversationId: Id, userId: Id }) });

export const DurableEvent = Type.Union([
  MessageCreatedEvent,
  ConversationUpdatedEvent,
  ConversationJoinedEvent,
  ConversationLeftEvent,
  SettingsUpdatedEvent,
  ReadUpdatedEvent,
  RequestAcceptedEvent,
  MessageRemovedEvent,
]);
export type DurableEvent = Static<typeof DurableEvent>;
export type DurableEventType = DurableEvent['type'];
export type EventOf<T extends DurableEventType> = Extract<DurableEvent, { type: T }>;
export type TypingEvent = Static<typeof TypingEvent>;
export type ServerEvent = DurableEvent | TypingEvent;
