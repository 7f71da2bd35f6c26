/**
 * The audio integration storage area (`tx.audio`): what the webhooks of an external audio service
 * need beyond the room model (docs/api/audio-webhooks.md, ADR 0009).
 *
 * - processed event ids, so a retried or replayed webhook is applied once (on every node: the
 *   claim is a unique key written in the same transaction as the event's effect, so an effect
 *   that rolls back leaves no claim and the retry applies it);
 * - the audio service's room id → our room id;
 * - per person per room, the time of the newest applied event (out-of-order events are stale) and
 *   whether they are speaking.
 */
import type { AudioParticipantRow } from '../rows/audio.js';

export type { AudioParticipantRow } from '../rows/audio.js';

export interface AudioRepo {
  /**
   * Records the event id as processed (inside a write). True when it was new; false when it was
   * already recorded (by this or another node: a concurrent claim waits for the other's COMMIT).
   */
  claimEvent(eventId: string, type: string, at: number): Promise<boolean>;
  /** Forgets processed ids received before `before` (the dedupe window); returns how many went. */
  purgeEvents(before: number, limit: number): Promise<number>;

  /** Our room for the audio service's room id, or null. */
  roomFor(externalId: string): Promise<string | null>;
  /** Links the audio service's room id to our room; false (and no change) if it is linked already. */
  linkRoom(externalId: string, roomId: string, at: number): Promise<boolean>;

  participant(roomId: string, userId: string): Promise<AudioParticipantRow | null>;
  /** Inserts or replaces the person's row. */
  putParticipant(row: AudioParticipantRow): Promise<void>;
  /** Who is speaking in the room, by user id (ascending). */
  speakingIn(roomId: string): Promise<string[]>;
  /** Nobody is speaking in the room any more (it ended). */
  clearSpeaking(roomId: string): Promise<void>;
}
