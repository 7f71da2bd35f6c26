/** The audio integration storage area on SQLite (storage/ports/audio.ts). */
import type Database from 'better-sqlite3';
import type { AudioParticipantRow, AudioRepo } from '../ports/audio.js';
import { toAudioParticipant } from '../rows/audio.js';
import type { Row } from '../rows/row.js';

export class SqliteAudio implements AudioRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      claim: p('INSERT INTO audio_events (event_id, type, received_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING'),
      purge: p('DELETE FROM audio_events WHERE event_id IN (SELECT event_id FROM audio_events WHERE received_at < ? ORDER BY received_at LIMIT ?)'),
      roomFor: p('SELECT room_id FROM audio_rooms WHERE external_id = ?'),
      link: p('INSERT INTO audio_rooms (external_id, room_id, created_at) VALUES (?, ?, ?) ON CONFLICT (external_id) DO NOTHING'),
      participant: p('SELECT * FROM audio_participants WHERE room_id = ? AND user_id = ?'),
      put: p(
        `INSERT INTO audio_participants (room_id, user_id, last_at, speaking) VALUES (@roomId, @userId, @lastAt, @speaking)
         ON CONFLICT (room_id, user_id) DO UPDATE SET last_at = excluded.last_at, speaking = excluded.speaking`,
      ),
      speaking: p('SELECT user_id FROM audio_participants WHERE room_id = ? AND speaking = 1 ORDER BY user_id'),
      clear: p('UPDATE audio_participants SET speaking = 0 WHERE room_id = ? AND speaking = 1'),
    };
  }

  async claimEvent(eventId: string, type: string, at: number): Promise<boolean> {
    return this.s.claim.run(eventId, type, at).changes === 1;
  }
  async purgeEvents(before: number, limit: number): Promise<number> {
    return this.s.purge.run(before, limit).changes;
  }
  async roomFor(externalId: string): Promise<string | null> {
    const r = this.s.roomFor.get(externalId) as Row | undefined;
    return r ? (r.room_id as string) : null;
  }
  async linkRoom(externalId: string, roomId: string, at: number): Promise<boolean> {
    return this.s.link.run(externalId, roomId, at).changes === 1;
  }
  async participant(roomId: string, userId: string): Promise<AudioParticipantRow | null> {
    const r = this.s.participant.get(roomId, userId) as Row | undefined;
    return r ? toAudioParticipant(r) : null;
  }
  async putParticipant(row: AudioParticipantRow): Promise<void> {
    this.s.put.run({ ...row, speaking: row.speaking ? 1 : 0 });
  }
  async speakingIn(roomId: string): Promise<string[]> {
    return (this.s.speaking.all(roomId) as Row[]).map((r) => r.user_id as string);
  }
  async clearSpeaking(roomId: string): Promise<void> {
    this.s.clear.run(roomId);
  }
}
