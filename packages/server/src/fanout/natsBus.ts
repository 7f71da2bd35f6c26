/**
 * The multi-node bus over NATS (core pub/sub, no JetStream: NATS is a wake-up, not the record).
 *
 * - After COMMIT a node publishes its batch once, as ONE message on `<prefix>.events` (never one
 *   per recipient); a batch too large for the server's max_payload goes out as a bare wake-up
 *   `{from, to}` and receivers read it from storage.
 * - Every node feeds its router through an `OrderedFeed` (natsFeed.ts): gapless, pos-ordered,
 *   exactly once; gaps are filled from `tx.events.allAfter`, and a periodic sweep compares
 *   `headPos()` so a node cut off from NATS still converges from the database.
 * - Ephemeral signals (typing, session revocations) go on `<prefix>.ephemeral`, best-effort.
 * The node's own events and signals are delivered locally at once; its echoes from NATS are ignored.
 */
import crypto from 'node:crypto';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { EventRow, EventsRepo } from '../storage/store.js';
import type { Bus, BusHandlers, EphemeralSignal } from './bus.js';
import { OrderedFeed, realTimers, type FeedTimers } from './natsFeed.js';

export interface NatsBusOptions {
  /** nats://host:port (several comma-separated servers are allowed). */
  url: string;
  /** Where gaps are filled from: the node's store (its read side). */
  store: { read: { events: Pick<EventsRepo, 'allAfter' | 'headPos'> } };
  /** The last pos this node's router has seen (usually `await store.read.events.headPos()` at start). */
  startPos: number;
  /** Subject prefix; nodes of one deployment share it. Default `backchannel`. */
  subjectPrefix?: string;
  /** How often to compare the delivered pos with storage's head. Default 1000 ms. */
  sweepIntervalMs?: number;
  /** How long an out-of-order arrival waits for the missing events before reading storage. Default 50 ms. */
  gapGraceMs?: number;
  /** Catch-up page size. Default 1000. */
  pageSize?: number;
  /** Injected for tests (a manual sweep); defaults to the real timers. */
  timers?: FeedTimers;
  /** Connection name shown by the NATS server (monitoring). */
  name?: string;
  /** Failures that the bus absorbs (storage down during a catch-up, a malformed message). */
  onError?: (err: unknown) => void;
  /** Connection status changes: `disconnect`, `reconnect`, … (for logs and tests). */
  onStatus?: (status: string) => void;
}

interface EventsMessage {
  origin: string;
  from: number;
  to: number;
  /** Absent when the batch was too large to carry: a bare wake-up. */
  events?: EventRow[];
}

interface EphemeralMessage {
  origin: string;
  signal: EphemeralSignal;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export async function createNatsBus(opts: NatsBusOptions): Promise<Bus> {
  const prefix = opts.subjectPrefix ?? 'backchannel';
  const eventsSubject = `${prefix}.events`;
  const ephemeralSubject = `${prefix}.ephemeral`;
  const origin = crypto.randomUUID();
  const onError = opts.onError ?? (() => undefined);
  const timers = opts.timers ?? realTimers;

  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: opts.url.split(','),
      name: opts.name ?? 'backchannel',
      // Keep trying forever: while NATS is away the sweep keeps the node converging from storage.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: 3000,
    });
  } catch (err) {
    throw new Error(`NATS is unreachable at ${opts.url}: ${(err as Error).message}. Is it running, and is BACKCHANNEL_NATS_URL right?`, { cause: err });
  }
  // Leave room for the NATS protocol header under the server's limit.
  const maxPayload = Math.floor((nc.info?.max_payload ?? 1024 * 1024) * 0.9);

  // Held in an object: TypeScript would narrow a `let` to null inside the callbacks below.
  const router: { handlers: BusHandlers | null } = { handlers: null };
  const feed = new OrderedFeed({
    startPos: opts.startPos,
    storage: opts.store.read,
    // Events before `subscribe` are dropped, as on the local bus: the router subscribes at start.
    deliver: (events) => router.handlers?.events(events),
    gapGraceMs: opts.gapGraceMs ?? 50,
    pageSize: opts.pageSize ?? 1000,
    timers,
    onError,
  });

  const subs: Subscription[] = [nc.subscribe(eventsSubject), nc.subscribe(ephemeralSubject)];
  void (async () => {
    for await (const m of subs[0]!) {
      try {
        const msg = JSON.parse(dec.decode(m.data)) as EventsMessage;
        if (msg.origin === origin) continue;
        if (msg.events) feed.offer(msg.events);
        else feed.hint(msg.to);
      } catch (err) {
        onError(err);
      }
    }
  })();
  void (async () => {
    for await (const m of subs[1]!) {
      try {
        const msg = JSON.parse(dec.decode(m.data)) as EphemeralMessage;
        if (msg.origin !== origin) router.handlers?.ephemeral(msg.signal);
      } catch (err) {
        onError(err);
      }
    }
  })();
  void (async () => {
    for await (const s of nc.status()) {
      opts.onStatus?.(s.type);
      // Whatever was published while we were away is in storage.
      if (s.type === 'reconnect') void feed.catchUp();
    }
  })();
  // A round trip to the server: once it returns, our SUBs are registered, so nothing published
  // after `createNatsBus` resolves can miss this node.
  await nc.flush();
  const sweep = timers.setInterval(() => void feed.sweep(), opts.sweepIntervalMs ?? 1000);
  // Events committed between `startPos` and the subscription are found at once, not at the first sweep.
  void feed.sweep();

  const send = (subject: string, body: unknown) => {
    try {
      // While reconnecting, nats.js buffers publishes; a closed connection throws: best-effort.
      nc.publish(subject, enc.encode(JSON.stringify(body)));
    } catch (err) {
      onError(err);
    }
  };

  return {
    publish(events: EventRow[]) {
      if (events.length === 0) return;
      feed.offer(events);
      const from = events[0]!.pos;
      const to = events[events.length - 1]!.pos;
      const full = enc.encode(JSON.stringify({ origin, from, to, events } satisfies EventsMessage));
      if (full.byteLength <= maxPayload) {
        try {
          nc.publish(eventsSubject, full);
        } catch (err) {
          onError(err);
        }
      } else {
        send(eventsSubject, { origin, from, to } satisfies EventsMessage);
      }
    },
    publishEphemeral(signal: EphemeralSignal) {
      router.handlers?.ephemeral(signal);
      send(ephemeralSubject, { origin, signal } satisfies EphemeralMessage);
    },
    subscribe(h: BusHandlers) {
      router.handlers = h;
    },
    deliveredPos: () => feed.deliveredPos(),
    close: async () => {
      timers.clearInterval(sweep);
      feed.close();
      router.handlers = null;
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}
