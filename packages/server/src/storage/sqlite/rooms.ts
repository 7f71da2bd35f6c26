/** The rooms storage area on SQLite (storage/ports/rooms.ts). */
import type Database from 'better-sqlite3';
import type { HallwayRow, ParticipantPatch, ParticipantRow, RoomEventRow, RoomMessageRow, RoomPatch, RoomRow, RoomsRepo } from '../ports/rooms.js';
import { UniqueViolation } from '../errors.js';
import { translateUnique } from './errors.js';
import type { Row } from '../rows/row.js';
import { PARTICIPANT_COLUMNS, ROOM_COLUMNS, toParticipant, toRoom, toRoomEvent, toRoomMessage } from '../rows/rooms.js';

const bit = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** Who may see a live room in the hallway (`@me` is the viewer); the same rule as domain/rooms/access.ts. */
const HALLWAY_WHERE = `r.status = 'live'
    AND (r.owner_id = @me OR r.visibility = 'open'
      OR (r.visibility = 'social' AND EXISTS (SELECT 1 FROM follows f2 WHERE f2.follower_id = r.owner_id AND f2.followee_id = @me))
      OR (r.visibility = 'closed' AND EXISTS (SELECT 1 FROM room_invites i WHERE i.room_id = r.id AND i.user_id = @me)))
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = r.owner_id AND b.blocked_id = @me)
    AND NOT EXISTS (SELECT 1 FROM room_participants x WHERE x.room_id = r.id AND x.user_id = @me AND x.removed = 1)`;

export class SqliteRooms implements RoomsRepo {
  private readonly s;
  private readonly dynamic = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertRoom: p(`INSERT INTO rooms (id, title, description, visibility, status, owner_id, host_id, created_at, ended_at, last_seq, chat_enabled, chat_mode, slow_seconds, speaker_count, listener_count, staff_absent_since)
        VALUES (@id, @title, @description, @visibility, @status, @ownerId, @hostId, @createdAt, @endedAt, @lastSeq, @chatEnabled, @chatMode, @slowSeconds, @speakerCount, @listenerCount, @staffAbsentSince)`),
      invite: p('INSERT OR IGNORE INTO room_invites (room_id, user_id) VALUES (?, ?)'),
      roomById: p('SELECT * FROM rooms WHERE id = ?'),
      isInvited: p('SELECT 1 FROM room_invites WHERE room_id = ? AND user_id = ?'),
      participant: p('SELECT * FROM room_participants WHERE room_id = ? AND user_id = ?'),
      putParticipant: p(`INSERT OR REPLACE INTO room_participants (room_id, user_id, role, present, hand_raised, invited_to_speak, invited_by, muted_until, removed, joined_at, last_seen_at, last_chat_at)
        VALUES (@roomId, @userId, @role, @present, @handRaised, @invitedToSpeak, @invitedBy, @mutedUntil, @removed, @joinedAt, @lastSeenAt, @lastChatAt)`),
      hands: p(`SELECT * FROM room_participants WHERE room_id = ? AND present = 1 AND (hand_raised = 1 OR invited_to_speak = 1) ORDER BY joined_at, user_id LIMIT ?`),
      touch: p('UPDATE room_participants SET last_seen_at = ? WHERE room_id = ? AND user_id = ? AND present = 1'),
      stale: p(`SELECT p.room_id, p.user_id FROM room_participants p JOIN rooms r ON r.id = p.room_id
        WHERE p.present = 1 AND p.last_seen_at < ? AND r.status = 'live' ORDER BY p.last_seen_at LIMIT ?`),
      staffless: p(`SELECT id FROM rooms WHERE status = 'live' AND staff_absent_since IS NOT NULL AND staff_absent_since <= ? ORDER BY staff_absent_since LIMIT ?`),
      nextSeq: p('UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq'),
      insertEvent: p('INSERT INTO room_events (room_id, seq, type, data, to_user, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      eventsAfter: p('SELECT * FROM room_events WHERE room_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?'),
      insertMessage: p(`INSERT INTO room_messages (id, room_id, seq, sender_id, client_message_id, text, entities, created_at, deleted)
        VALUES (@id, @roomId, @seq, @senderId, @clientMessageId, @text, @entities, @createdAt, @deleted)`),
      messageByClientId: p('SELECT * FROM room_messages WHERE room_id = ? AND sender_id = ? AND client_message_id = ?'),
      messageById: p('SELECT * FROM room_messages WHERE room_id = ? AND id = ?'),
      deleteMessage: p(`UPDATE room_messages SET deleted = ?, text = '', entities = '[]' WHERE room_id = ? AND id = ? AND deleted IS NULL`),
      messagesAfter: p('SELECT * FROM room_messages WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
      messagesBefore: p('SELECT * FROM (SELECT * FROM room_messages WHERE room_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq'),
      purge: p(`DELETE FROM room_messages WHERE rowid IN (SELECT m.rowid FROM room_messages m JOIN rooms r ON r.id = m.room_id
        WHERE r.status = 'ended' AND r.ended_at < ? LIMIT ?)`),
      hallway: p(`WITH mine AS (
          SELECT p.room_id, count(*) AS followed, sum(CASE WHEN p.role <> 'listener' THEN 1 ELSE 0 END) AS on_stage
          FROM follows f JOIN room_participants p ON p.user_id = f.followee_id AND p.present = 1
          WHERE f.follower_id = @me GROUP BY p.room_id)
        SELECT r.*, COALESCE(m.followed, 0) AS followed, COALESCE(m.on_stage, 0) AS on_stage
        FROM rooms r LEFT JOIN mine m ON m.room_id = r.id
        WHERE ${HALLWAY_WHERE}
        ORDER BY (COALESCE(m.on_stage, 0) > 0) DESC, r.speaker_count + r.listener_count DESC, r.created_at DESC, r.id
        LIMIT @limit OFFSET @offset`),
    };
  }

  private cached(sql: string): Database.Statement {
    let st = this.dynamic.get(sql);
    if (!st) this.dynamic.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private update(table: string, columns: Record<string, string>, where: string, patch: Record<string, unknown>, keys: unknown[]): void {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const set = entries.map(([k]) => `${columns[k]} = ?`).join(', ');
    this.cached(`UPDATE ${table} SET ${set} WHERE ${where}`).run(...entries.map(([, v]) => bit(v)), ...keys);
  }

  async insertRoom(room: RoomRow, invitedUserIds: readonly string[]) {
    this.s.insertRoom.run({ ...room, chatEnabled: bit(room.chatEnabled) });
    for (const u of invitedUserIds) this.s.invite.run(room.id, u);
  }
  async roomById(id: string) {
    const r = this.s.roomById.get(id) as Row | undefined;
    return r ? toRoom(r) : null;
  }
  // One writer connection: the transaction already excludes every other write.
  lockRoom(id: string) {
    return this.roomById(id);
  }
  async updateRoom(id: string, patch: RoomPatch) {
    this.update('rooms', ROOM_COLUMNS, 'id = ?', patch, [id]);
  }
  async isInvited(roomId: string, userId: string) {
    return this.s.isInvited.get(roomId, userId) !== undefined;
  }

  async participant(roomId: string, userId: string) {
    const r = this.s.participant.get(roomId, userId) as Row | undefined;
    return r ? toParticipant(r) : null;
  }
  async putParticipant(row: ParticipantRow) {
    this.s.putParticipant.run({ ...row, present: bit(row.present), handRaised: bit(row.handRaised), invitedToSpeak: bit(row.invitedToSpeak), removed: bit(row.removed) });
  }
  async updateParticipant(roomId: string, userId: string, patch: ParticipantPatch) {
    this.update('room_participants', PARTICIPANT_COLUMNS, 'room_id = ? AND user_id = ?', patch, [roomId, userId]);
  }
  async stage(roomIds: readonly string[]) {
    if (roomIds.length === 0) return [];
    const marks = roomIds.map(() => '?').join(',');
    // The stage as a list of roles, not `role <> 'listener'`: only an IN list can use
    // room_participants_present (room_id, role, …), so a room of 8,000 listeners reads its few speakers only.
    const rows = this.cached(`SELECT * FROM room_participants WHERE room_id IN (${marks}) AND present = 1 AND role IN ('host', 'moderator', 'speaker') ORDER BY joined_at, user_id`).all(...roomIds) as Row[];
    return rows.map(toParticipant);
  }
  async audience(roomId: string, page: { limit: number; after?: { stageFirst: number; joinedAt: number; userId: string } }) {
    const order = `(CASE WHEN role = 'listener' THEN 1 ELSE 0 END)`;
    const a = page.after;
    const rows = this.cached(
      `SELECT * FROM room_participants WHERE room_id = ? AND present = 1 ${a ? `AND (${order}, joined_at, user_id) > (?, ?, ?)` : ''}
       ORDER BY ${order}, joined_at, user_id LIMIT ?`,
    ).all(...(a ? [roomId, a.stageFirst, a.joinedAt, a.userId, page.limit] : [roomId, page.limit])) as Row[];
    return rows.map(toParticipant);
  }
  async hands(roomId: string, limit: number) {
    return (this.s.hands.all(roomId, limit) as Row[]).map(toParticipant);
  }
  async touchParticipants(roomId: string, userIds: readonly string[], at: number) {
    for (const u of userIds) this.s.touch.run(at, roomId, u);
  }
  async staleParticipants(before: number, limit: number) {
    return (this.s.stale.all(before, limit) as Row[]).map((r) => ({ roomId: r.room_id as string, userId: r.user_id as string }));
  }
  async roomsWithoutStaffSince(before: number, limit: number) {
    return (this.s.staffless.all(before, limit) as Row[]).map((r) => r.id as string);
  }

  async appendRoomEvent(e: Omit<RoomEventRow, 'seq'>) {
    const r = this.s.nextSeq.get(e.roomId) as { last_seq: number } | undefined;
    if (!r) throw new Error(`no room ${e.roomId}`);
    this.s.insertEvent.run(e.roomId, r.last_seq, e.type, JSON.stringify(e.data), e.to, e.createdAt);
    return r.last_seq;
  }
  async roomEventsAfter(roomId: string, afterSeq: number, uptoSeq: number, limit: number) {
    return (this.s.eventsAfter.all(roomId, afterSeq, uptoSeq, limit) as Row[]).map(toRoomEvent);
  }

  async insertRoomMessage(row: RoomMessageRow) {
    try {
      this.s.insertMessage.run({ ...row, entities: JSON.stringify(row.entities) });
    } catch (err) {
      try {
        translateUnique(err);
      } catch (e) {
        // The only unique key of a room message besides its random id.
        throw e instanceof UniqueViolation ? new UniqueViolation('client_message_id') : e;
      }
    }
  }
  async roomMessageByClientId(roomId: string, senderId: string, clientMessageId: string) {
    const r = this.s.messageByClientId.get(roomId, senderId, clientMessageId) as Row | undefined;
    return r ? toRoomMessage(r) : null;
  }
  async roomMessageById(roomId: string, id: string) {
    const r = this.s.messageById.get(roomId, id) as Row | undefined;
    return r ? toRoomMessage(r) : null;
  }
  async markRoomMessageDeleted(roomId: string, id: string, by: 'author' | 'moderator') {
    this.s.deleteMessage.run(by, roomId, id);
  }
  async roomMessages(roomId: string, page: { before?: number; limit: number }) {
    return (this.s.messagesBefore.all(roomId, page.before ?? Number.MAX_SAFE_INTEGER, page.limit) as Row[]).map(toRoomMessage);
  }
  async roomMessagesAfter(roomId: string, afterSeq: number, limit: number) {
    return (this.s.messagesAfter.all(roomId, afterSeq, limit) as Row[]).map(toRoomMessage);
  }
  async purgeEndedChats(endedBefore: number, limit: number) {
    return this.s.purge.run(endedBefore, limit).changes;
  }

  async hallway(viewerId: string, page: { limit: number; offset: number }): Promise<HallwayRow[]> {
    const rows = this.s.hallway.all({ me: viewerId, limit: page.limit, offset: page.offset }) as Row[];
    return rows.map((r) => ({ room: toRoom(r), followedCount: Number(r.followed), followedOnStage: Number(r.on_stage) }));
  }
}
