/**
 * Q&A vote counts on one node (docs/subsystems/rooms.md, "Q&A"). Every vote commits an outbox row
 * with the question's new absolute count and version; here they are folded per room, and at most
 * one `room.qa_votes` frame per room per interval carries the counts that changed since the last
 * one, built once and given to every local subscriber. 5,000 votes in a few seconds are a few
 * frames per listener, not 5,000. A count older than one already seen (a lower version) is dropped.
 * Rooms with no local subscriber cost one map lookup.
 */
import { qaVotesFrame, type QaVotesOutbox } from '../domain/questions/present.js';
import type { FeedTimers } from './natsFeed.js';
import { textFrame, type WireFrame } from './wireFrame.js';

interface Tally {
  /** The highest version seen per question (stale counts are dropped). */
  seen: Map<string, number>;
  /** Counts changed since the last frame, by question. */
  pending: Map<string, QaVotesOutbox>;
}

export interface VoteSink {
  /** The room's subscribers on this node; each takes the frame like `room.counts` (live subscriptions only). */
  subscribers(roomId: string): Iterable<{ deliverRoomCounts(frame: WireFrame): void }> | undefined;
}

export class QaVoteTally {
  private readonly rooms = new Map<string, Tally>();
  private readonly dirty = new Set<string>();
  private timer: unknown = null;
  /** Frames built, for tests and metrics: one per room per tick, never one per subscriber or per vote. */
  framesBuilt = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly timers: Pick<FeedTimers, 'setTimeout' | 'clearTimeout'>,
    private readonly sink: VoteSink,
  ) {}

  route(o: QaVotesOutbox): void {
    if (!this.sink.subscribers(o.roomId)) return;
    let t = this.rooms.get(o.roomId);
    if (!t) this.rooms.set(o.roomId, (t = { seen: new Map(), pending: new Map() }));
    if ((t.seen.get(o.questionId) ?? -1) >= o.votesVersion) return;
    t.seen.set(o.questionId, o.votesVersion);
    t.pending.set(o.questionId, o);
    this.dirty.add(o.roomId);
    this.timer ??= this.timers.setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends the pending counts now (the timer calls it; tests may too). */
  flush(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const rooms = [...this.dirty];
    this.dirty.clear();
    for (const roomId of rooms) {
      const t = this.rooms.get(roomId);
      const subs = this.sink.subscribers(roomId);
      if (!t || t.pending.size === 0) continue;
      const frame = textFrame(qaVotesFrame(roomId, t.pending.values()));
      t.pending = new Map();
      if (!subs) continue;
      this.framesBuilt++;
      for (const s of subs) s.deliverRoomCounts(frame);
    }
  }

  /** The room has no local subscriber any more. */
  forget(roomId: string): void {
    this.rooms.delete(roomId);
    this.dirty.delete(roomId);
  }

  close(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
