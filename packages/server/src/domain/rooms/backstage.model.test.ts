/**
 * Model-based test of the backstage (docs/subsystems/rooms.md, "Backstage"): random sequences of
 * stage changes — invite up (and accept), move down, make moderator, leave, rejoin — and backstage
 * messages from anyone, on a real server. After every step:
 * - a send answers 201 exactly for the current host, moderators and speakers, `not_found` for
 *   everyone else;
 * - each person's socket has received exactly the backstage messages sent while they were on the
 *   stage, and someone never on the stage has received no event about the backstage at all;
 * - each person's history is the whole backstage while on the stage, what it held when they left
 *   the stage while off it, and `not_found` if they were never on it.
 * Bounded: 15 runs × up to 20 steps, four people (the host and three listeners who start in the room).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BackstageResponse, MessagePage } from '@backchannel/protocol';
import { SpySocket, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, cmid, createRoom, people } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(() => s.close());

type Kind = 'join' | 'up' | 'down' | 'mod' | 'leave' | 'send';
interface Cmd {
  kind: Kind;
  /** 1..3: the person concerned (the host, 0, only sends). */
  who: number;
}
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant<Kind>('send'), who: fc.oneof(fc.constant(0), fc.nat(3)) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom<Kind>('join', 'up', 'up', 'up', 'down', 'down', 'mod', 'leave'), who: fc.integer({ min: 1, max: 3 }) }) },
);

interface Person {
  present: boolean;
  role: 'host' | 'moderator' | 'speaker' | 'listener';
  /** Messages they may read: all while on the stage; the first `seen` once off it; null: never on it. */
  seen: number | null;
  /** Ids of the backstage messages sent while they were on the stage, in order. */
  received: string[];
}
const onStage = (p: Person) => p.present && p.role !== 'listener';

async function step(host: TestUser, users: TestUser[], roomId: string, cid: string, m: Person[], sent: string[], c: Cmd): Promise<void> {
  const u = users[c.who]!;
  const p = m[c.who]!;
  const call = async (method: string, path: string, body?: unknown) => (await api(s, u, method, path, body)).status;
  const asHost = async (path: string, method = 'POST') => (await api(s, host, method, path)).status;
  if (c.kind === 'send') {
    const res = await api<{ message: { id: string } }>(s, u, 'POST', `/v1/conversations/${cid}/messages`, { clientMessageId: cmid(), text: `m${sent.length}` });
    expect(res.status).toBe(onStage(p) ? 201 : 404);
    if (res.status === 201) {
      sent.push(res.body.message.id);
      for (const q of m) if (onStage(q)) q.received.push(res.body.message.id);
    }
    return;
  }
  if (c.who === 0) return; // the host stays up and present: its own moves are the rooms tests'
  const was = onStage(p);
  if (c.kind === 'join' && !p.present) {
    expect(await call('POST', `/v1/rooms/${roomId}/join`)).toBe(200);
    p.present = true;
    if (p.role !== 'moderator') p.role = 'listener';
  } else if (c.kind === 'up' && p.present && p.role === 'listener') {
    expect(await asHost(`/v1/rooms/${roomId}/people/${u.id}/invite`)).toBe(200);
    expect(await call('POST', `/v1/rooms/${roomId}/speak`)).toBe(200);
    p.role = 'speaker';
  } else if (c.kind === 'down' && onStage(p)) {
    expect(await asHost(`/v1/rooms/${roomId}/people/${u.id}/audience`)).toBe(200);
    p.role = 'listener';
  } else if (c.kind === 'mod' && p.present && p.role !== 'moderator') {
    expect(await asHost(`/v1/rooms/${roomId}/moderators/${u.id}`, 'PUT')).toBe(200);
    p.role = 'moderator';
  } else if (c.kind === 'leave' && p.present) {
    expect(await call('POST', `/v1/rooms/${roomId}/leave`)).toBe(200);
    p.present = false;
    if (p.role === 'speaker') p.role = 'listener';
  }
  if (was && !onStage(p)) p.seen = sent.length;
  if (!was && onStage(p)) p.seen = Number.MAX_SAFE_INTEGER;
}

async function check(users: TestUser[], spies: SpySocket[], roomId: string, cid: string, m: Person[], sent: string[]): Promise<void> {
  for (let i = 0; i < users.length; i++) {
    const p = m[i]!;
    await spies[i]!.settle();
    const about = spies[i]!.events().filter((e) => JSON.stringify(e.data).includes(cid));
    if (p.seen === null) expect(about, `person ${i} was never on the stage`).toEqual([]);
    const got = about.filter((e) => e.type === 'message.created').map((e) => (e.data as { message: { id: string } }).message.id);
    expect(got, `person ${i}'s backstage messages`).toEqual(p.received);
    const res = await api<MessagePage & BackstageResponse>(s, users[i]!, 'GET', `/v1/conversations/${cid}/messages?limit=200`);
    if (p.seen === null) {
      expect(res.status).toBe(404);
      expect((await api(s, users[i]!, 'GET', `/v1/rooms/${roomId}/backstage`)).status).toBe(404);
    } else {
      expect(res.body.messages.map((x) => x.id)).toEqual(sent.slice(0, Math.min(p.seen, sent.length)));
    }
  }
}

it('after every stage change exactly the stage reads new backstage messages, and nobody else hears of them', async () => {
  const [host, ...others] = await people(s, 4);
  const users = [host!, ...others];
  await fc.assert(
    fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 20 }), async (cmds) => {
      const room = await createRoom(s, host!);
      const cid = (await api<BackstageResponse>(s, host!, 'GET', `/v1/rooms/${room.id}/backstage`)).body.conversation.id;
      for (const u of others) expect((await api(s, u, 'POST', `/v1/rooms/${room.id}/join`)).status).toBe(200);
      const spies = await Promise.all(users.map((u) => SpySocket.open(s, u.token, null)));
      const m: Person[] = users.map((_, i) => ({ present: true, role: i === 0 ? 'host' : 'listener', seen: i === 0 ? Number.MAX_SAFE_INTEGER : null, received: [] }));
      const sent: string[] = [];
      try {
        for (const c of cmds) {
          await step(host!, users, room.id, cid, m, sent, c);
          await check(users, spies, room.id, cid, m, sent);
        }
      } finally {
        for (const spy of spies) spy.close();
        // Everyone out, so the next run starts from listeners who were never on any stage.
        await api(s, host!, 'POST', `/v1/rooms/${room.id}/end`);
      }
    }),
    { numRuns: 15 },
  );
  // 15 runs of up to 20 steps over HTTP: about 20 s on SQLite and longer on PostgreSQL on a busy
  // machine; the bound is for a stuck run, not a speed check.
}, 180_000);
