/**
 * A person's place in a room as the audio service reports it: in the room in a role
 * (`participant.joined`, `role.changed`), gone (`participant.left`), speaking or not
 * (`speaking.changed`). Written with the rooms domain's `RoomWrite`, so the room events are those
 * of built-in mode: `room.stage_changed` for the stage, counts only for listeners, `room.updated`
 * when the host changes.
 *
 * `role.changed` for someone not (yet) in the room places them in the room in that role: the
 * audio service changes roles of people in its room only, so its `participant.joined` was merely
 * late (and will be `stale` when it comes).
 */
import type { RoomRole, UserSummary } from '@backchannel/protocol';
import type { ParticipantRow, RoomRow } from '../../storage/ports/rooms.js';
import type { Tx, UserRow } from '../../storage/store.js';
import { presentUserSummary } from '../present.js';
import type { RoomOutbox } from '../rooms/outbox.js';
import { userById } from '../rooms/people.js';
import { roomUpdatedData } from '../rooms/present.js';
import { newParticipant, type RoomWrite } from '../rooms/record.js';

export interface PersonChange {
  w: RoomWrite;
  user: UserRow;
  /** Their participant row before this event (any state), if they were ever in the room. */
  before: ParticipantRow | null;
  /** Whether they are speaking; the caller stores what this ends as. */
  speaking: boolean;
}

const summaryOf = async (tx: Tx, userId: string): Promise<UserSummary> => {
  const u = await userById(tx, userId);
  return u ? presentUserSummary(u) : { id: userId, username: 'unknown', displayName: 'Unknown' };
};

export async function placeByAudio(c: PersonChange, role: RoomRole): Promise<'applied' | 'ignored'> {
  const { w, user, before } = c;
  if (before?.removed) return 'ignored'; // removed by the room's staff: stays out of our room
  if (before?.present && before.role === role) return 'applied';
  const room = w.room;
  const now = w.now;
  if (role === 'host' && room.hostId !== null && room.hostId !== user.id) await demoteHost(w, room);
  const after: ParticipantRow = before?.present
    ? { ...before, role, handRaised: role === 'listener' ? before.handRaised : false, invitedToSpeak: false }
    : { ...newParticipant(room.id, user.id, role, now), mutedUntil: before?.mutedUntil ?? null, lastChatAt: before?.lastChatAt ?? null };
  await w.setParticipant(before, after);
  const wasOnStage = before?.present === true && before.role !== 'listener';
  if (role !== 'listener' || wasOnStage) await w.emit('room.stage_changed', { user: presentUserSummary(user), role });
  if (role !== 'host' && room.hostId === user.id) {
    // The host stepped down without a successor yet: the room has no host until the audio service names one.
    w.patch({ hostId: null });
    await w.emit('room.updated', roomUpdatedData(room));
  } else if (role === 'host' && room.hostId !== user.id) {
    w.patch({ hostId: user.id });
    await w.emit('room.updated', roomUpdatedData(room));
  }
  if (role === 'listener') c.speaking = false;
  return 'applied';
}

/** A new host replaces the old one, who stays on the stage as a moderator. */
async function demoteHost(w: RoomWrite, room: RoomRow): Promise<void> {
  const old = room.hostId === null ? null : await w.tx.rooms.participant(room.id, room.hostId);
  if (!old?.present || old.role !== 'host') return;
  await w.setParticipant(old, { ...old, role: 'moderator' });
  await w.emit('room.stage_changed', { user: await summaryOf(w.tx, old.userId), role: 'moderator' });
}

export async function leaveByAudio(c: PersonChange): Promise<'applied' | 'ignored'> {
  const { w, user, before } = c;
  c.speaking = false;
  if (!before?.present) return before?.removed ? 'ignored' : 'applied';
  // As in built-in mode, a speaker comes back as a listener; host and moderators keep their role.
  const role = before.role === 'speaker' ? 'listener' : before.role;
  w.gone(user.id); // their sockets stop receiving the room's events, as when they leave here
  await w.setParticipant(before, { ...before, role, present: false, handRaised: false, invitedToSpeak: false });
  if (before.role !== 'listener') await w.emit('room.stage_changed', { user: presentUserSummary(user), role: null });
  return 'applied';
}

export function speakingByAudio(c: PersonChange, speaking: boolean): 'applied' | 'ignored' {
  const onStage = c.before?.present === true && c.before.role !== 'listener';
  if (speaking && !onStage) return 'ignored'; // only people on the stage speak
  c.speaking = speaking;
  return 'applied';
}

/**
 * Who is speaking, to the room's subscribers: a counts-only outbox row (no seq, no stored room
 * event) that each node's RoomFanout coalesces into its next `room.counts` frame.
 */
export async function announceSpeaking(tx: Tx, room: RoomRow, now: number, speakingIds: string[]): Promise<void> {
  const payload: RoomOutbox = { roomId: room.id, counts: { speakerCount: room.speakerCount, listenerCount: room.listenerCount, speakingIds }, event: null };
  await tx.events.append({ type: 'room.outbox', conversationId: null, userId: null, payload, createdAt: now });
}
