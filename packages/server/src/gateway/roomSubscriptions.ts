/**
 * The rooms one socket listens to (`room.subscribe`), each a subscriber of the node's RoomFanout.
 * A subscription starts `replaying` (live events are buffered while the stored ones after the
 * client's `afterSeq` are sent), then goes `live`; a seq is sent at most once and in order.
 * Events addressed to one person and the staff (hands, mutes, removals) are dropped here for the
 * others — by comparing ids, never by building another frame.
 */
import type { RoomRole } from '@backchannel/protocol';
import { isStaffRole, roomEventFrame, type RoomOutboxEvent } from '../domain/rooms/outbox.js';
import type { RoomFanout, RoomSubscriber } from '../fanout/roomFanout.js';
import { textFrame, type WireFrame } from '../fanout/wireFrame.js';

/** Live events held while a replay runs; past it the socket is closed as a slow consumer. */
const BUFFER_MAX = 10_000;

export interface RoomSocket {
  readonly userId: string;
  sendRoomFrame(frame: WireFrame): void;
  /** The socket could not keep up (the replay buffer overflowed). */
  overflow(): void;
}

export class RoomSubscription implements RoomSubscriber {
  private state: 'replaying' | 'live' | 'ended' = 'replaying';
  private lastSeq = 0;
  private buffer: Array<[RoomOutboxEvent, WireFrame]> = [];

  constructor(
    readonly roomId: string,
    private readonly socket: RoomSocket,
    private role: RoomRole | null,
    private readonly onEnded: (sub: RoomSubscription) => void,
  ) {}

  get userId(): string {
    return this.socket.userId;
  }

  /** Sends one stored event of the replay (events up to the snapshot's seq, ascending). */
  replay(e: RoomOutboxEvent): void {
    this.apply(e, textFrame(roomEventFrame(this.roomId, e)));
  }

  /** The replay reached `seq` (the snapshot's): flush what arrived live meanwhile, then go live. */
  goLive(seq: number, role: RoomRole | null): void {
    if (this.state !== 'replaying') return;
    this.role = role;
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.state = 'live';
    const held = this.buffer;
    this.buffer = [];
    for (const [e, frame] of held) this.apply(e, frame);
  }

  deliverRoomEvent(e: RoomOutboxEvent, frame: WireFrame): void {
    if (this.state === 'replaying') {
      if (this.buffer.length >= BUFFER_MAX) this.socket.overflow();
      else this.buffer.push([e, frame]);
      return;
    }
    this.apply(e, frame);
  }

  deliverRoomCounts(frame: WireFrame): void {
    if (this.state === 'live') this.socket.sendRoomFrame(frame);
  }

  end(): void {
    this.state = 'ended';
    this.buffer = [];
  }

  endRoom(): void {
    if (this.state !== 'ended') this.onEnded(this);
  }

  private apply(e: RoomOutboxEvent, frame: WireFrame): void {
    if (this.state === 'ended' || e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    const mine = e.to === this.socket.userId;
    if (e.to === null || mine || isStaffRole(this.role)) this.socket.sendRoomFrame(frame);
    if (e.type === 'room.stage_changed') {
      const d = e.data as { user: { id: string }; role: RoomRole | null };
      if (d.user.id === this.socket.userId) this.role = d.role;
    }
    if (e.type === 'room.ended' || (e.type === 'room.removed' && mine)) this.onEnded(this);
  }
}

/** All room subscriptions of one socket. */
export class RoomSubscriptions {
  private readonly subs = new Map<string, RoomSubscription>();

  constructor(
    private readonly socket: RoomSocket,
    private readonly fanout: RoomFanout,
    /** Called when a subscription ends for any reason (presence bookkeeping). */
    private readonly onLeave: (roomId: string) => void,
  ) {}

  get(roomId: string): RoomSubscription | undefined {
    return this.subs.get(roomId);
  }

  /** Starts (or restarts) the subscription to a room, registered before the snapshot is read. */
  open(roomId: string, role: RoomRole | null): RoomSubscription {
    const old = this.subs.get(roomId);
    if (old) this.drop(old, false);
    const sub = new RoomSubscription(roomId, this.socket, role, (s) => this.drop(s, true));
    this.subs.set(roomId, sub);
    this.fanout.add(roomId, sub);
    return sub;
  }

  close(roomId: string): boolean {
    const sub = this.subs.get(roomId);
    if (!sub) return false;
    this.drop(sub, true);
    return true;
  }

  closeAll(): void {
    for (const sub of [...this.subs.values()]) this.drop(sub, true);
  }

  private drop(sub: RoomSubscription, leave: boolean): void {
    if (this.subs.get(sub.roomId) !== sub) return;
    sub.end();
    this.subs.delete(sub.roomId);
    this.fanout.remove(sub.roomId, sub);
    if (leave) this.onLeave(sub.roomId);
  }
}
