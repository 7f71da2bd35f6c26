/**
 * The rooms storage area (`tx.rooms`, `store.read.rooms`): live rooms, the people in them, the
 * room event log and room chat. See docs/subsystems/rooms.md.
 *
 * A room is an audience, not a membership: a participant row is one person's place in one room
 * (role, hand, mute, presence), never a conversation member, and nothing here is written per
 * listener per message. Room events are stored once per room with a per-room `seq`; their wake-up
 * to the nodes goes through the shared outbox (`tx.events.append`) like every other event.
 */
import type { HallwayRow, ParticipantPatch, ParticipantRow, RoomEventRow, RoomMessageRow, RoomPatch, RoomRow } from '../rows/rooms.js';

export type { HallwayRow, ParticipantPatch, ParticipantRow, RoomEventRow, RoomMessageRow, RoomPatch, RoomRow } from '../rows/rooms.js';

export interface RoomsRepo {
  /** Creates the room; `invitedUserIds` is the invite list of a closed room. */
  insertRoom(room: RoomRow, invitedUserIds: readonly string[]): Promise<void>;
  roomById(id: string): Promise<RoomRow | null>;
  /** `roomById` inside a write, holding the room's row lock until COMMIT (PostgreSQL `FOR UPDATE`). */
  lockRoom(id: string): Promise<RoomRow | null>;
  updateRoom(id: string, patch: RoomPatch): Promise<void>;
  isInvited(roomId: string, userId: string): Promise<boolean>;

  participant(roomId: string, userId: string): Promise<ParticipantRow | null>;
  /** Inserts or replaces the participant row. */
  putParticipant(row: ParticipantRow): Promise<void>;
  updateParticipant(roomId: string, userId: string, patch: ParticipantPatch): Promise<void>;
  /** Present people on the stage of each room (role ≠ listener), oldest join first. */
  stage(roomIds: readonly string[]): Promise<ParticipantRow[]>;
  /** Present people, stage first, then by join time; keyset paged by `(joinedAt, userId)` after the cursor. */
  audience(roomId: string, page: { limit: number; after?: { stageFirst: number; joinedAt: number; userId: string } }): Promise<ParticipantRow[]>;
  /** Present people with a raised hand or a pending speak invitation (the staff's queue). */
  hands(roomId: string, limit: number): Promise<ParticipantRow[]>;
  /** Marks the given present participants as seen now (the presence heartbeat of one node). */
  touchParticipants(roomId: string, userIds: readonly string[], at: number): Promise<void>;
  /** Present participants of live rooms not seen since `before` (their node went away). */
  staleParticipants(before: number, limit: number): Promise<Array<{ roomId: string; userId: string }>>;
  /** Live rooms whose hosts and moderators have all been gone since before `before`. */
  roomsWithoutStaffSince(before: number, limit: number): Promise<string[]>;

  /** Takes the room's next seq, stores the event and returns the seq. */
  appendRoomEvent(event: Omit<RoomEventRow, 'seq'>): Promise<number>;
  /** Events with afterSeq < seq ≤ uptoSeq, ascending, at most `limit`. */
  roomEventsAfter(roomId: string, afterSeq: number, uptoSeq: number, limit: number): Promise<RoomEventRow[]>;

  /** Stores a chat message; a second message with the same (room, sender, clientMessageId) raises `UniqueViolation('client_message_id')`. */
  insertRoomMessage(row: RoomMessageRow): Promise<void>;
  roomMessageByClientId(roomId: string, senderId: string, clientMessageId: string): Promise<RoomMessageRow | null>;
  roomMessageById(roomId: string, id: string): Promise<RoomMessageRow | null>;
  /** Tombstones the message (text and entities cleared). */
  markRoomMessageDeleted(roomId: string, id: string, by: 'author' | 'moderator'): Promise<void>;
  /** The newest `limit` messages with seq < `before` (all when absent), returned oldest first. */
  roomMessages(roomId: string, page: { before?: number; limit: number }): Promise<RoomMessageRow[]>;
  /** The oldest `limit` messages with seq > `afterSeq`, oldest first (a report's context after the reported message). */
  roomMessagesAfter(roomId: string, afterSeq: number, limit: number): Promise<RoomMessageRow[]>;
  /** Removes the chat of rooms that ended before `endedBefore` (retention); returns how many messages went. */
  purgeEndedChats(endedBefore: number, limit: number): Promise<number>;

  /**
   * Live rooms the viewer may see (open; social when the owner follows them; closed when invited;
   * their own), minus rooms whose owner blocked them or that removed them. Ordered: rooms with
   * people they follow on the stage first, then by size, then newest. Reads the viewer's follows
   * and the live rooms, never every participant.
   */
  hallway(viewerId: string, page: { limit: number; offset: number }): Promise<HallwayRow[]>;
}
