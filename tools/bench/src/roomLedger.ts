/**
 * The room delivery ledger: every listener must receive every acknowledged room message exactly
 * once (shared semantics with ledger.ts, sized for rooms). A room of 8,000 listeners and 400
 * messages is 3.2 million deliveries, too many to ship as (message, recipient) pairs, so each
 * worker keeps one count per (listener, message) in a byte array and ships per-message totals:
 * how many of its listeners got the message, how many extra copies arrived, and when the last of
 * its listeners got it. The coordinator adds the workers up against the senders' acks.
 *
 * Messages are numbered 0, 1, 2, … by the one sender loop (client message id `r.<n>`).
 */
import { Histogram } from './stats.js';

export const ROOM_CMID_PREFIX = 'r.';

export function roomCmid(n: number): string {
  return `${ROOM_CMID_PREFIX}${n}`;
}

/** The message number of a room client message id of this run, or -1. */
export function roomMessageIndex(cmid: string): number {
  if (!cmid.startsWith(ROOM_CMID_PREFIX)) return -1;
  const n = Number(cmid.slice(ROOM_CMID_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

export interface RoomLedgerPart {
  listeners: number;
  /** Per message number: listeners of this worker that received it (each counted once). */
  distinct: number[];
  /** Per message number: the latest first-arrival latency among this worker's listeners (µs). */
  lastUs: number[];
  /** Extra copies of messages a listener already had. */
  duplicates: number;
  /** A listener saw the room seq go backwards or repeat. */
  outOfOrder: number;
  /** Frames whose client message id is not one of this run's. */
  foreign: number;
}

export interface RoomSendPart {
  acked: number[];
  failed: number[];
}

/** Worker side: the per-listener counts. Memory: one byte per (listener, message). */
export class RoomListenerLedger {
  private readonly seen: Uint8Array[] = [];
  private readonly lastSeq: number[] = [];
  private readonly distinct: number[] = [];
  private readonly lastUs: number[] = [];
  private duplicates = 0;
  private outOfOrder = 0;
  private foreign = 0;

  constructor(private readonly listeners: number) {
    for (let i = 0; i < listeners; i++) {
      this.seen.push(new Uint8Array(64));
      this.lastSeq.push(-1);
    }
  }

  /** Records one delivery to `listener` (0-based within the worker); returns whether it was the first copy. */
  record(listener: number, cmid: string, seq: number | null, latencyUs: number): boolean {
    const n = roomMessageIndex(cmid);
    if (n < 0 || listener < 0 || listener >= this.listeners) {
      this.foreign++;
      return false;
    }
    if (seq !== null) {
      if (seq <= (this.lastSeq[listener] ?? -1)) this.outOfOrder++;
      this.lastSeq[listener] = seq;
    }
    let row = this.seen[listener] as Uint8Array;
    if (n >= row.length) {
      const grown = new Uint8Array(Math.max(n + 1, row.length * 2));
      grown.set(row);
      this.seen[listener] = row = grown;
    }
    const c = row[n] ?? 0;
    if (c < 255) row[n] = c + 1;
    if (c > 0) {
      this.duplicates++;
      return false;
    }
    this.distinct[n] = (this.distinct[n] ?? 0) + 1;
    if (latencyUs > (this.lastUs[n] ?? -1)) this.lastUs[n] = latencyUs;
    return true;
  }

  /** Deliveries of first copies so far (all messages). */
  part(): RoomLedgerPart {
    const fill = (a: number[]) => Array.from(a, (v) => v ?? 0);
    return { listeners: this.listeners, distinct: fill(this.distinct), lastUs: fill(this.lastUs), duplicates: this.duplicates, outOfOrder: this.outOfOrder, foreign: this.foreign };
  }
}

export interface RoomVerdict {
  sent: number;
  acked: number;
  failed: number;
  listeners: number;
  expectedDeliveries: number;
  /** Deliveries of acked messages, each (listener, message) counted once. */
  delivered: number;
  lost: number;
  duplicated: number;
  /** Acked messages that did not reach every listener. */
  incompleteMessages: number;
  deliveredUnacked: number;
  deliveredFailed: number;
  outOfOrder: number;
  foreign: number;
  /** Per acked message that reached every listener: the latency of its last listener. */
  lastListener: Histogram;
}

export function checkRoomLedger(sends: RoomSendPart[], parts: RoomLedgerPart[]): RoomVerdict {
  const acked = new Set<number>();
  const failed = new Set<number>();
  for (const s of sends) {
    for (const n of s.acked) acked.add(n);
    for (const n of s.failed) failed.add(n);
  }
  const listeners = parts.reduce((n, p) => n + p.listeners, 0);
  const v: RoomVerdict = {
    sent: acked.size + failed.size,
    acked: acked.size,
    failed: failed.size,
    listeners,
    expectedDeliveries: acked.size * listeners,
    delivered: 0,
    lost: 0,
    duplicated: parts.reduce((n, p) => n + p.duplicates, 0),
    incompleteMessages: 0,
    deliveredUnacked: 0,
    deliveredFailed: 0,
    outOfOrder: parts.reduce((n, p) => n + p.outOfOrder, 0),
    foreign: parts.reduce((n, p) => n + p.foreign, 0),
    lastListener: new Histogram(),
  };
  const top = Math.max(0, ...parts.map((p) => p.distinct.length));
  for (let n = 0; n < top; n++) {
    const got = parts.reduce((k, p) => k + (p.distinct[n] ?? 0), 0);
    if (acked.has(n)) continue;
    if (failed.has(n)) v.deliveredFailed += got;
    else v.deliveredUnacked += got;
  }
  for (const n of acked) {
    const got = parts.reduce((k, p) => k + (p.distinct[n] ?? 0), 0);
    v.delivered += got;
    v.lost += listeners - got;
    if (got < listeners) v.incompleteMessages++;
    else if (listeners > 0) v.lastListener.record(Math.max(...parts.map((p) => (p.listeners > 0 ? (p.lastUs[n] ?? 0) : 0))));
  }
  return v;
}
