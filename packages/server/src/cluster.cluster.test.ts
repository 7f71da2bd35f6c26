/**
 * Scale-out with real processes: three server nodes on one PostgreSQL schema and NATS, clients
 * behind a TCP balancer (nginx's role). Each service link of a node goes through a fault proxy so
 * one node can lose NATS, or all nodes PostgreSQL, without touching the services other tests use.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpFaultProxy, type TcpFaultProxy } from './storage/conformance/tcpFaultProxy.js';
import { createTestSchema, type TestSchema } from './storage/postgres/testSchema.js';
import { connectLedgerSockets, ledgerConversations, ledgerStorm, ledgerUsers, until, verifyLedger } from './testing/ledger.js';
import { freePort, ServerProcess } from './testing/process.js';
import { startTcpBalancer, type TcpBalancer } from './testing/tcpBalancer.js';
import { SpySocket } from './testing/harness.js';

/** A raw socket to one node (not through the balancer). */
class SpySocketOn {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}
  open(cursor: string | null): Promise<SpySocket> {
    return SpySocket.open({ wsUrl: this.url.replace(/^http/, 'ws') }, this.token, cursor);
  }
}

const NATS = new URL(process.env.BACKCHANNEL_TEST_NATS_URL ?? 'nats://127.0.0.1:4222');
const PG = new URL(process.env.BACKCHANNEL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

let schema: TestSchema;
let pgProxy: TcpFaultProxy;
const natsProxies: TcpFaultProxy[] = [];
const nodes: ServerProcess[] = [];
let balancer: TcpBalancer;
// PostgreSQL group commit runs ~150–1,000 sends/s here (docs/performance.md); offer ~100/s so the
// test measures correctness under faults, not a backlog.
const CLUSTER_STORM = { intervalMs: 10, maxSends: 1500 };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  schema = await createTestSchema();
  pgProxy = await startTcpFaultProxy({ host: PG.hostname, port: Number(PG.port) });
  const prefix = `bc_cluster_${process.pid}_${Date.now()}`;
  for (let i = 0; i < 3; i++) {
    const natsProxy = await startTcpFaultProxy({ host: NATS.hostname, port: Number(NATS.port) });
    natsProxies.push(natsProxy);
    const node = new ServerProcess(await freePort(), {
      BACKCHANNEL_DATABASE_URL: pgProxy.url(schema.url),
      BACKCHANNEL_NATS_URL: `nats://127.0.0.1:${natsProxy.port}`,
      BACKCHANNEL_NATS_SUBJECT_PREFIX: prefix,
      BACKCHANNEL_HASH_CONCURRENCY: '4',
      // The storms below send far faster than a person; the default op limit is for people.
      BACKCHANNEL_SOCKET_OPS_PER_MINUTE: '100000',
    });
    await node.start(30_000); // sequential: the first node migrates the schema
    nodes.push(node);
  }
  balancer = await startTcpBalancer(nodes.map((n) => n.port));
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill()));
  await balancer?.close();
  await Promise.all([...natsProxies, pgProxy].filter(Boolean).map((p) => p.close()));
  await schema?.drop();
});

describe('three nodes on PostgreSQL + NATS', () => {
  it('clients connected to different nodes converse in real time', { timeout: 60_000 }, async () => {
    const members = await ledgerUsers(3, (i) => nodes[i]!.url, 'live');
    const conversations = await ledgerConversations(members);
    await connectLedgerSockets(members);
    const group = conversations.at(-1)!;
    const sent = await Promise.all(members.map((m, i) => m.client.sendMessage(group.id, { clientMessageId: `hello-${i}`, text: `hello from node ${i}` })));
    for (const m of members) await until(() => sent.every((s) => m.received.get(s.clientMessageId!) === 1), 10_000, `node fan-out to ${m.id}`);
    for (const m of members) m.socket.close();
  });

  it('a client whose node is SIGKILLed reconnects to another node and loses nothing', { timeout: 120_000 }, async () => {
    const members = await ledgerUsers(6, () => balancer.url, 'failover');
    const conversations = await ledgerConversations(members);
    await connectLedgerSockets(members);
    const outcomes = await ledgerStorm(conversations, async () => {
      await pause(1500);
      const victim = nodes[1]!;
      await victim.kill('SIGKILL');
      await pause(1500);
      await victim.start(30_000);
      await pause(1000);
    }, CLUSTER_STORM);
    const { acked } = await verifyLedger(conversations, outcomes);
    expect(acked).toBeGreaterThan(50);
    for (const m of members) m.socket.close();
  });

  it('a node cut off from NATS still delivers everything to its clients, from the database', { timeout: 90_000 }, async () => {
    const [sender, reader] = await ledgerUsers(2, (i) => nodes[i === 0 ? 0 : 2]!.url, 'natscut');
    const conv = await sender!.client.openDirect(reader!.id);
    const socket = reader!.client.socket({ WebSocket, cursor: (await reader!.client.syncHead()).cursor });
    const got = new Set<string>();
    socket.on('message.created', (e) => void got.add(e.data.message.clientMessageId ?? ''));
    socket.connect();
    await natsProxies[2]!.cut();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await sender!.client.sendMessage(conv.id, { clientMessageId: `cut-${i}`, text: `while cut ${i}` })).clientMessageId!);
    // The node's periodic sweep reads the database even while NATS is gone.
    await until(() => ids.every((id) => got.has(id)), 20_000, 'delivery to the cut-off node');
    await natsProxies[2]!.restore();
    for (let i = 0; i < 5; i++) ids.push((await sender!.client.sendMessage(conv.id, { clientMessageId: `healed-${i}`, text: `healed ${i}` })).clientMessageId!);
    await until(() => ids.every((id) => got.has(id)), 20_000, 'delivery after healing');
    socket.close();
  });

  it('a cursor minted by one node resumes on another, and every node names an event with the same token', { timeout: 60_000 }, async () => {
    const [sender, reader] = await ledgerUsers(2, (i) => nodes[i]!.url, 'cursor');
    const conv = await sender!.client.openDirect(reader!.id);
    const head = (await reader!.client.syncHead()).cursor; // minted by node 1
    const onNode = (i: number) => new SpySocketOn(nodes[i]!.url, reader!.client.token!);
    const live = await onNode(0).open(head); // resumed on node 0
    await sender!.client.sendMessage(conv.id, { clientMessageId: 'tok-1', text: 'one' });
    const seen = await live.waitFor((f) => f.type === 'message.created' && f.data.message.clientMessageId === 'tok-1');
    const replay = await onNode(2).open(head); // replayed on node 2 from the same cursor
    const again = replay.events().find((e) => e.type === 'message.created' && e.data.message.clientMessageId === 'tok-1');
    expect(again?.pos).toBe((seen as { pos: string }).pos);
    const replayed = replay.events();
    expect(replay.frames.find((f) => f.type === 'ready')).toMatchObject({ cursor: replayed.at(-1)!.pos, replayed: replayed.length });
    live.close();
    replay.close();
  });

  it('PostgreSQL going away mid-storm loses no acknowledged message and reports no unwritten one as sent', { timeout: 120_000 }, async () => {
    const members = await ledgerUsers(4, () => balancer.url, 'pgdown');
    const conversations = await ledgerConversations(members);
    await connectLedgerSockets(members);
    const outcomes = await ledgerStorm(conversations, async () => {
      await pause(1000);
      await pgProxy.cut(); // every connection dropped mid-transaction, new ones refused
      await pause(2000);
      await pgProxy.restore();
      await pause(1500);
    }, CLUSTER_STORM);
    const { acked } = await verifyLedger(conversations, outcomes);
    expect(acked).toBeGreaterThan(20);
    const ready = await members[0]!.client.syncHead();
    expect(ready.cursor).toMatch(/^[A-Za-z0-9_-]{48}$/);
    for (const m of members) m.socket.close();
  });
});
