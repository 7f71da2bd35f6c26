/**
 * What people do with a message once it is sent: reply, react, edit, unsend, delete for me, keep
 * for reporting (docs/subsystems/messages.md). The routes live under
 * `/v1/conversations/{id}/messages/{messageId}`; the changes reach the members as `message.updated`,
 * `message.reaction` and `message.hidden` events (events.ts).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Message, Reaction, Timestamp } from './entities.js';
import { LIMITS } from './limits.js';

const strict = { additionalProperties: false } as const;

/**
 * The fields a `message.updated` event may carry: any of the message's own fields except its
 * identity. Generic on purpose, so that every later change of a message (a link preview, media
 * processing) is one more field here, not one more event type.
 */
export const MessageFields = Type.Partial(Type.Omit(Message, ['id', 'conversationId', 'seq', 'senderId', 'clientMessageId', 'kind', 'system', 'createdAt']));
export type MessageFields = Static<typeof MessageFields>;

export const MessageParams = Type.Object({ id: Id, messageId: Id }, strict);
export type MessageParams = Static<typeof MessageParams>;

export const EditMessageBody = Type.Object({ text: Type.String({ maxLength: LIMITS.messageBytes }) }, strict);
export type EditMessageBody = Static<typeof EditMessageBody>;

/** Sets whether I reacted with `emoji` (one emoji); the same body twice changes nothing. */
export const ReactBody = Type.Object({ emoji: Type.String({ minLength: 1, maxLength: 64 }), reacted: Type.Boolean() }, strict);
export type ReactBody = Static<typeof ReactBody>;
export const ReactionsResponse = Type.Object({ reactions: Type.Array(Reaction) });
export type ReactionsResponse = Static<typeof ReactionsResponse>;

/** "Keep for reporting": a copy only operators handling a report of mine will see, until `keptUntil`. */
export const KeepResponse = Type.Object({ keptUntil: Timestamp });
export type KeepResponse = Static<typeof KeepResponse>;
