/**
 * The event type names as runtime lists, for clients that dispatch on them. Plain constants: this
 * file imports the schema modules for their types only, so it costs a client no TypeBox at runtime
 * (docs/adr/0004-one-wire-definition.md).
 */
import type { DurableEventType } from './events.js';
import type { RoomEventType } from './rooms.js';

/** Every event type a client must handle; `satisfies` rejects a name that is not one, `Complete` a missing one. */
export const DURABLE_EVENT_TYPES = [
  'message.created',
  'conversation.updated',
  'conversation.joined',
  'conversation.left',
  'conversation.settings_updated',
  'read.updated',
  'request.accepted',
  'message.removed',
  'message.updated',
  'message.reaction',
  'message.hidden',
] as const satisfies readonly DurableEventType[];

export const ROOM_EVENT_TYPES = [
  'room.updated',
  'room.stage_changed',
  'room.hand_changed',
  'room.message_created',
  'room.message_deleted',
  'room.mute_changed',
  'room.removed',
  'room.ended',
  'room.qa_updated',
  'room.question',
  'room.question_hidden',
] as const satisfies readonly RoomEventType[];

/** Fails to compile when a list misses a member of its union (the lists are what clients dispatch on). */
type Complete<Missing extends never> = Missing;
export type DurableEventTypesComplete = Complete<Exclude<DurableEventType, (typeof DURABLE_EVENT_TYPES)[number]>>;
export type RoomEventTypesComplete = Complete<Exclude<RoomEventType, (typeof ROOM_EVENT_TYPES)[number]>>;
