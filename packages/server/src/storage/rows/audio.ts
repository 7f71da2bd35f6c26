/** Row types of the audio integration storage area (storage/ports/audio.ts), once for both backends. */
import type { Row } from './row.js';

/** What we last applied about one person in one room, from the audio service's events. */
export interface AudioParticipantRow {
  roomId: string;
  userId: string;
  /** `occurredAt` of the newest applied event about this person in this room (Unix ms). */
  lastAt: number;
  speaking: boolean;
}

export function toAudioParticipant(r: Row): AudioParticipantRow {
  return { roomId: r.room_id as string, userId: r.user_id as string, lastAt: Number(r.last_at), speaking: r.speaking === true || r.speaking === 1 };
}
