/**
 * Room fan-out on one node (docs/subsystems/rooms.md, ADR 0008). The router hands every committed
 * `room.outbox` row here, in feed order. For the room's local subscribers:
 * - a room event becomes ONE wire frame (serialised, UTF-8 encoded and framed once), whose bytes
 *   are written to each subscriber's socket (which coalesces the frames of one event-loop turn
 *   into one write); the subscriber drops events its viewer may
 *   not see (those addressed to one person and the staff) without re-serialising anything;
 * - counts are remembered and sent at most once per room per interval (`room.counts`), however many
 *   people joined or left meanwhile: 8,000 joins are not 8,000 × 8,000 frames.
 * Rooms with no local subscriber cost one map lookup.
 */
import { roomCountsFrame, roomEventFrame, type RoomCounts, type RoomOutbox, type RoomOutboxEvent } from '../domain/rooms/outbox.js';
import { realTimers, type FeedTimers } from './natsFeed.js';
import { QaVoteTally } from './qaVotes.js';
import { textFrame, type WireFrame } from './wireFrame.js';

export interface RoomSubscriber {
  readonly userId: string;
  /** A committed room event and its frame (built once for every subscriber of the node). */
  deliverRoomEvent(event: RoomOutboxEvent, frame: WireFrame): void;
  deliverRoomCounts(frame: WireFrame): void;
  /** The person left the room (or was removed): the subscription is over. */
  endRoom(): void;
}

export class RoomFanout {
  private readonly rooms = new Map<string, Set<RoomSubscriber>>();
  private readonly counts = new Map<string, RoomCounts>();
  private readonly dirty = new Set<string>();
  private timer: unknown = null;
  /** Frames built, for tests and metrics: one per event, never one per subscriber. */
  framesBuilt = 0;

  /** Q&A vote counts, coalesced per room per tick (qaVotes.ts). */
  readonly votes: QaVoteTally;

  constructor(
    private readonly countsIntervalMs: number,
    private readonly timers: Pick<FeedTimers, 'setTimeout' | 'clearTimeout'> = realTimers,
    votesIntervalMs = 500,
  ) {
    this.votes = new QaVoteTally(votesIntervalMs, timers, { subscribers: (roomId) => this.rooms.get(roomId) });
  }

  add(roomId: string, sub: RoomSubscriber): void {
    let set = this.rooms.get(roomId);
    if (!set) this.rooms.set(roomId, (set = new Set()));
    set.add(sub);
  }

  remove(roomId: string, sub: RoomSubscriber): void {
    const set = this.rooms.get(roomId);
    if (!set) return;
    set.delete(sub);
    if (set.size === 0) {
      this.rooms.delete(roomId);
      this.counts.delete(roomId);
      this.dirty.delete(roomId);
      this.votes.forget(roomId);
    }
  }

  subscriberCount(roomId: string): number {
    return this.rooms.get(roomId)?.size ?? 0;
  }

  route(o: RoomOutbox): void {
    const subs = this.rooms.get(o.roomId);
    if (!subs) return;
    if (o.event) {
      const frame = textFrame(roomEventFrame(o.roomId, o.event));
      this.framesBuilt++;
      for (const s of subs) s.deliverRoomEvent(o.event, frame);
    }
    if (o.gone !== undefined) for (const s of [...subs]) if (s.userId === o.gone) s.endRoom();
    const prev = this.counts.get(o.roomId);
    // Counts written without `speakingIds` keep the last reported speakers (domain/audio).
    const next: RoomCounts = { ...o.counts, speakingIds: o.counts.speakingIds ?? prev?.speakingIds ?? [] };
    if (prev && prev.speakerCount === next.speakerCount && prev.listenerCount === next.listenerCount && sameIds(prev.speakingIds, next.speakingIds)) return;
    this.counts.set(o.roomId, next);
    if (prev) this.markDirty(o.roomId);
  }

  /** Sends the pending counts now (the timer calls it; tests may too). */
  flushCounts(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const rooms = [...this.dirty];
    this.dirty.clear();
    for (const roomId of rooms) {
      const subs = this.rooms.get(roomId);
      const counts = this.counts.get(roomId);
      if (!subs || !counts) continue;
      const frame = textFrame(roomCountsFrame(roomId, counts));
      for (const s of subs) s.deliverRoomCounts(frame);
    }
  }

  /** Seeds a room's counts from a subscriber's snapshot so the first change is noticed. */
  knowCounts(roomId: string, counts: RoomCounts): void {
    if (!this.counts.has(roomId)) this.counts.set(roomId, counts);
  }

  close(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.votes.close();
  }

  private markDirty(roomId: string): void {
    this.dirty.add(roomId);
    this.timer ??= this.timers.setTimeout(() => this.flushCounts(), this.countsIntervalMs);
  }
}

const sameIds = (a: readonly string[] = [], b: readonly string[] = []): boolean => a.length === b.length && a.every((id, i) => id === b[i]);
