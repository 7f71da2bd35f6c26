/**
 * Who may know a room exists, in one place (the hallway's SQL applies the same rule:
 * `HALLWAY_WHERE` in storage/sqlite/rooms.ts and storage/postgres/rooms.ts). Everything else in this folder asks here first, and a room
 * one may not see answers exactly like a room that does not exist (`not_found`).
 *
 * - open: everyone; social: people the owner follows; closed: the invite list; the owner always.
 * - Someone the owner blocked never sees the owner's rooms; someone removed never sees that room again.
 * - Someone who was in the room keeps seeing it (the replay of an ended room, a closed room's list edited).
 */
import type { ParticipantRow, RoomRow } from '../../storage/ports/rooms.js';
import type { Tx, UserRow } from '../../storage/store.js';
import { DomainError, notFound } from '../errors.js';
import { isStaffRole } from './outbox.js';
import { blocks, follows } from './people.js';

export interface RoomAccess {
  room: RoomRow;
  /** The viewer's participant row (any state), if they ever joined. */
  me: ParticipantRow | null;
}

export async function maySeeRoom(repo: Tx, userId: string, room: RoomRow, me: ParticipantRow | null): Promise<boolean> {
  if (me?.removed) return false;
  if (room.ownerId === userId) return true;
  if (await blocks(repo, room.ownerId, userId)) return false;
  if (me) return true;
  if (room.visibility === 'open') return true;
  if (room.visibility === 'social') return follows(repo, room.ownerId, userId);
  return repo.rooms.isInvited(room.id, userId);
}

/** The room as `user` may see it, or `not_found`. With `lock`, the room row stays locked (writes). */
export async function accessRoom(repo: Tx, user: UserRow, roomId: string, opts: { lock?: boolean } = {}): Promise<RoomAccess> {
  const room = opts.lock ? await repo.rooms.lockRoom(roomId) : await repo.rooms.roomById(roomId);
  if (!room) throw notFound('room');
  const me = await repo.rooms.participant(roomId, user.id);
  if (!(await maySeeRoom(repo, user.id, room, me))) throw notFound('room');
  return { room, me };
}

/** For changes: the room must be live (`room_ended` otherwise: the caller may see it, so it may know). */
export async function accessLiveRoom(repo: Tx, user: UserRow, roomId: string): Promise<RoomAccess> {
  const a = await accessRoom(repo, user, roomId, { lock: true });
  if (a.room.status !== 'live') throw new DomainError('room_ended', 'This room has ended.');
  return a;
}

/** The caller must be in the room now. */
export function requirePresent(a: RoomAccess): ParticipantRow {
  if (!a.me?.present) throw new DomainError('not_in_room', 'Join the room first.');
  return a.me;
}

/** The caller must be a host or moderator in the room now. */
export function requireStaff(a: RoomAccess): ParticipantRow {
  const me = requirePresent(a);
  if (!isStaffRole(me.role)) throw new DomainError('forbidden', 'Only the host or a moderator can do that.');
  return me;
}

/** The caller must be the room's host. */
export function requireHost(a: RoomAccess): ParticipantRow {
  const me = requirePresent(a);
  if (me.role !== 'host') throw new DomainError('forbidden', 'Only the host can do that.');
  return me;
}

/** Someone the staff acts on: must be in the room now (`not_in_room` otherwise). */
export async function requireTarget(repo: Tx, roomId: string, userId: string): Promise<ParticipantRow> {
  const p = await repo.rooms.participant(roomId, userId);
  if (!p?.present) throw new DomainError('not_in_room', 'That person is not in the room.', { field: 'userId' });
  return p;
}

/** A moderator acts on listeners and speakers; only the host acts on moderators; nobody on the host. */
export function requireOutranks(actor: ParticipantRow, target: ParticipantRow): void {
  if (target.role === 'host' || (target.role === 'moderator' && actor.role !== 'host')) {
    throw new DomainError('forbidden', target.role === 'host' ? 'Nobody can do that to the host.' : 'Only the host can do that to a moderator.');
  }
}
