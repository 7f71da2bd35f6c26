/**
 * The worker side of `dm`: owns a share of the users' sockets, sends closed-loop (each user keeps
 * `window` sends in flight) or open-loop at a fixed rate (latency measured from the *intended* send
 * time, so a stalled server cannot hide its stall: no coordinated omission), and records the ledger.
 *
 * A message's text carries its send time (monotonic µs, comparable across processes) and its
 * client message id `<sender>.<n>`, so any recipient in any worker can measure send→delivery.
 */
import type { BenchClient, BenchConversation, BenchUser, ClientFactory, ReceivedMessage } from '../drivers/types.js';
import { emptyLedger, type LedgerPart } from '../ledger.js';
import { Histogram, nowUs, type HistogramData } from '../stats.js';
import { forEachBounded, waitUntil } from '../util.js';
import type { Counters, DmParams } from './protocol.js';

const CMID = /^\d+\.\d+$/;

export function makeText(sendUs: number, cmid: string, bytes: number): string {
  const head = `${sendUs} ${cmid} `;
  return head + 'x'.repeat(Math.max(0, bytes - head.length));
}

export class DmTask {
  ack = new Histogram();
  delivery = new Histogram();
  readonly ledger: LedgerPart = emptyLedger();
  readonly counters: Counters = { sent: 0, acked: 0, failed: 0, received: 0, owed: 0, errors: 0, inFlight: 0 };
  readonly errorSamples: string[] = [];
  private readonly clients = new Map<number, BenchClient>();
  private readonly convsOf = new Map<number, BenchConversation[]>();
  private readonly lastSeq = new Map<string, number>();
  private readonly nextN = new Map<number, number>();
  private stopping = false;
  private backlogged = false;

  constructor(
    private readonly factoryFor: (user: BenchUser) => ClientFactory,
    private readonly users: BenchUser[],
    conversations: BenchConversation[],
    private readonly timeoutMs: number,
    private readonly echoesToSender: boolean,
  ) {
    const mine = new Set(users.map((u) => u.index));
    for (const c of conversations) for (const m of c.members) if (mine.has(m)) this.convsOf.set(m, [...(this.convsOf.get(m) ?? []), c]);
  }

  error(msg: string): void {
    this.counters.errors++;
    if (this.errorSamples.length < 10) this.errorSamples.push(msg);
  }

  async connectAll(): Promise<void> {
    await forEachBounded(this.users.length, 64, Date.now() + this.timeoutMs * 4, async (i) => {
      const u = this.users[i];
      if (!u) return;
      const client = await this.factoryFor(u).connect(
        u,
        {
          onMessage: (m) => this.onMessage(u.index, m),
          onClose: (reason) => this.error(`user ${u.index} disconnected: ${reason}`),
          onError: (reason) => this.error(reason),
        },
        { timeoutMs: this.timeoutMs },
      );
      this.clients.set(u.index, client);
    });
  }

  private onMessage(recipient: number, m: ReceivedMessage): void {
    if (!CMID.test(m.clientMessageId)) return; // system messages (group created, …)
    this.counters.received++;
    this.ledger.received.push([m.clientMessageId, recipient]);
    if (m.seq !== null) {
      const key = `${recipient}|${m.conversationId}`;
      if (m.seq <= (this.lastSeq.get(key) ?? -1)) this.ledger.outOfOrder++;
      this.lastSeq.set(key, m.seq);
    }
    const sender = Number(m.clientMessageId.slice(0, m.clientMessageId.indexOf('.')));
    if (sender === recipient) return; // the sender's own echo is not a delivery latency
    const sentUs = Number(m.text.slice(0, m.text.indexOf(' ')));
    if (Number.isFinite(sentUs)) this.delivery.record(nowUs() - sentUs);
  }

  /** One send; `intendedUs` is when it should have left (open loop) or when it did (closed loop). */
  private async sendOne(user: number, conv: BenchConversation, intendedUs: number, bytes: number): Promise<void> {
    const client = this.clients.get(user);
    if (!client) return;
    const n = this.nextN.get(user) ?? 0;
    this.nextN.set(user, n + 1);
    const cmid = `${user}.${n}`;
    const record = { cmid, conversation: conv.index, sender: user };
    this.counters.sent++;
    this.counters.inFlight++;
    try {
      await client.send(conv, cmid, makeText(intendedUs, cmid, bytes));
      this.ack.record(nowUs() - intendedUs);
      this.counters.acked++;
      this.counters.owed += conv.members.length - (this.echoesToSender ? 0 : 1);
      this.ledger.acked.push(record);
    } catch (err) {
      this.counters.failed++;
      this.ledger.failed.push(record);
      this.error(`send ${cmid}: ${(err as Error).message}`);
    } finally {
      this.counters.inFlight--;
    }
  }

  private pickConversation(user: number, n: number): BenchConversation | undefined {
    const convs = this.convsOf.get(user) ?? [];
    return convs[n % Math.max(1, convs.length)];
  }

  async run(p: DmParams): Promise<void> {
    const end = Date.now() + p.durationMs;
    const senders = this.users.map((u) => u.index).filter((i) => this.clients.has(i) && (this.convsOf.get(i)?.length ?? 0) > 0);
    if (p.ratePerS === null) {
      const lanes: Promise<void>[] = [];
      for (const u of senders) {
        for (let w = 0; w < p.window; w++) {
          lanes.push(
            (async () => {
              for (let k = 0; !this.stopping && Date.now() < end && this.counters.sent < p.maxMessages; k++) {
                const conv = this.pickConversation(u, k);
                if (!conv) return;
                await this.sendOne(u, conv, nowUs(), p.messageBytes);
              }
            })(),
          );
        }
      }
      await Promise.all(lanes);
      return;
    }
    await this.openLoop(p, p.ratePerS, senders, end);
  }

  private async openLoop(p: DmParams, rate: number, senders: number[], end: number): Promise<void> {
    const startUs = nowUs();
    const inFlightOf = new Map<number, number>();
    let issued = 0;
    let rr = 0;
    while (!this.stopping && Date.now() < end && issued < p.maxMessages && senders.length > 0) {
      const due = Math.floor(((nowUs() - startUs) * rate) / 1e6);
      for (; issued < due && issued < p.maxMessages; issued++) {
        const intendedUs = startUs + (issued * 1e6) / rate;
        let tries = 0;
        let u = senders[rr++ % senders.length] ?? 0;
        while ((inFlightOf.get(u) ?? 0) >= p.window && tries++ < senders.length) u = senders[rr++ % senders.length] ?? 0;
        if ((inFlightOf.get(u) ?? 0) >= p.window) {
          // Every sender is at its cap: the server is behind. Still count the send as issued late;
          // its latency (from the intended time) shows the backlog.
          if (!this.backlogged) this.error('client backlog: every sender reached its in-flight cap (server behind the rate)');
          this.backlogged = true;
          break;
        }
        const conv = this.pickConversation(u, issued);
        if (!conv) continue;
        inFlightOf.set(u, (inFlightOf.get(u) ?? 0) + 1);
        void this.sendOne(u, conv, intendedUs, p.messageBytes).finally(() => inFlightOf.set(u, (inFlightOf.get(u) ?? 1) - 1));
      }
      await new Promise((r) => setTimeout(r, 2)); // the pacing tick; bounded by `end`
    }
  }

  /**
   * Ends a measurement phase (after stop()): returns its histograms and starts new ones, so the
   * next run() is measured on its own (the room workload's DMs idle, then during the room). The
   * ledger and counters go on across phases.
   */
  nextPhase(): { ack: HistogramData; delivery: HistogramData } {
    const out = { ack: this.ack.toJSON(), delivery: this.delivery.toJSON() };
    this.ack = new Histogram();
    this.delivery = new Histogram();
    this.stopping = false;
    this.backlogged = false;
    return out;
  }

  /** Stops issuing sends and waits (bounded) for those in flight to be answered. */
  async stop(): Promise<void> {
    this.stopping = true;
    await waitUntil(() => this.counters.inFlight === 0, this.timeoutMs);
  }

  closeAll(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
