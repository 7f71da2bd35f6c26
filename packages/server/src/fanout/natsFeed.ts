/**
 * The ordered feed behind the NATS bus: turns wake-ups that may arrive late, twice, out of order or
 * not at all into a gapless, pos-ordered, exactly-once stream for the node's router.
 *
 * Storage is the record (ARCHITECTURE.md rule 5). Positions are gapless in commit order
 * (storage/postgres/journal.ts, ADR 0003), so "the next event is `delivered + 1`" is a sound rule
 * and `tx.events.allAfter(delivered)` always returns exactly the missing prefix.
 * No NATS here: the feed is driven by `offer` (events seen on the bus or committed locally),
 * `hint` (a wake-up without events), and `catchUp` (a sweep or a reconnect).
 */
import type { EventRow, EventsRepo } from '../storage/store.js';

export interface FeedTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: FeedTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

export interface OrderedFeedOptions {
  startPos: number;
  storage: { events: Pick<EventsRepo, 'allAfter' | 'headPos'> };
  deliver: (events: EventRow[]) => void;
  /** How long an out-of-order arrival waits for the missing ones before asking storage. */
  gapGraceMs: number;
  /** Page size of catch-up reads. */
  pageSize: number;
  timers: FeedTimers;
  onError: (err: unknown) => void;
}

export class OrderedFeed {
  private delivered: number;
  private readonly pending = new Map<number, EventRow>();
  private gapTimer: unknown = null;
  private filling: Promise<void> | null = null;
  private refill = false;
  private closed = false;

  constructor(private readonly o: OrderedFeedOptions) {
    this.delivered = o.startPos;
  }

  deliveredPos(): number {
    return this.delivered;
  }

  /** Events seen on the bus or committed by this node; duplicates and old ones are dropped. */
  offer(events: readonly EventRow[]): void {
    for (const e of events) if (e.pos > this.delivered) this.pending.set(e.pos, e);
    this.drain();
    if (this.pending.size > 0) this.scheduleGapFill();
  }

  /** Something up to `pos` was committed (a wake-up that carried no events). */
  hint(pos: number): void {
    if (pos > this.delivered) void this.catchUp();
  }

  /** Reads storage from the last delivered position until caught up (sweeps, reconnects, gaps). */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.filling) {
      this.refill = true; // something new may have committed after the running read started
      return this.filling;
    }
    this.filling = this.fill().finally(() => {
      this.filling = null;
      if (this.refill) {
        this.refill = false;
        void this.catchUp();
      }
    });
    return this.filling;
  }

  /** Asks storage whether the head moved past what was delivered (the periodic sweep). */
  async sweep(): Promise<void> {
    try {
      if ((await this.o.storage.events.headPos()) > this.delivered) await this.catchUp();
    } catch (err) {
      this.o.onError(err);
    }
  }

  close(): void {
    this.closed = true;
    if (this.gapTimer !== null) this.o.timers.clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.pending.clear();
  }

  private drain(): void {
    const out: EventRow[] = [];
    for (let next = this.pending.get(this.delivered + 1); next; next = this.pending.get(this.delivered + 1)) {
      this.pending.delete(next.pos);
      this.delivered = next.pos;
      out.push(next);
    }
    if (out.length > 0 && !this.closed) this.o.deliver(out);
  }

  private scheduleGapFill(): void {
    if (this.gapTimer !== null || this.closed) return;
    this.gapTimer = this.o.timers.setTimeout(() => {
      this.gapTimer = null;
      if (this.pending.size > 0) void this.catchUp();
    }, this.o.gapGraceMs);
  }

  private async fill(): Promise<void> {
    try {
      for (;;) {
        const page = await this.o.storage.events.allAfter(this.delivered, this.o.pageSize);
        if (this.closed) return;
        // Positions are gapless, so the page continues exactly where delivery stands.
        for (const e of page) if (e.pos > this.delivered) this.pending.set(e.pos, e);
        this.drain();
        if (page.length < this.o.pageSize) break;
      }
      // Anything still pending is beyond what storage showed us a moment ago: wait for it again.
      for (const pos of this.pending.keys()) if (pos <= this.delivered) this.pending.delete(pos);
      if (this.pending.size > 0) this.scheduleGapFill();
    } catch (err) {
      // Storage is down: the next sweep or wake-up tries again.
      this.o.onError(err);
    }
  }
}
