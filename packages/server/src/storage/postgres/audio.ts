/**
 * The audio integration storage area on PostgreSQL (storage/ports/audio.ts). `ON CONFLICT DO
 * NOTHING` on the claim waits for a concurrent claimer's COMMIT, so of two nodes handed the same
 * event id at once exactly one applies it.
 */
import type { AudioParticipantRow, AudioRepo } from '../ports/audio.js';
import { toAudioParticipant } from '../rows/audio.js';
import type { PgHandle } from './handle.js';

export class PgAudio implements AudioRepo {
  constructor(private readonly h: PgHandle) {}

  async claimEvent(eventId: string, type: string, at: number): Promise<boolean> {
    const r = await this.h.q('INSERT INTO audio_events (event_id, type, received_at) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING RETURNING event_id', [eventId, type, at]);
    return r.length === 1;
  }
  async purgeEvents(before: number, limit: number): Promise<number> {
    const r = await this.h.q('DELETE FROM audio_events WHERE event_id IN (SELECT event_id FROM audio_events WHERE received_at < $1 ORDER BY received_at LIMIT $2) RETURNING 1', [before, limit]);
    return r.length;
  }
  async roomFor(externalId: string): Promise<string | null> {
    const r = await this.h.one('SELECT room_id FROM audio_rooms WHERE external_id = $1', [externalId]);
    return r ? (r.room_id as string) : null;
  }
  async linkRoom(externalId: string, roomId: string, at: number): Promise<boolean> {
    const r = await this.h.q('INSERT INTO audio_rooms (external_id, room_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (external_id) DO NOTHING RETURNING room_id', [externalId, roomId, at]);
    return r.length === 1;
  }
  async participant(roomId: string, userId: string): Promise<AudioParticipantRow | null> {
    const r = await this.h.one('SELECT * FROM audio_participants WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
    return r ? toAudioParticipant(r) : null;
  }
  async putParticipant(row: AudioParticipantRow): Promise<void> {
    await this.h.q(
      `INSERT INTO audio_participants (room_id, user_id, last_at, speaking) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id, user_id) DO UPDATE SET last_at = EXCLUDED.last_at, speaking = EXCLUDED.speaking`,
      [row.roomId, row.userId, row.lastAt, row.speaking],
    );
  }
  async speakingIn(roomId: string): Promise<string[]> {
    return (await this.h.q('SELECT user_id FROM audio_participants WHERE room_id = $1 AND speaking ORDER BY user_id', [roomId])).map((r) => r.user_id as string);
  }
  async clearSpeaking(roomId: string): Promise<void> {
    await this.h.q('UPDATE audio_participants SET speaking = false WHERE room_id = $1 AND speaking', [roomId]);
  }
}
