/**
 * The rooms storage area on PostgreSQL (storage/ports/rooms.ts). The composition in postgres/tx.ts hands it its own query
 * function, so statements share the batch's connection and savepoint handling. Room events take
 * their seq from the room row (`UPDATE … RETURNING`), whose lock serialises one room's writes
 * across nodes until COMMIT; their wake-up goes through the shared journal (`appendEvent`).
 */
import type { HallwayRow, ParticipantPatch, ParticipantRow, RoomEventRow, RoomMessageRow, RoomPatch, RoomRow, RoomsRepo } from '../ports/rooms.js';
import { PARTICIPANT_COLUMNS, ROOM_COLUMNS, toParticipant, toRoom, toRoomEvent, toRoomMessage } from '../rows/rooms.js';
import { UniqueViolation } from '../errors.js';
import type { Row } from '../rows/row.js';
import type { PgHandle } from './handle.js';


/** Who may see a live room in the hallway (`$1` is the viewer); the same rule as domain/rooms/access.ts. */
const HALLWAY_WHERE = `r.status = 'live'
    AND (r.owner_id = $1 OR r.visibility = 'open'
      OR (r.visibility = 'social' AND EXISTS (SELECT 1 FROM follows f2 WHERE f2.follower_id = r.owner_id AND f2.followee_id = $1))
      OR (r.visibility = 'closed' AND EXISTS (SELECT 1 FROM room_invites i WHERE i.room_id = r.id AND i.user_id = $1)))
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = r.owner_id AND b.blocked_id = $1)
    AND NOT EXISTS (SELECT 1 FROM room_participants x WHERE x.room_id = r.id AND x.user_id = $1 AND x.removed)`;

export class PgRooms implements RoomsRepo {
  constructor(private readonly h: PgHandle) {}

  private query(sql: string, params: unknown[]): Promise<Row[]> {
    return this.h.q(sql, params);
  }
  private one(sql: string, params: unknown[]): Promise<Row | null> {
    return this.h.one(sql, params);
  }

  private async update(table: string, columns: Record<string, string>, where: (n: number) => string, patch: Record<string, unknown>, keys: unknown[]): Promise<void> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const set = entries.map(([k], i) => `${columns[k]} = $${i + 1}`).join(', ');
    await this.query(`UPDATE ${table} SET ${set} WHERE ${where(entries.length + 1)}`, [...entries.map(([, v]) => v), ...keys]);
  }

  async insertRoom(room: RoomRow, invitedUserIds: readonly string[]) {
    await this.query(
      `INSERT INTO rooms (id, title, description, visibility, status, owner_id, host_id, created_at, ended_at, last_seq, chat_enabled, chat_mode, slow_seconds, speaker_count, listener_count, staff_absent_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [room.id, room.title, room.description, room.visibility, room.status, room.ownerId, room.hostId, room.createdAt, room.endedAt, room.lastSeq, room.chatEnabled, room.chatMode, room.slowSeconds, room.speakerCount, room.listenerCount, room.staffAbsentSince],
    );
    if (invitedUserIds.length > 0) {
      await this.query('INSERT INTO room_invites (room_id, user_id) SELECT $1, u FROM unnest($2::text[]) AS u ON CONFLICT DO NOTHING', [room.id, invitedUserIds]);
    }
  }
  async roomById(id: string) {
    const r = await this.one('SELECT * FROM rooms WHERE id = $1', [id]);
    return r ? toRoom(r) : null;
  }
  async lockRoom(id: string) {
    const r = await this.one('SELECT * FROM rooms WHERE id = $1 FOR UPDATE', [id]);
    return r ? toRoom(r) : null;
  }
  async updateRoom(id: string, patch: RoomPatch) {
    await this.update('rooms', ROOM_COLUMNS, (n) => `id = $${n}`, patch, [id]);
  }
  async isInvited(roomId: string, userId: string) {
    return (await this.one('SELECT 1 FROM room_invites WHERE room_id = $1 AND user_id = $2', [roomId, userId])) !== null;
  }

  async participant(roomId: string, userId: string) {
    const r = await this.one('SELECT * FROM room_participants WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
    return r ? toParticipant(r) : null;
  }
  async putParticipant(p: ParticipantRow) {
    await this.query(
      `INSERT INTO room_participants (room_id, user_id, role, present, hand_raised, invited_to_speak, invited_by, muted_until, removed, joined_at, last_seen_at, last_chat_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (room_id, user_id) DO UPDATE SET role = EXCLUDED.role, present = EXCLUDED.present, hand_raised = EXCLUDED.hand_raised,
         invited_to_speak = EXCLUDED.invited_to_speak, invited_by = EXCLUDED.invited_by, muted_until = EXCLUDED.muted_until, removed = EXCLUDED.removed,
         joined_at = EXCLUDED.joined_at, last_seen_at = EXCLUDED.last_seen_at, last_chat_at = EXCLUDED.last_chat_at`,
      [p.roomId, p.userId, p.role, p.present, p.handRaised, p.invitedToSpeak, p.invitedBy, p.mutedUntil, p.removed, p.joinedAt, p.lastSeenAt, p.lastChatAt],
    );
  }
  async updateParticipant(roomId: string, userId: string, patch: ParticipantPatch) {
    await this.update('room_participants', PARTICIPANT_COLUMNS, (n) => `room_id = $${n} AND user_id = $${n + 1}`, patch, [roomId, userId]);
  }
  async stage(roomIds: readonly string[]) {
    if (roomIds.length === 0) return [];
    const rows = await this.query(`SELECT * FROM room_participants WHERE room_id = ANY($1::text[]) AND present AND role IN ('host', 'moderator', 'speaker') ORDER BY joined_at, user_id`, [roomIds]);
    return rows.map(toParticipant);
  }
  async audience(roomId: string, page: { limit: number; after?: { stageFirst: number; joinedAt: number; userId: string } }) {
    const order = `(CASE WHEN role = 'listener' THEN 1 ELSE 0 END)`;
    const a = page.after;
    const rows = a
      ? await this.query(
          `SELECT * FROM room_participants WHERE room_id = $1 AND present AND (${order}, joined_at, user_id) > ($2, $3, $4) ORDER BY ${order}, joined_at, user_id LIMIT $5`,
          [roomId, a.stageFirst, a.joinedAt, a.userId, page.limit],
        )
      : await this.query(`SELECT * FROM room_participants WHERE room_id = $1 AND present ORDER BY ${order}, joined_at, user_id LIMIT $2`, [roomId, page.limit]);
    return rows.map(toParticipant);
  }
  async hands(roomId: string, limit: number) {
    const rows = await this.query(
      'SELECT * FROM room_participants WHERE room_id = $1 AND present AND (hand_raised OR invited_to_speak) ORDER BY joined_at, user_id LIMIT $2',
      [roomId, limit],
    );
    return rows.map(toParticipant);
  }
  async touchParticipants(roomId: string, userIds: readonly string[], at: number) {
    if (userIds.length === 0) return;
    await this.query('UPDATE room_participants SET last_seen_at = $1 WHERE room_id = $2 AND user_id = ANY($3::text[]) AND present', [at, roomId, userIds]);
  }
  async staleParticipants(before: number, limit: number) {
    const rows = await this.query(
      `SELECT p.room_id, p.user_id FROM room_participants p JOIN rooms r ON r.id = p.room_id
       WHERE p.present AND p.last_seen_at < $1 AND r.status = 'live' ORDER BY p.last_seen_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ roomId: r.room_id as string, userId: r.user_id as string }));
  }
  async roomsWithoutStaffSince(before: number, limit: number) {
    const rows = await this.query(
      `SELECT id FROM rooms WHERE status = 'live' AND staff_absent_since IS NOT NULL AND staff_absent_since <= $1 ORDER BY staff_absent_since LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.id as string);
  }

  async appendRoomEvent(e: Omit<RoomEventRow, 'seq'>) {
    const [r] = await this.query(
      `WITH s AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO room_events (room_id, seq, type, data, to_user, created_at) SELECT $1, s.last_seq, $2, $3, $4, $5 FROM s RETURNING seq`,
      [e.roomId, e.type, JSON.stringify(e.data), e.to, e.createdAt],
    );
    if (!r) throw new Error(`no room ${e.roomId}`);
    return Number(r.seq);
  }
  async roomEventsAfter(roomId: string, afterSeq: number, uptoSeq: number, limit: number) {
    const rows = await this.query('SELECT * FROM room_events WHERE room_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4', [roomId, afterSeq, uptoSeq, limit]);
    return rows.map(toRoomEvent);
  }

  async insertRoomMessage(m: RoomMessageRow) {
    try {
      await this.query(
        `INSERT INTO room_messages (id, room_id, seq, sender_id, client_message_id, text, entities, created_at, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [m.id, m.roomId, m.seq, m.senderId, m.clientMessageId, m.text, JSON.stringify(m.entities), m.createdAt, m.deleted],
      );
    } catch (err) {
      // The only unique key of a room message besides its random id.
      throw err instanceof UniqueViolation ? new UniqueViolation('client_message_id') : err;
    }
  }
  async roomMessageByClientId(roomId: string, senderId: string, clientMessageId: string) {
    const r = await this.one('SELECT * FROM room_messages WHERE room_id = $1 AND sender_id = $2 AND client_message_id = $3', [roomId, senderId, clientMessageId]);
    return r ? toRoomMessage(r) : null;
  }
  async roomMessageById(roomId: string, id: string) {
    const r = await this.one('SELECT * FROM room_messages WHERE room_id = $1 AND id = $2', [roomId, id]);
    return r ? toRoomMessage(r) : null;
  }
  async markRoomMessageDeleted(roomId: string, id: string, by: 'author' | 'moderator') {
    await this.query(`UPDATE room_messages SET deleted = $1, text = '', entities = '[]' WHERE room_id = $2 AND id = $3 AND deleted IS NULL`, [by, roomId, id]);
  }
  async roomMessages(roomId: string, page: { before?: number; limit: number }) {
    const rows = await this.query('SELECT * FROM (SELECT * FROM room_messages WHERE room_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) m ORDER BY seq', [
      roomId,
      page.before ?? Number.MAX_SAFE_INTEGER,
      page.limit,
    ]);
    return rows.map(toRoomMessage);
  }
  async roomMessagesAfter(roomId: string, afterSeq: number, limit: number) {
    return (await this.query('SELECT * FROM room_messages WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [roomId, afterSeq, limit])).map(toRoomMessage);
  }
  async purgeEndedChats(endedBefore: number, limit: number) {
    const rows = await this.query(
      `DELETE FROM room_messages WHERE id IN (SELECT m.id FROM room_messages m JOIN rooms r ON r.id = m.room_id
         WHERE r.status = 'ended' AND r.ended_at < $1 LIMIT $2) RETURNING 1`,
      [endedBefore, limit],
    );
    return rows.length;
  }

  async hallway(viewerId: string, page: { limit: number; offset: number }): Promise<HallwayRow[]> {
    const rows = await this.query(
      `WITH mine AS (
         SELECT p.room_id, count(*) AS followed, sum(CASE WHEN p.role <> 'listener' THEN 1 ELSE 0 END) AS on_stage
         FROM follows f JOIN room_participants p ON p.user_id = f.followee_id AND p.present
         WHERE f.follower_id = $1 GROUP BY p.room_id)
       SELECT r.*, COALESCE(m.followed, 0) AS followed, COALESCE(m.on_stage, 0) AS on_stage
       FROM rooms r LEFT JOIN mine m ON m.room_id = r.id
       WHERE ${HALLWAY_WHERE}
       ORDER BY (COALESCE(m.on_stage, 0) > 0) DESC, r.speaker_count + r.listener_count DESC, r.created_at DESC, r.id
       LIMIT $2 OFFSET $3`,
      [viewerId, page.limit, page.offset],
    );
    return rows.map((r) => ({ room: toRoom(r), followedCount: Number(r.followed), followedOnStage: Number(r.on_stage) }));
  }
}
