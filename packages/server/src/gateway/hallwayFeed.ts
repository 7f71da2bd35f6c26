/**
 * The live hallway of one node (`hallway.subscribe`, docs/subsystems/rooms.md "The hallway").
 * Every committed room change reaches every node (the router hands each `room.outbox` row here);
 * the feed only remembers which rooms changed. At most once per interval, while someone listens,
 * a tick reads those rooms once (domain/rooms/hallwayLive.ts: the shared card, serialised once per
 * room) and sends each subscriber one `hallway.updated` frame with the rooms they may see: the
 * frame is the join of the shared card strings, never a per-subscriber read of the rooms' members.
 * Who may see a room is decided once per subscriber and room, and re-checked after `VERDICT_TTL_MS`
 * (a new follow or block), or at once for someone removed from the room.
 */
import type { RoomRow } from '../storage/ports/rooms.js';
import type { Tx } from '../storage/store.js';
import type { RoomOutbox } from '../domain/rooms/outbox.js';
import { hallwayChanges, mayListRoom } from '../domain/rooms/hallwayLive.js';
import { realTimers, type FeedTimers } from '../fanout/natsFeed.js';

const VERDICT_TTL_MS = 60_000;
/** Room events that change a hallway card; any other (chat, hands, mutes) matters only if the counts moved. */
const CARD_EVENTS = new Set(['room.updated', 'room.stage_changed', 'room.ended']);
/** Verdicts kept per subscriber; past it the oldest go (they are re-read when needed). */
const VERDICTS_MAX = 2_000;

export interface HallwaySocket {
  readonly userId: string;
  sendFrame(frame: string): void;
}

interface Subscriber {
  socket: HallwaySocket;
  /** room id → [may see it, decided at]. */
  verdicts: Map<string, [boolean, number]>;
}

export class HallwayFeed {
  private readonly subs = new Map<HallwaySocket, Subscriber>();
  private dirty = new Set<string>();
  /** The last counts seen per live room (`speakers/listeners`), to tell a chat message from a change. */
  private readonly counts = new Map<string, string>();
  /** room id → people removed from it since the last tick (their verdicts are dropped). */
  private gone = new Map<string, Set<string>>();
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  /** Ticks that sent something, for tests and metrics: one read of the changed rooms each. */
  ticks = 0;

  constructor(
    private readonly repo: Tx,
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void,
    private readonly timers: Pick<FeedTimers, 'setTimeout' | 'clearTimeout'> = realTimers,
  ) {}

  subscribe(socket: HallwaySocket): void {
    if (!this.subs.has(socket)) this.subs.set(socket, { socket, verdicts: new Map() });
  }

  unsubscribe(socket: HallwaySocket): void {
    this.subs.delete(socket);
  }

  get subscriberCount(): number {
    return this.subs.size;
  }

  /** A committed room change (router): remembered, sent on the next tick. */
  observe(o: RoomOutbox): void {
    const counts = `${o.counts.speakerCount}/${o.counts.listenerCount}`;
    const moved = this.counts.get(o.roomId) !== counts;
    if (o.event?.type === 'room.ended') this.counts.delete(o.roomId);
    else this.counts.set(o.roomId, counts);
    if (this.subs.size === 0) return;
    if (!moved && !(o.event && CARD_EVENTS.has(o.event.type)) && o.gone === undefined) return;
    if (o.gone !== undefined) {
      let set = this.gone.get(o.roomId);
      if (!set) this.gone.set(o.roomId, (set = new Set()));
      set.add(o.gone);
    }
    this.dirty.add(o.roomId);
    this.timer ??= this.timers.setTimeout(() => void this.tick(), this.intervalMs);
  }

  /** Sends the pending changes now (the timer calls it; tests may too). One tick at a time. */
  async tick(): Promise<void> {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (this.running) {
      await this.running;
      return this.tick();
    }
    const roomIds = [...this.dirty];
    const gone = this.gone;
    this.dirty = new Set();
    this.gone = new Map();
    if (roomIds.length === 0 || this.subs.size === 0) return;
    this.running = this.send(roomIds, gone).catch(this.onError);
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  close(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.subs.clear();
  }

  private async send(roomIds: string[], gone: Map<string, Set<string>>): Promise<void> {
    const changes = await hallwayChanges(this.repo, roomIds);
    const cards = new Map(changes.live.map(({ room, card }) => [room.id, JSON.stringify(card)]));
    const rooms = [...changes.live.map((c) => c.room), ...changes.ended];
    const now = this.now();
    let sent = false;
    for (const sub of [...this.subs.values()]) {
      const live: string[] = [];
      const ended: string[] = [];
      for (const room of rooms) {
        if (gone.get(room.id)?.has(sub.socket.userId)) sub.verdicts.delete(room.id);
        if (!(await this.maySee(sub, room, now))) continue;
        if (room.status === 'ended') ended.push(JSON.stringify(room.id));
        else live.push(cards.get(room.id)!);
      }
      // Unsubscribed while we read: nothing more for it.
      if (!this.subs.has(sub.socket) || (live.length === 0 && ended.length === 0)) continue;
      sub.socket.sendFrame(`{"type":"hallway.updated","data":{"rooms":[${live.join(',')}],"ended":[${ended.join(',')}]}}`);
      sent = true;
    }
    if (sent) this.ticks++;
  }

  private async maySee(sub: Subscriber, room: RoomRow, now: number): Promise<boolean> {
    const known = sub.verdicts.get(room.id);
    if (known && now - known[1] < VERDICT_TTL_MS) return known[0];
    const verdict = await mayListRoom(this.repo, sub.socket.userId, room);
    sub.verdicts.delete(room.id);
    sub.verdicts.set(room.id, [verdict, now]);
    if (sub.verdicts.size > VERDICTS_MAX) sub.verdicts.delete(sub.verdicts.keys().next().value!);
    // An ended room is not listed again: forget it after telling.
    if (room.status === 'ended') sub.verdicts.delete(room.id);
    return verdict;
  }
}
