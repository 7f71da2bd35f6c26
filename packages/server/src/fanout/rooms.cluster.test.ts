/**
 * Rooms across two nodes on one PostgreSQL schema and the real NATS server: a host on one node,
 * listeners on the other. A chat message reaches every listener of the other node, and crosses
 * NATS as ONE message (the commit's batch), whatever the number of listeners; a join of a listener
 * crosses as counts, coalesced by each node.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@backchannel/protocol';
import { createTestSchema, type TestSchema } from '../storage/postgres/testSchema.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { api, createRoom, join, listen, people, say } from '../domain/rooms/rooms.test-helpers.js';

const NATS_URL = process.env.BACKCHANNEL_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const LISTENERS = 20;

let schema: TestSchema;
let nodeA: TestServer;
let nodeB: TestServer;
let nc: NatsConnection;
const prefix = `bc_rooms_${process.pid}_${Date.now()}`;
const seen: Array<{ rows: number; roomRows: number }> = [];

beforeAll(async () => {
  schema = await createTestSchema();
  const cfg = { databaseUrl: schema.url, natsUrl: NATS_URL, natsSubjectPrefix: prefix, roomSweepIntervalMs: 0 };
  nodeA = await startTestServer(cfg);
  nodeB = await startTestServer(cfg);
  nc = await connect({ servers: NATS_URL });
  const sub = nc.subscribe(`${prefix}.events`);
  void (async () => {
    for await (const m of sub) {
      const body = JSON.parse(new TextDecoder().decode(m.data)) as { events?: Array<{ type: string }> };
      seen.push({ rows: body.events?.length ?? 0, roomRows: (body.events ?? []).filter((e) => e.type === 'room.outbox').length });
    }
  })();
  await nc.flush();
}, 60_000);

afterAll(async () => {
  await nc?.drain();
  await nodeA?.close();
  await nodeB?.close();
  await schema?.drop();
});

describe('rooms on two nodes', () => {
  it('delivers a room message to every listener on the other node with one NATS message', { timeout: 60_000 }, async () => {
    const [host, ...rest] = await people(nodeA, LISTENERS + 1);
    const room = await createRoom(nodeA, host);
    const spies = [];
    for (const u of rest) {
      await join(nodeB, u, room.id);
      spies.push((await listen(nodeB, u, room.id)).spy);
    }
    const hostView = await listen(nodeA, host, room.id);
    // Let the joins' wake-ups arrive, then count only what the message causes.
    await hostView.spy.settle();
    const before = seen.length;
    const sent = await say(nodeA, host, room.id, 'hello, other node');
    expect(sent.status).toBe(200);
    await Promise.all(spies.map((s) => s.waitFor((f) => f.type === 'room.message_created', 10_000)));
    expect(nodeB.router.rooms.subscriberCount(room.id)).toBe(LISTENERS);
    const frames = spies.map((s) => JSON.stringify(s.frames.find((f) => f.type === 'room.message_created')));
    expect(new Set(frames).size).toBe(1);
    // The message's commit crossed NATS once, carrying one room row, for all the listeners.
    await until(() => seen.slice(before).some((m) => m.roomRows > 0));
    expect(seen.slice(before).filter((m) => m.roomRows > 0)).toEqual([{ rows: 1, roomRows: 1 }]);
    // Counts of the other node's joins reached the host's node.
    const r = await api<{ room: Room }>(nodeA, host, 'GET', `/v1/rooms/${room.id}`);
    expect(r.body.room.listenerCount).toBe(LISTENERS);
    nodeA.router.rooms.flushCounts();
    for (const s of [...spies, hostView.spy]) s.close();
  });
});

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}
