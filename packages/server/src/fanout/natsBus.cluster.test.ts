/**
 * Two nodes (two NATS buses, two PostgreSQL stores on one schema) on the real NATS server: every
 * node's router gets every committed event once, gapless and in pos order — when messages cross,
 * when one is lost (gap filled from storage), and when a node is cut off from NATS (sweep) and
 * comes back (reconnect).
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTcpFaultProxy, type TcpFaultProxy } from '../storage/conformance/tcpFaultProxy.js';
import { openPostgresStore } from '../storage/postgres/pgStore.js';
import { createTestSchema, type TestSchema } from '../storage/postgres/testSchema.js';
import type { EventRow, Store } from '../storage/store.js';
import type { Bus, EphemeralSignal } from './bus.js';
import { createNatsBus, type NatsBusOptions } from './natsBus.js';
import { realTimers, type FeedTimers } from './natsFeed.js';

const NATS_URL = process.env.BACKCHANNEL_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** What one node's router saw, with a way to wait (bounded) until a condition holds. */
class Router {
  events: EventRow[] = [];
  signals: EphemeralSignal[] = [];
  private waiters: Array<() => void> = [];
  constructor(bus: Bus) {
    bus.subscribe({
      events: (e) => (this.events.push(...e), this.poke()),
      ephemeral: (s) => (this.signals.push(s), this.poke()),
    });
  }
  /** Wakes `until` waiters to re-check their condition. */
  poke() {
    for (const w of this.waiters.splice(0)) w();
  }
  async until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; router has ${this.events.length} events`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }
  positions = () => this.events.map((e) => e.pos);
}

/** Timers whose interval (the sweep) only fires when the test says so. */
function manualSweep(): FeedTimers & { sweep(): void } {
  const fns: Array<() => void> = [];
  return { ...realTimers, setInterval: (fn) => (fns.push(fn), fns.length), clearInterval: () => undefined, sweep: () => fns.forEach((f) => f()) };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('NATS bus across nodes', () => {
  let schema: TestSchema;
  let prefix: string;
  const cleanups: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    schema = await createTestSchema();
    prefix = `bc_test_${crypto.randomBytes(6).toString('hex')}`;
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await schema.drop();
  });

  /** A node: its store, its bus, a relay that publishes after COMMIT (unless told to drop), its router. */
  async function node(extra: Partial<NatsBusOptions> = {}) {
    const store: Store = await openPostgresStore({ url: schema.url, poolSize: 3 });
    cleanups.push(() => store.close());
    const bus = await createNatsBus({ url: NATS_URL, store, startPos: await store.read.events.headPos(), subjectPrefix: prefix, ...extra });
    cleanups.push(() => bus.close());
    const relay = { drop: false };
    store.onCommitted((events) => {
      if (!relay.drop) bus.publish(events);
    });
    return { store, bus, relay, router: new Router(bus) };
  }
  const append = (store: Store, n: number, tag: string) =>
    Promise.all(
      Array.from({ length: n }, (_, i) => store.write((tx) => tx.events.append({ type: 'read.updated', conversationId: null, userId: 'u', payload: { tag, i }, createdAt: i }))),
    );

  it('delivers events committed on both nodes to both routers, in order, once', async () => {
    const a = await node();
    const b = await node();
    await Promise.all([append(a.store, 150, 'a'), append(b.store, 150, 'b'), append(a.store, 50, 'a2')]);
    for (const n of [a, b]) {
      await n.router.until('all 350 events', () => n.router.events.length >= 350);
      expect(n.router.positions()).toEqual(range(350));
      expect(n.bus.deliveredPos()).toBe(350);
    }
    expect(b.router.events).toEqual(a.router.events);
  });

  it('fills a lost message from storage when a later one reveals the gap', async () => {
    const a = await node();
    const b = await node({ timers: manualSweep() }); // no sweep: only gap detection can help
    await append(a.store, 3, 'first');
    a.relay.drop = true; // committed but never published (the node died before its relay ran)
    await append(a.store, 4, 'lost');
    a.relay.drop = false;
    await append(a.store, 2, 'last');
    await b.router.until('9 events', () => b.router.events.length >= 9);
    expect(b.router.positions()).toEqual(range(9));
    expect(b.router.events.map((e) => (e.payload as { tag: string }).tag)).toEqual([...Array(3).fill('first'), ...Array(4).fill('lost'), ...Array(2).fill('last')]);
  });

  it('converges from storage by the sweep when the last message is lost', async () => {
    const a = await node();
    const timers = manualSweep();
    const b = await node({ timers });
    await append(a.store, 2, 'seen');
    await b.router.until('2 events', () => b.router.events.length >= 2);
    a.relay.drop = true;
    await append(a.store, 3, 'unannounced');
    timers.sweep();
    await b.router.until('5 events', () => b.router.events.length >= 5);
    expect(b.router.positions()).toEqual(range(5));
  });

  it('keeps converging while cut off from NATS, and takes wake-ups again after reconnecting', async () => {
    const proxy: TcpFaultProxy = await startTcpFaultProxy({ host: '127.0.0.1', port: Number(new URL(NATS_URL).port || 4222) });
    cleanups.push(() => proxy.close());
    const a = await node();
    const timers = manualSweep();
    const statuses: string[] = [];
    const b = await node({ url: proxy.url(NATS_URL), timers, onStatus: (s) => (statuses.push(s), b.router.poke()) });
    await append(a.store, 5, 'before');
    await b.router.until('5 events', () => b.router.events.length >= 5);

    await proxy.cut();
    await append(a.store, 5, 'during');
    timers.sweep(); // NATS is gone: the database is still the record
    await b.router.until('10 events', () => b.router.events.length >= 10);

    await proxy.restore();
    await b.router.until('reconnect', () => statuses.includes('reconnect'));
    await append(a.store, 5, 'after'); // no sweep from here on: only NATS can tell b
    await b.router.until('15 events', () => b.router.events.length >= 15);
    expect(b.router.positions()).toEqual(range(15));

    a.bus.publishEphemeral({ type: 'typing', conversationId: 'c', userId: 'u', recipients: ['v'] });
    await b.router.until('typing', () => b.router.signals.length === 1);
    expect(a.router.signals).toEqual(b.router.signals);
  });

  it('fails to start with a clear error when NATS is unreachable', async () => {
    const proxy = await startTcpFaultProxy({ host: '127.0.0.1', port: 4222 });
    await proxy.cut();
    const store = { read: { events: { allAfter: async () => [], headPos: async () => 0 } } };
    await expect(createNatsBus({ url: proxy.url(NATS_URL), store, startPos: 0 })).rejects.toThrow(/NATS is unreachable at nats:\/\/127\.0\.0\.1:\d+/);
  });
});
