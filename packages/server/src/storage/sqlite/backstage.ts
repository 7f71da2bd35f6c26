/** The backstage and room-visits storage areas on SQLite (storage/ports/backstage.ts, roomVisits.ts). */
import type Database from 'better-sqlite3';
import type { BackstageRepo } from '../ports/backstage.js';
import type { RoomVisitsRepo } from '../ports/roomVisits.js';
import { OPEN_END, toRequestRoom, toRoomVisit, toSharedRoom, type RequestRoomRow } from '../rows/backstage.js';
import type { Row } from '../rows/row.js';

export class SqliteBackstage implements BackstageRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      link: p('INSERT INTO backstage_channels (room_id, conversation_id) VALUES (?, ?)'),
      ofRoom: p('SELECT conversation_id FROM backstage_channels WHERE room_id = ?'),
      ofConversation: p('SELECT room_id FROM backstage_channels WHERE conversation_id = ?'),
      putViewer: p(`INSERT INTO backstage_viewers (conversation_id, user_id, upto_seq) VALUES (?, ?, ?)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET upto_seq = excluded.upto_seq`),
      viewer: p('SELECT upto_seq FROM backstage_viewers WHERE conversation_id = ? AND user_id = ?'),
      removeViewer: p('DELETE FROM backstage_viewers WHERE conversation_id = ? AND user_id = ?'),
    };
  }

  async link(roomId: string, conversationId: string) {
    this.s.link.run(roomId, conversationId);
  }
  async conversationOf(roomId: string) {
    const r = this.s.ofRoom.get(roomId) as Row | undefined;
    return r ? (r.conversation_id as string) : null;
  }
  async roomOf(conversationId: string) {
    const r = this.s.ofConversation.get(conversationId) as Row | undefined;
    return r ? (r.room_id as string) : null;
  }
  async putViewer(conversationId: string, userId: string, uptoSeq: number) {
    this.s.putViewer.run(conversationId, userId, uptoSeq);
  }
  async viewer(conversationId: string, userId: string) {
    const r = this.s.viewer.get(conversationId, userId) as Row | undefined;
    return r ? (r.upto_seq as number) : null;
  }
  async removeViewer(conversationId: string, userId: string) {
    this.s.removeViewer.run(conversationId, userId);
  }
}

export class SqliteRoomVisits implements RoomVisitsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    const end = (t: string) => `(CASE WHEN ${t}.here = 1 THEN ${OPEN_END} ELSE ${t}.last_at END)`;
    this.s = {
      arrive: p(`INSERT INTO room_visits (user_id, room_id, first_at, last_at, here, on_stage) VALUES (@userId, @roomId, @at, @at, 1, @onStage)
        ON CONFLICT (user_id, room_id) DO UPDATE SET last_at = excluded.last_at, here = 1, on_stage = MAX(room_visits.on_stage, excluded.on_stage)`),
      depart: p('UPDATE room_visits SET last_at = ?, here = 0 WHERE user_id = ? AND room_id = ? AND here = 1'),
      departAll: p('UPDATE room_visits SET last_at = ?, here = 0 WHERE room_id = ? AND here = 1'),
      get: p('SELECT * FROM room_visits WHERE user_id = ? AND room_id = ?'),
      shared: p(`SELECT a.room_id, MAX(a.first_at, b.first_at) AS at, a.on_stage AS a_stage, b.on_stage AS b_stage
        FROM room_visits a JOIN room_visits b ON b.user_id = @b AND b.room_id = a.room_id
        WHERE a.user_id = @a AND MAX(a.first_at, b.first_at) <= MIN(${end('a')}, ${end('b')}) AND MIN(${end('a')}, ${end('b')}) >= @since
        ORDER BY at DESC, a.room_id LIMIT @limit`),
      prune: p('DELETE FROM room_visits WHERE rowid IN (SELECT rowid FROM room_visits WHERE here = 0 AND last_at < ? ORDER BY last_at LIMIT ?)'),
      current: p('SELECT * FROM room_visits WHERE user_id = ? AND here = 1 ORDER BY last_at DESC, room_id LIMIT ?'),
      hides: p('SELECT 1 AS x FROM presence_hidden WHERE user_id = ?'),
      hide: p('INSERT INTO presence_hidden (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING'),
      show: p('DELETE FROM presence_hidden WHERE user_id = ?'),
      putRequestRoom: p(`INSERT INTO request_rooms (conversation_id, recipient_id, room_id, created_at) VALUES (@conversationId, @recipientId, @roomId, @createdAt)
        ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET room_id = excluded.room_id, created_at = excluded.created_at`),
      requestRoom: p('SELECT * FROM request_rooms WHERE conversation_id = ? AND recipient_id = ?'),
      pruneRequestRooms: p('DELETE FROM request_rooms WHERE rowid IN (SELECT rowid FROM request_rooms WHERE created_at < ? ORDER BY created_at LIMIT ?)'),
    };
  }

  async arrive(roomId: string, userId: string, at: number, onStage: boolean) {
    this.s.arrive.run({ roomId, userId, at, onStage: onStage ? 1 : 0 });
  }
  async depart(roomId: string, userId: string, at: number) {
    this.s.depart.run(at, userId, roomId);
  }
  async departAll(roomId: string, at: number) {
    this.s.departAll.run(at, roomId);
  }
  async get(roomId: string, userId: string) {
    const r = this.s.get.get(userId, roomId) as Row | undefined;
    return r ? toRoomVisit(r) : null;
  }
  async shared(userA: string, userB: string, since: number, limit: number) {
    return (this.s.shared.all({ a: userA, b: userB, since, limit }) as Row[]).map(toSharedRoom);
  }
  async prune(before: number, limit: number) {
    return this.s.prune.run(before, limit).changes;
  }
  async current(userId: string, limit: number) {
    return (this.s.current.all(userId, limit) as Row[]).map(toRoomVisit);
  }
  async hidesPresence(userId: string) {
    return this.s.hides.get(userId) !== undefined;
  }
  async setHidesPresence(userId: string, hidden: boolean) {
    (hidden ? this.s.hide : this.s.show).run(userId);
  }
  async putRequestRoom(row: RequestRoomRow) {
    this.s.putRequestRoom.run(row);
  }
  async requestRoom(conversationId: string, recipientId: string) {
    const r = this.s.requestRoom.get(conversationId, recipientId) as Row | undefined;
    return r ? toRequestRoom(r) : null;
  }
  async pruneRequestRooms(before: number, limit: number) {
    return this.s.pruneRequestRooms.run(before, limit).changes;
  }
}
