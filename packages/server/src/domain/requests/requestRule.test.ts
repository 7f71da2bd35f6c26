/**
 * Issue 9 item 3: one rule for the sender — to its sender, a request is pending until it is
 * accepted or expires (docs/subsystems/message-requests.md, "One rule for the sender"). Pending,
 * deleted, blocked, reported and blocked-before-asking requests run in lockstep (same instants,
 * injected clock); every answer the sender gets must equal the pending one but for ids: the message
 * cap, the length cap, a second conversation with the same person, a group request the recipient
 * refused, and what happens after the expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, named } from './requests.test-helpers.js';

const DAY = 86_400_000;
let server: TestServer;
const clock = new TestClock();
beforeAll(async () => {
  server = await startTestServer(
    { requestExtraMessages: 3, requestMessageMaxChars: 200, requestsPerMinute: 1000, requestDailyBudget: 1000, requestDailyBudgetNewAccount: 1000, requestExpiryDays: 30, safetyActionsPerMinute: 1000 },
    { clock },
  );
});
afterAll(() => server.close());

type Answer = 'none' | 'delete' | 'block' | 'report' | 'blockFirst';
const ANSWERS: Answer[] = ['none', 'delete', 'block', 'report', 'blockFirst'];

interface World {
  answer: Answer;
  a: TestUser;
  b: TestUser;
  /** B's conversation holding the request (a 1:1 or a group). */
  conv: string;
  names: Record<string, string>;
}

const namesOf = (a: TestUser, b: TestUser) => ({ [a.id]: 'A', [b.id]: 'B', [a.username]: 'a', [b.username]: 'b', [`User ${a.username}`]: 'User a', [`User ${b.username}`]: 'User b' });

/** Runs `act` in every world at the same instant; every answer must equal the pending world's. */
async function lockstep<T>(worlds: World[], act: (w: World) => Promise<T>): Promise<T[]> {
  const at = clock.t + 1000;
  const out: T[] = [];
  for (const w of worlds) {
    clock.t = at;
    out.push(await act(w));
  }
  const [control, ...rest] = worlds;
  rest.forEach((w, i) => expect({ answer: w.answer, got: named(out[i + 1], w.names) }).toEqual({ answer: w.answer, got: named(out[0], control!.names) }));
  return out;
}

/** A answers B's request (1:1 with one message, or a group) in each of the ways. */
async function worlds(kind: 'direct' | 'group'): Promise<World[]> {
  const made: World[] = [];
  for (const answer of ANSWERS) {
    const [a, b] = [await signupUser(server), await signupUser(server)];
    if (answer === 'blockFirst') expect((await api(server, a, 'PUT', `/v1/users/${b.id}/block`)).status).toBe(200);
    made.push({ answer, a, b, conv: '', names: namesOf(a, b) });
  }
  await lockstep(made, async (w) => {
    const res =
      kind === 'direct'
        ? await api<{ conversation: Conversation }>(server, w.b, 'POST', '/v1/conversations/direct', { userId: w.a.id })
        : await api<{ conversation: Conversation }>(server, w.b, 'POST', '/v1/conversations/group', { title: 'g', memberIds: [w.a.id] });
    w.conv = res.body.conversation.id;
    return res;
  });
  if (kind === 'direct') await lockstep(made, (w) => send(w, 'hello'));
  for (const w of made) {
    const action = { delete: 'delete', block: 'block', report: 'report' }[w.answer as 'delete' | 'block' | 'report'];
    if (action) expect((await api(server, w.a, 'POST', `/v1/requests/${w.conv}/${action}`, action === 'report' ? { reason: 'spam' } : undefined)).status).toBe(200);
  }
  return made;
}

// One send per world per lockstep instant: the instant names it the same way in every world.
const send = (w: World, text: string, conv = w.conv) => api(server, w.b, 'POST', `/v1/conversations/${conv}/messages`, { clientMessageId: `cm-${clock.t}`, text });
const bView = async (w: World, conv = w.conv) => {
  const c = (await api<{ conversation: Conversation }>(server, w.b, 'GET', `/v1/conversations/${conv}`)).body.conversation;
  const h = (await api(server, w.b, 'GET', `/v1/conversations/${conv}/messages`)).body;
  return { c, h };
};

describe('pending, deleted, blocked and reported requests look the same to their sender', () => {
  it('1:1: the same caps, the same refusal of a second conversation, the same fresh start after the expiry', async () => {
    const ws = await worlds('direct');
    const spy = await SpySocket.open(server, ws[0]!.a.token);
    expect((await lockstep(ws, (w) => send(w, 'x'.repeat(201)))).map((r) => r.status)).toEqual([413, 413, 413, 413, 413]);
    for (const text of ['two', 'three', 'four']) expect((await lockstep(ws, (w) => send(w, text)))[0]!.status).toBe(201);
    const fifth = await lockstep(ws, (w) => send(w, 'five'));
    expect(fifth[0]!.body).toMatchObject({ code: 'request_pending' });
    const group = await lockstep(ws, (w) => api(server, w.b, 'POST', '/v1/conversations/group', { title: 'again', memberIds: [w.a.id] }));
    expect(group[0]!).toMatchObject({ status: 409, body: { code: 'request_pending' } });
    await lockstep(ws, (w) => bView(w));
    // After the expiry the next message starts a fresh request, and a group is a new request.
    clock.advance(30 * DAY + 1);
    expect((await lockstep(ws, (w) => send(w, 'later')))[0]!.status).toBe(201);
    for (const text of ['l2', 'l3', 'l4']) await lockstep(ws, (w) => send(w, text));
    expect((await lockstep(ws, (w) => send(w, 'l5')))[0]!.body).toMatchObject({ code: 'request_pending' });
    await lockstep(ws, (w) => bView(w));
    spy.close();
  });

  it('group: the recipient who deleted, blocked or reported stays listed, and a second group is refused alike', async () => {
    const ws = await worlds('group');
    await lockstep(ws, (w) => send(w, 'hi all'));
    await lockstep(ws, (w) => bView(w));
    const second = await lockstep(ws, (w) => api(server, w.b, 'POST', '/v1/conversations/group', { title: 'again', memberIds: [w.a.id] }));
    expect(second[0]!).toMatchObject({ status: 409, body: { code: 'request_pending' } });
    const dm = await lockstep(ws, (w) => api(server, w.b, 'POST', '/v1/conversations/direct', { userId: w.a.id }));
    expect(dm[0]!).toMatchObject({ status: 409, body: { code: 'request_pending' } });
    // Only the pending recipient still has it; the others hear nothing more.
    const counts = await Promise.all(ws.map(async (w) => (await api<{ count: number }>(server, w.a, 'GET', '/v1/requests')).body.count));
    expect(counts).toEqual([1, 0, 0, 0, 0]);
  });
});

describe('a refused request the recipient comes back to', () => {
  it('the recipient who deleted it and opens the 1:1 finds it in Requests; replying accepts it and the caps lift', async () => {
    const [a, b] = [await signupUser(server), await signupUser(server)];
    const conv = (await api<{ conversation: Conversation }>(server, b, 'POST', '/v1/conversations/direct', { userId: a.id })).body.conversation.id;
    const w: World = { answer: 'delete', a, b, conv, names: namesOf(a, b) };
    for (const text of ['1', '2', '3', '4']) {
      clock.advance(1);
      expect((await send(w, text)).status).toBe(201);
    }
    expect((await api(server, a, 'POST', `/v1/requests/${conv}/delete`)).status).toBe(200);
    const reopened = await api<{ conversation: Conversation }>(server, a, 'POST', '/v1/conversations/direct', { userId: b.id });
    expect(reopened.body.conversation).toMatchObject({ folder: 'requests', request: { senderId: b.id } });
    const bSpy = await SpySocket.open(server, b.token);
    clock.advance(1);
    expect((await api(server, a, 'POST', `/v1/conversations/${conv}/messages`, { clientMessageId: `r-${clock.t}`, text: 'oh hi' })).status).toBe(201);
    await bSpy.waitFor((f) => f.type === 'request.accepted');
    clock.advance(1);
    expect((await send(w, 'five')).status).toBe(201);
    bSpy.close();
  });
});
