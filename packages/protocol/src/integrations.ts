/**
 * Server-to-server: the events an external audio service reports about its rooms
 * (`POST /v1/integrations/audio/events`, signed with a shared secret). The reference — headers,
 * signing recipe, retries, ordering — is docs/api/audio-webhooks.md; the design is ADR 0009.
 *
 * Each event names the audio service's room by its own id (`data.roomId`) and people by their
 * Backchannel user id. Strict like every other body: unknown fields are refused.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './entities.js';
import { ROOM_LIMITS } from './limits.js';
import { RoomRole } from './rooms.js';

const strict = { additionalProperties: false } as const;

/** The audio service's id of a room or of an event (opaque to us). */
export const ExternalId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });

/** Every event type we accept, in one list (an unknown type answers `unknown_event_type`). */
export const AUDIO_EVENT_TYPES = ['room.started', 'room.ended', 'participant.joined', 'participant.left', 'role.changed', 'speaking.changed'] as const;
export type AudioEventType = (typeof AUDIO_EVENT_TYPES)[number];

const audioEvent = <T extends AudioEventType, P extends ReturnType<typeof Type.Object>>(type: T, data: P, description: string) =>
  Type.Object(
    {
      /** Unique per event at the audio service; a retry carries the same id (processed once). */
      id: ExternalId,
      type: Type.Literal(type),
      /** When it happened at the audio service, in Unix milliseconds (orders a person's events). */
      occurredAt: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
      data,
    },
    { ...strict, description },
  );

export const AudioRoomStarted = audioEvent(
  'room.started',
  Type.Object(
    {
      roomId: ExternalId,
      title: Type.String({ minLength: 1, maxLength: ROOM_LIMITS.titleMax }),
      description: Type.Optional(Type.String({ maxLength: ROOM_LIMITS.descriptionMax })),
      visibility: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('social')], { description: 'default open; closed rooms are not reported by the audio service' })),
      /** The host, on the stage from the start. */
      hostId: Id,
    },
    strict,
  ),
  'A room started: it becomes a live Backchannel room with its host on the stage.',
);
export const AudioRoomEnded = audioEvent('room.ended', Type.Object({ roomId: ExternalId }, strict), 'The room ended: `room.ended` for everyone, its chat becomes read-only. Final: later events for the room are ignored.');
export const AudioParticipantJoined = audioEvent(
  'participant.joined',
  Type.Object({ roomId: ExternalId, userId: Id, role: RoomRole }, strict),
  'Someone joined the room in a role (host, moderator, speaker, listener).',
);
export const AudioParticipantLeft = audioEvent('participant.left', Type.Object({ roomId: ExternalId, userId: Id }, strict), 'Someone left the room.');
export const AudioRoleChanged = audioEvent(
  'role.changed',
  Type.Object({ roomId: ExternalId, userId: Id, role: RoomRole }, strict),
  'Someone in the room has a new role (a new host replaces the old one, who becomes a moderator).',
);
export const AudioSpeakingChanged = audioEvent(
  'speaking.changed',
  Type.Object({ roomId: ExternalId, userId: Id, speaking: Type.Boolean() }, strict),
  'Someone on the stage started or stopped speaking (shown live; coalesced into `room.counts.speakingIds`).',
);

export const AudioEvent = Type.Union([AudioRoomStarted, AudioRoomEnded, AudioParticipantJoined, AudioParticipantLeft, AudioRoleChanged, AudioSpeakingChanged], {
  description: 'One event from the audio service (see docs/api/audio-webhooks.md).',
});
export type AudioEvent = Static<typeof AudioEvent>;

/** The one signature header: `t=<Unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (several `v1` allowed). */
export const AUDIO_SIGNATURE_HEADER = 'backchannel-signature';
export const AudioEventHeaders = Type.Object({
  [AUDIO_SIGNATURE_HEADER]: Type.String({ maxLength: 1024, description: '`t=<Unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`; one `v1` per secret during a rotation.' }),
});

export const AudioEventResult = Type.Object({
  eventId: ExternalId,
  /**
   * applied: the room changed (or was already as reported); duplicate: this event id was processed
   * before (nothing changed); stale: an older event about this person than one already applied, or
   * about a room that has ended (recorded, nothing changed); ignored: valid, but it changes nothing
   * here (the person was removed from the room by its staff, or is not in the room to speak).
   */
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('duplicate'), Type.Literal('stale'), Type.Literal('ignored')]),
  /** The Backchannel room (null for a duplicate). */
  roomId: Type.Union([Id, Type.Null()]),
});
export type AudioEventResult = Static<typeof AudioEventResult>;
export type AudioEventOutcome = AudioEventResult['outcome'];
