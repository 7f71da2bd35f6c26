/**
 * The worker side of `room`: many listener sockets (each joins the room and subscribes), and in
 * worker 0 the senders, which post at a fixed total rate (open loop: latency from the *intended*
 * send time, as in dm). A message's text starts with that time (monotonic µs, comparable across
 * processes), so every listener measures send → delivery; the ledger counts every copy.
 */
import type { BenchClient, BenchRoom, BenchUser, ClientFactory, ReceivedMessage } from '../drivers/types.js';
import { RoomListenerLedger, roomCmid, type RoomSendPart } from '../roomLedger.js';
import { Histogram, nowUs } from '../stats.js';
import { waitUntil } from '../util.js';
import { makeText } from './dmTask.js';
import type { RoomCounters, RoomJoinParams, RoomRunParams } from './protocol.js';

export interface JoinOutcome {
  joined: number;
  failed: number;
  allMs: number;
  hist: Histogram;
}

export class RoomTask {
  readonly delivery = new Histogram();
  readonly ack = new Histogram();
  readonly counters: RoomCounters = { sent: 0, acked: 0, failed: 0, received: 0, errors: 0, closed: 0, inFlight: 0 };
  readonly sends: RoomSendPart = { acked: [], failed: [] };
  readonly errorSamples: string[] = [];
  private ledger: RoomListenerLedger | null = null;
  private readonly listeners: BenchClient[] = [];
  private readonly senders: BenchClient[] = [];
  private room: BenchRoom | null = null;
  private stopping = false;
  private backlogged = false;

  constructor(
    private readonly factoryFor: (user: BenchUser) => ClientFactory,
    private readonly timeoutMs: number,
  ) {}

  private error(msg: string): void {
    this.counters.errors++;
    if (this.errorSamples.length < 10) this.errorSamples.push(msg);
  }

  private onListenerMessage(slot: number, m: ReceivedMessage): void {
    const sentUs = Number(m.text.slice(0, m.text.indexOf(' ')));
    const latency = Number.isFinite(sentUs) ? nowUs() - sentUs : 0;
    if (!this.ledger) return; // nothing is sent before every listener joined
    if (this.ledger.record(slot, m.clientMessageId, m.seq, latency)) {
      this.counters.received++;
      this.delivery.record(latency);
    }
  }

  /** Opens one socket and joins; `slot` is asked for at the first message, after the join. */
  private async open(u: BenchUser, room: BenchRoom, slotOf: () => number, role: string): Promise<BenchClient> {
    const client = await this.factoryFor(u).connect(
      u,
      {
        onMessage: () => undefined,
        onRoomMessage: (m) => {
          const slot = slotOf();
          if (slot >= 0) this.onListenerMessage(slot, m);
        },
        onClose: (reason) => {
          this.counters.closed++;
          this.error(`${role} ${u.name} closed by the server: ${reason}`);
        },
        onError: (reason) => this.error(reason),
      },
      { timeoutMs: this.timeoutMs, listenerOnly: role === 'listener' },
    );
    try {
      await client.joinRoom(room);
    } catch (err) {
      client.close();
      throw err;
    }
    return client;
  }

  /** Senders first (the host is one), then the listeners, `concurrency` at a time, before `deadlineMs`. */
  async join(p: RoomJoinParams): Promise<JoinOutcome> {
    this.room = p.room;
    for (const s of p.senders) this.senders.push(await this.open(s, p.room, () => -1, 'sender'));
    const hist = new Histogram();
    const t0 = Date.now();
    const deadline = t0 + p.deadlineMs;
    let next = 0;
    let failed = 0;
    const slots: number[] = [];
    const lane = async () => {
      while (next < p.listeners.length && Date.now() < deadline) {
        const k = next++;
        const u = p.listeners[k];
        if (!u) continue;
        const s = nowUs();
        try {
          const c = await this.open(u, p.room, () => slots[k] ?? -1, 'listener');
          hist.record(nowUs() - s);
          slots[k] = this.listeners.length;
          this.listeners.push(c);
        } catch (err) {
          failed++;
          this.error(`listener ${u.name}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(p.concurrency, p.listeners.length)) }, lane));
    failed = p.listeners.length - this.listeners.length; // errors, and those the deadline cut off
    this.ledger = new RoomListenerLedger(this.listeners.length);
    return { joined: this.listeners.length, failed, allMs: Date.now() - t0, hist };
  }

  private async sendOne(n: number, intendedUs: number, bytes: number, inFlight: number[]): Promise<void> {
    const s = n % this.senders.length;
    const client = this.senders[s];
    const room = this.room;
    if (!client || !room) return;
    const cmid = roomCmid(n);
    this.counters.sent++;
    this.counters.inFlight++;
    inFlight[s] = (inFlight[s] ?? 0) + 1;
    try {
      await client.sendRoom(room, cmid, makeText(intendedUs, cmid, bytes));
      this.ack.record(nowUs() - intendedUs);
      this.counters.acked++;
      this.sends.acked.push(n);
    } catch (err) {
      this.counters.failed++;
      this.sends.failed.push(n);
      this.error(`room send ${cmid}: ${(err as Error).message}`);
    } finally {
      this.counters.inFlight--;
      inFlight[s] = (inFlight[s] ?? 1) - 1;
    }
  }

  /** Open loop at `ratePerS` in total, message n from sender n mod S; bounded by time and count. */
  async run(p: RoomRunParams): Promise<void> {
    if (this.senders.length === 0) return;
    const end = Date.now() + p.durationMs;
    const startUs = nowUs();
    const inFlight: number[] = this.senders.map(() => 0);
    let issued = 0;
    while (!this.stopping && Date.now() < end && issued < p.maxMessages) {
      const due = Math.min(p.maxMessages, Math.floor(((nowUs() - startUs) * p.ratePerS) / 1e6));
      for (; issued < due; issued++) {
        if ((inFlight[issued % this.senders.length] ?? 0) >= p.window) {
          // The server is behind this sender: the send goes out late, and its latency (from the
          // intended time) shows the backlog.
          if (!this.backlogged) this.error(`room sender backlog: ${p.window} sends in flight (server behind the rate)`);
          this.backlogged = true;
          break;
        }
        void this.sendOne(issued, startUs + (issued * 1e6) / p.ratePerS, p.messageBytes, inFlight);
      }
      await new Promise((r) => setTimeout(r, 2)); // the pacing tick; bounded by `end`
    }
  }

  /** Stops sending and waits (bounded) for the sends in flight to be answered. */
  async stop(): Promise<void> {
    this.stopping = true;
    await waitUntil(() => this.counters.inFlight === 0, this.timeoutMs);
  }

  ledgerPart() {
    return (this.ledger ?? new RoomListenerLedger(0)).part();
  }

  closeAll(): void {
    for (const c of [...this.listeners, ...this.senders]) c.close();
    this.listeners.length = 0;
    this.senders.length = 0;
  }
}
