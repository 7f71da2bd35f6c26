/** The backstage and room-visits storage areas on PostgreSQL (storage/ports/backstage.ts, roomVisits.ts). */
import type { BackstageRepo } from '../ports/backstage.js';
import type { RoomVisitsRepo } from '../ports/roomVisits.js';
import { OPEN_END, toRequestRoom, toRoomVisit, toSharedRoom, type RequestRoomRow } from '../rows/backstage.js';
import type { PgHandle } from './handle.js';

export class PgBackstage implements BackstageRepo {
  constructor(private readonly h: PgHandle) {}

  async link(roomId: string, conversationId: string) {
    await this.h.q('INSERT INTO backstage_channels (room_id, conversation_id) VALUES ($1, $2)', [roomId, conversationId]);
  }
  async conversationOf(roomId: string) {
    const r = await this.h.one('SELECT conversation_id FROM backstage_channels WHERE room_id = $1', [roomId]);
    return r ? (r.conversation_id as string) : null;
  }
  async roomOf(conversationId: string) {
    const r = await this.h.one('SELECT room_id FROM backstage_channels WHERE conversation_id = $1', [conversationId]);
    return r ? (r.room_id as string) : null;
  }
  async putViewer(conversationId: string, userId: string, uptoSeq: number) {
    await this.h.q(
      `INSERT INTO backstage_viewers (conversation_id, user_id, upto_seq) VALUES ($1, $2, $3)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET upto_seq = EXCLUDED.upto_seq`,
      [conversationId, userId, uptoSeq],
    );
  }
  async viewer(conversationId: string, userId: string) {
    const r = await this.h.one('SELECT upto_seq FROM backstage_viewers WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
    return r ? Number(r.upto_seq) : null;
  }
  async removeViewer(conversationId: string, userId: string) {
    await this.h.q('DELETE FROM backstage_viewers WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
  }
}

const end = (t: string) => `(CASE WHEN ${t}.here THEN ${OPEN_END}::bigint ELSE ${t}.last_at END)`;

export class PgRoomVisits implements RoomVisitsRepo {
  constructor(private readonly h: PgHandle) {}

  async arrive(roomId: string, userId: string, at: number, onStage: boolean) {
    await this.h.q(
      `INSERT INTO room_visits (user_id, room_id, first_at, last_at, here, on_stage) VALUES ($1, $2, $3, $3, true, $4)
       ON CONFLICT (user_id, room_id) DO UPDATE SET last_at = EXCLUDED.last_at, here = true, on_stage = room_visits.on_stage OR EXCLUDED.on_stage`,
      [userId, roomId, at, onStage],
    );
  }
  async depart(roomId: string, userId: string, at: number) {
    await this.h.q('UPDATE room_visits SET last_at = $1, here = false WHERE user_id = $2 AND room_id = $3 AND here', [at, userId, roomId]);
  }
  async departAll(roomId: string, at: number) {
    await this.h.q('UPDATE room_visits SET last_at = $1, here = false WHERE room_id = $2 AND here', [at, roomId]);
  }
  async get(roomId: string, userId: string) {
    const r = await this.h.one('SELECT * FROM room_visits WHERE user_id = $1 AND room_id = $2', [userId, roomId]);
    return r ? toRoomVisit(r) : null;
  }
  async shared(userA: string, userB: string, since: number, limit: number) {
    const rows = await this.h.q(
      `SELECT a.room_id, GREATEST(a.first_at, b.first_at) AS at, a.on_stage AS a_stage, b.on_stage AS b_stage
       FROM room_visits a JOIN room_visits b ON b.user_id = $2 AND b.room_id = a.room_id
       WHERE a.user_id = $1 AND GREATEST(a.first_at, b.first_at) <= LEAST(${end('a')}, ${end('b')}) AND LEAST(${end('a')}, ${end('b')}) >= $3
       ORDER BY at DESC, a.room_id LIMIT $4`,
      [userA, userB, since, limit],
    );
    return rows.map(toSharedRoom);
  }
  async prune(before: number, limit: number) {
    const rows = await this.h.q(
      `DELETE FROM room_visits WHERE (user_id, room_id) IN (SELECT user_id, room_id FROM room_visits WHERE NOT here AND last_at < $1 ORDER BY last_at LIMIT $2) RETURNING 1`,
      [before, limit],
    );
    return rows.length;
  }
  async current(userId: string, limit: number) {
    return (await this.h.q('SELECT * FROM room_visits WHERE user_id = $1 AND here ORDER BY last_at DESC, room_id LIMIT $2', [userId, limit])).map(toRoomVisit);
  }
  async hidesPresence(userId: string) {
    return (await this.h.one('SELECT 1 AS x FROM presence_hidden WHERE user_id = $1', [userId])) !== null;
  }
  async setHidesPresence(userId: string, hidden: boolean) {
    if (hidden) await this.h.q('INSERT INTO presence_hidden (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
    else await this.h.q('DELETE FROM presence_hidden WHERE user_id = $1', [userId]);
  }
  async putRequestRoom(r: RequestRoomRow) {
    await this.h.q(
      `INSERT INTO request_rooms (conversation_id, recipient_id, room_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET room_id = EXCLUDED.room_id, created_at = EXCLUDED.created_at`,
      [r.conversationId, r.recipientId, r.roomId, r.createdAt],
    );
  }
  async requestRoom(conversationId: string, recipientId: string) {
    const r = await this.h.one('SELECT * FROM request_rooms WHERE conversation_id = $1 AND recipient_id = $2', [conversationId, recipientId]);
    return r ? toRequestRoom(r) : null;
  }
  async pruneRequestRooms(before: number, limit: number) {
    const rows = await this.h.q(
      `DELETE FROM request_rooms WHERE (conversation_id, recipient_id) IN (SELECT conversation_id, recipient_id FROM request_rooms WHERE created_at < $1 ORDER BY created_at LIMIT $2) RETURNING 1`,
      [before, limit],
    );
    return rows.length;
  }
}
