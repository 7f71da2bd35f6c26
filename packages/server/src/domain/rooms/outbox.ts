/**
 * The outbox row of a room change (`type: 'room.outbox'`, no conversation, no user: no device
 * stream returns it). It rides the one ordered event feed to every node (after COMMIT, one NATS
 * message per batch), where the session router hands its event to the room's local subscribers as
 * one frame built once. A listener coming or going carries no event, only the new counts, which
 * the router coalesces (docs/subsystems/rooms.md).
 */
import type { RoomEventType } from '@backchannel/protocol';

export interface RoomCounts {
  speakerCount: number;
  listenerCount: number;
  /** Who is speaking, when the audio integration reports a change (domain/audio); absent: unchanged. */
  speakingIds?: readonly string[];
}

export interface RoomOutboxEvent {
  seq: number;
  type: RoomEventType;
  data: unknown;
  /** null: everyone in the room; else this person and the room's hosts and moderators. */
  to: string | null;
}

export interface RoomOutbox {
  roomId: string;
  counts: RoomCounts;
  event: RoomOutboxEvent | null;
  /** Someone who left or was removed: their subscriptions to the room end on every node. */
  gone?: string;
}

/** The socket frame of a room event (protocol `RoomEvent`): the same string for every subscriber. */
export function roomEventFrame(roomId: string, e: Pick<RoomOutboxEvent, 'seq' | 'type' | 'data'>): string {
  return `{"type":${JSON.stringify(e.type)},"roomId":${JSON.stringify(roomId)},"seq":${e.seq},"data":${JSON.stringify(e.data)}}`;
}

/** The coalesced `room.counts` frame (protocol `RoomCountsEvent`). */
export function roomCountsFrame(roomId: string, counts: RoomCounts): string {
  return JSON.stringify({ type: 'room.counts', roomId, data: { speakerCount: counts.speakerCount, listenerCount: counts.listenerCount, speakingIds: counts.speakingIds ?? [] } });
}

export const isStaffRole = (role: string | null | undefined): boolean => role === 'host' || role === 'moderator';
