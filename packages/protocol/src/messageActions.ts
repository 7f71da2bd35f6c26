/**
 * What changes a message after it is sent, on the wire: the fields a `message.updated` event
 * carries (events.ts) and the route parameters of a message (`/v1/conversations/{id}/messages/{messageId}`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Message } from './entities.js';

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
