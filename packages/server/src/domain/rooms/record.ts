/**
 * How a room change is written: the participant row, the room's counters and "no staff since",
 * the room event (per-room seq) and its outbox row, all in the caller's transaction. Every action
 * in this folder goes through here, so counts and events cannot drift from the rows.
 */
import type { RoomEventType, RoomRole } from '@backchannel/protocol';
import type { ParticipantRow, RoomPatch, RoomRow } from '../../storage/ports/rooms.js';
import type { Tx } from '../../storage/store.js';
import { followStage } from './backstage.js';
import { isStaffRole, type RoomOutbox } from './outbox.js';
import { recordVisit } from './visits.js';

const onStage = (p: ParticipantRow | null): boolean => p !== null && p.present && p.role !== 'listener';
const listening = (p: ParticipantRow | null): boolean => p !== null && p.present && p.role === 'listener';
const staffHere = (p: ParticipantRow | null): boolean => p !== null && p.present && isStaffRole(p.role);

/** Writes one room change. `room` is the locked row; it is updated in place. */
export class RoomWrite {
  private dirty: Partial<RoomRow> = {};
  private countsChanged = false;
  private goneUser: string | null = null;

  constructor(
    readonly tx: Tx,
    readonly room: RoomRow,
    readonly now: number,
  ) {}

  /**
   * Stores `after` as the person's row, moving the room's counts and staff presence with it, the
   * backstage's members with the stage (backstage.ts) and the participation record (visits.ts).
   */
  async setParticipant(before: ParticipantRow | null, after: ParticipantRow): Promise<void> {
    await this.tx.rooms.putParticipant(after);
    await followStage({ clock: { now: () => this.now } }, this.tx, this.room.id, before, after);
    await recordVisit(this.tx, this.room.id, before, after, this.now);
    const ds = Number(onStage(after)) - Number(onStage(before));
    const dl = Number(listening(after)) - Number(listening(before));
    if (ds !== 0 || dl !== 0) {
      this.patch({ speakerCount: this.room.speakerCount + ds, listenerCount: this.room.listenerCount + dl });
      this.countsChanged = true;
    }
    if (staffHere(before) !== staffHere(after)) await this.recheckStaff();
  }

  /** The person is out of the room: their sockets stop receiving it (after this write's events). */
  gone(userId: string): void {
    this.goneUser = userId;
  }

  patch(p: Partial<RoomRow>): void {
    Object.assign(this.room, p);
    Object.assign(this.dirty, p);
  }

  /** Appends a room event (and its outbox row); returns its seq. */
  async emit(type: RoomEventType, data: unknown, to: string | null = null): Promise<number> {
    await this.flushRoom();
    const seq = await this.tx.rooms.appendRoomEvent({ roomId: this.room.id, type, data, to, createdAt: this.now });
    this.room.lastSeq = seq;
    await this.outbox({ seq, type, data, to });
    this.countsChanged = false;
    return seq;
  }

  /** Ends the write: stores the room's changes; a change of counts with no event goes out as counts only. */
  async done(): Promise<void> {
    await this.flushRoom();
    if (this.countsChanged) await this.outbox(null);
    this.countsChanged = false;
  }

  private async flushRoom(): Promise<void> {
    if (Object.keys(this.dirty).length === 0) return;
    const d = this.dirty;
    this.dirty = {};
    const patch: RoomPatch = {
      title: d.title,
      description: d.description,
      status: d.status,
      hostId: d.hostId,
      endedAt: d.endedAt,
      chatEnabled: d.chatEnabled,
      chatMode: d.chatMode,
      slowSeconds: d.slowSeconds,
      speakerCount: d.speakerCount,
      listenerCount: d.listenerCount,
      staffAbsentSince: d.staffAbsentSince,
    };
    await this.tx.rooms.updateRoom(this.room.id, patch);
  }

  private async outbox(event: RoomOutbox['event']): Promise<void> {
    const payload: RoomOutbox = {
      roomId: this.room.id,
      counts: { speakerCount: this.room.speakerCount, listenerCount: this.room.listenerCount },
      event,
      ...(this.goneUser !== null ? { gone: this.goneUser } : {}),
    };
    await this.tx.events.append({ type: 'room.outbox', conversationId: null, userId: null, payload, createdAt: this.now });
  }

  /** "No host or moderator here since": set when the last one goes, cleared when one comes. */
  private async recheckStaff(): Promise<void> {
    const stage = await this.tx.rooms.stage([this.room.id]);
    const any = stage.some((p) => isStaffRole(p.role));
    if (any && this.room.staffAbsentSince !== null) this.patch({ staffAbsentSince: null });
    if (!any && this.room.staffAbsentSince === null) this.patch({ staffAbsentSince: this.now });
  }
}

export function newParticipant(roomId: string, userId: string, role: RoomRole, now: number): ParticipantRow {
  return { roomId, userId, role, present: true, handRaised: false, invitedToSpeak: false, invitedBy: null, mutedUntil: null, removed: false, joinedAt: now, lastSeenAt: now, lastChatAt: null };
}
