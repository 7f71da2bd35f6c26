/**
 * A socket's room subscriptions (docs/sdk.md "Rooms"): `room.subscribe` from a seq, every room
 * event delivered once and in order (a repeat of a seq already seen is dropped), and after a
 * reconnect each room is subscribed again from the last seq it delivered, so nothing is lost or
 * doubled. Room events are not in the socket's stream cursor: each room has its own seq.
 *
 * A subscriber sees gaps in seq by design (hand raises and mutes go to the staff and the person
 * concerned only), so only "not newer than the last one" is a repeat. A seq too far behind (or from
 * the future) answers `resume_failed`: `resync` reloads the room over HTTP and the feed
 * subscribes again from the fresh room's seq.
 */
import type { Room, RoomCountsEvent, RoomEvent, RoomQaVotesEvent } from '@backchannel/protocol';
import { BackchannelError } from './errors.js';

/** What the feed needs of a socket: `BackchannelSocket.request`. */
export interface RoomOps {
  request<T>(frame: { op: string; [field: string]: unknown }): Promise<T>;
}

export interface RoomFeedHandlers {
  /** A new room event (never one already delivered). */
  event: (event: RoomEvent) => void;
  /** Coalesced counts and who is speaking (ephemeral, no seq). */
  counts: (event: RoomCountsEvent) => void;
  /** Coalesced Q&A vote counts (ephemeral, no seq; keep the higher `votesVersion` per question). */
  votes?: (event: RoomQaVotesEvent) => void;
  /** The room as of the subscription (after the replayed events). */
  subscribed: (room: Room) => void;
  /** Too far behind to replay: reload what you show of the room and return it. */
  resync: (roomId: string) => Promise<Room>;
  /** The subscription is over for good (`not_found`, `room_ended`, `not_in_room`, …). */
  lost: (roomId: string, error: BackchannelError) => void;
}

export class RoomFeed {
  /** Last seq delivered per subscribed room. */
  private readonly rooms = new Map<string, number>();

  constructor(
    private readonly socket: () => RoomOps | null,
    private readonly handlers: RoomFeedHandlers,
  ) {}

  isSubscribed(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  lastSeq(roomId: string): number | undefined {
    return this.rooms.get(roomId);
  }

  /** Starts (or restarts) a room's events after `afterSeq` (the `seq` of the room you show). */
  subscribe(roomId: string, afterSeq: number): Promise<Room | null> {
    this.rooms.set(roomId, Math.max(afterSeq, this.rooms.get(roomId) ?? afterSeq));
    return this.send(roomId);
  }

  unsubscribe(roomId: string): void {
    if (!this.rooms.delete(roomId)) return;
    this.socket()
      ?.request({ op: 'room.unsubscribe', roomId })
      .catch(() => undefined); // closing anyway: a lost answer changes nothing
  }

  /** Every room frame of the socket goes through here. */
  receive(frame: RoomEvent | RoomCountsEvent | RoomQaVotesEvent): void {
    const last = this.rooms.get(frame.roomId);
    if (last === undefined) return;
    if (frame.type === 'room.counts') return this.handlers.counts(frame);
    if (frame.type === 'room.qa_votes') return this.handlers.votes?.(frame);
    if (frame.seq <= last) return;
    this.rooms.set(frame.roomId, frame.seq);
    this.handlers.event(frame);
    if (frame.type === 'room.ended') this.rooms.delete(frame.roomId);
  }

  /** The socket is (again) ready: every room picks up where it stopped. */
  resume(): void {
    for (const roomId of this.rooms.keys()) void this.send(roomId);
  }

  private async send(roomId: string): Promise<Room | null> {
    const ops = this.socket();
    const afterSeq = this.rooms.get(roomId);
    if (!ops || afterSeq === undefined) return null; // `resume` subscribes once connected
    try {
      const { room } = await ops.request<{ room: Room }>({ op: 'room.subscribe', roomId, afterSeq });
      if (!this.rooms.has(roomId)) return null;
      this.rooms.set(roomId, Math.max(room.seq, this.rooms.get(roomId) ?? room.seq));
      this.handlers.subscribed(room);
      return room;
    } catch (err) {
      if (!this.rooms.has(roomId)) return null;
      const e = err instanceof BackchannelError ? err : new BackchannelError('network_error', String(err));
      if (e.code === 'network_error') return null; // the next `ready` resumes it
      if (e.code === 'resume_failed') {
        const fresh = await this.handlers.resync(roomId);
        this.rooms.set(roomId, fresh.seq);
        return this.send(roomId);
      }
      this.rooms.delete(roomId);
      this.handlers.lost(roomId, e);
      return null;
    }
  }
}
