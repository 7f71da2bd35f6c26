/**
 * Issue 9 item 1: a block stops every path from the blocked person to the blocker, groups included.
 * B creates a group with A (who blocked B), or adds A to a group B moderates: it looks normal to B
 * and to the other members (A is listed, like a member who never answers), but A is never added,
 * sees nothing, gets no event and nothing in Requests. Each scenario runs next to a control where
 * the other person simply does not answer, at the same instants (injected clock), and B's views
 * must be equal field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, MessagePage } from '@backchannel/protocol';
import { RELAXED_REQUEST_LIMITS, SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { expireRequests } from './expireRequests.js';
import { api, named } from './requests.test-helpers.js';

let server: TestServer;
const clock = new TestClock();
beforeAll(async () => {
  server = await startTestServer(RELAXED_REQUEST_LIMITS, { clock });
});
afterAll(() => server.close());

/** The blocked world (B, A who blocked B, C) and its control (B', A' who just never answers, C'). */
interface Worlds {
  real: { a: TestUser; b: TestUser; c: TestUser };
  ctrl: { a: TestUser; b: TestUser; c: TestUser };
  aSpy: SpySocket;
  names: (w: 'real' | 'ctrl') => Record<string, string>;
}

async function worlds(): Promise<Worlds> {
  const make = async () => ({ a: await signupUser(server), b: await signupUser(server), c: await signupUser(server) });
  const [real, ctrl] = [await make(), await make()];
  expect((await api(server, real.a, 'PUT', `/v1/users/${real.b.id}/block`)).status).toBe(200);
  const aSpy = await SpySocket.open(server, real.a.token);
  const names = (w: 'real' | 'ctrl') => {
    const u = w === 'real' ? real : ctrl;
    return { [u.a.id]: 'A', [u.b.id]: 'B', [u.c.id]: 'C', [u.a.username]: 'a', [u.b.username]: 'b', [u.c.username]: 'c', [`User ${u.a.username}`]: 'User a', [`User ${u.b.username}`]: 'User b', [`User ${u.c.username}`]: 'User c' };
  };
  return { real, ctrl, aSpy, names };
}

/** Runs `act` in both worlds at the same instant; the answers must be equal but for ids. */
async function both<T>(w: Worlds, act: (u: Worlds['real'], extra: Record<string, string>) => Promise<T>): Promise<{ real: T; ctrl: T }> {
  clock.advance(1000);
  const real = await act(w.real, w.names('real'));
  const ctrl = await act(w.ctrl, w.names('ctrl'));
  expect(named(real, w.names('real'))).toEqual(named(ctrl, w.names('ctrl')));
  return { real, ctrl };
}

/** B's conversation, history and inbox, as B sees them, in both worlds. */
async function sameForB(w: Worlds, ids: { real: string; ctrl: string }): Promise<void> {
  await both(w, async (u) => {
    const id = u === w.real ? ids.real : ids.ctrl;
    const conv = await api<{ conversation: Conversation }>(server, u.b, 'GET', `/v1/conversations/${id}`);
    const hist = await api<MessagePage>(server, u.b, 'GET', `/v1/conversations/${id}/messages`);
    const inbox = await api<{ conversations: Conversation[] }>(server, u.b, 'GET', '/v1/conversations?folder=inbox');
    return { conv: conv.body, hist: hist.body, inbox: inbox.body };
  });
}

async function aLearnedNothing(w: Worlds, conversationId: string): Promise<void> {
  await w.aSpy.settle();
  expect(w.aSpy.frames.filter((f) => f.type !== 'ack' && f.type !== 'hello' && f.type !== 'ready')).toEqual([]);
  const { a } = w.real;
  expect((await api(server, a, 'GET', `/v1/conversations/${conversationId}`)).status).toBe(404);
  expect((await api<{ count: number }>(server, a, 'GET', '/v1/requests')).body.count).toBe(0);
  for (const folder of ['inbox', 'requests', 'archived']) {
    expect((await api<{ conversations: Conversation[] }>(server, a, 'GET', `/v1/conversations?folder=${folder}`)).body.conversations).toEqual([]);
  }
}

describe('a block stops groups too', () => {
  it('B creates a group with A (who blocked B) and C: 201 and A listed, as if A never answered; A is never added and hears nothing', async () => {
    const w = await worlds();
    const created = await both(w, (u) => api<{ conversation: Conversation }>(server, u.b, 'POST', '/v1/conversations/group', { title: 'plans', memberIds: [u.a.id, u.c.id] }));
    expect(created.real.status).toBe(201);
    expect(created.real.body.conversation.members.map((m) => m.id)).toContain(w.real.a.id);
    const ids = { real: created.real.body.conversation.id, ctrl: created.ctrl.body.conversation.id };
    const sent = await both(w, (u) => api(server, u.b, 'POST', `/v1/conversations/${u === w.real ? ids.real : ids.ctrl}/messages`, { clientMessageId: 'same-cmid-1', text: 'hello group' }));
    expect(sent.real.status).toBe(201);
    await sameForB(w, ids);
    // C sees A listed as well, exactly as C' sees the silent A'.
    await both(w, async (u) => (await api(server, u.c, 'GET', `/v1/conversations/${u === w.real ? ids.real : ids.ctrl}`)).body);
    await aLearnedNothing(w, ids.real);
    w.aSpy.close();
  });

  it('B adds A (who blocked B) to a group B moderates: the group sees a normal add and removal; A hears nothing', async () => {
    const w = await worlds();
    const cSpy = await SpySocket.open(server, w.real.c.token);
    const created = await both(w, (u) => api<{ conversation: Conversation }>(server, u.b, 'POST', '/v1/conversations/group', { title: 'club', memberIds: [u.c.id] }));
    const ids = { real: created.real.body.conversation.id, ctrl: created.ctrl.body.conversation.id };
    const idOf = (u: Worlds['real']) => (u === w.real ? ids.real : ids.ctrl);
    const added = await both(w, (u) => api<{ conversation: Conversation }>(server, u.b, 'POST', `/v1/conversations/${idOf(u)}/members`, { userIds: [u.a.id] }));
    expect(added.real.status).toBe(200);
    expect(added.real.body.conversation.members.map((m) => m.id)).toContain(w.real.a.id);
    const update = await cSpy.waitFor((f) => f.type === 'conversation.updated' && (f.data as { members: Array<{ id: string }> }).members.some((m) => m.id === w.real.a.id));
    expect(update.type).toBe('conversation.updated');
    await cSpy.waitFor((f) => f.type === 'message.created' && f.data.message.system?.action === 'member_added');
    // Re-adding is a no-op like for any member; the group counts A.
    await both(w, (u) => api(server, u.b, 'POST', `/v1/conversations/${idOf(u)}/members`, { userIds: [u.a.id] }));
    await both(w, (u) => api(server, u.b, 'POST', `/v1/conversations/${idOf(u)}/messages`, { clientMessageId: 'same-cmid-2', text: 'welcome' }));
    await sameForB(w, ids);
    const removed = await both(w, (u) => api<{ conversation: Conversation }>(server, u.b, 'DELETE', `/v1/conversations/${idOf(u)}/members/${u.a.id}`));
    expect(removed.real.status).toBe(200);
    expect(removed.real.body.conversation.members.map((m) => m.id)).not.toContain(w.real.a.id);
    await sameForB(w, ids);
    await aLearnedNothing(w, ids.real);
    cSpy.close();
    w.aSpy.close();
  });
});

describe('a ghost member leaves the list when an unanswered request would have', () => {
  it('after the request expiry, B sees A gone from the group exactly as an unanswered A would be', async () => {
    const w = await worlds();
    const created = await both(w, (u) => api<{ conversation: Conversation }>(server, u.b, 'POST', '/v1/conversations/group', { title: 'later', memberIds: [u.a.id, u.c.id] }));
    const ids = { real: created.real.body.conversation.id, ctrl: created.ctrl.body.conversation.id };
    clock.advance(30 * 86_400_000 + 1);
    await expireRequests(server.deps);
    await sameForB(w, ids);
    const members = (await api<{ conversation: Conversation }>(server, w.real.b, 'GET', `/v1/conversations/${ids.real}`)).body.conversation.members.map((m) => m.id);
    expect(members).not.toContain(w.real.a.id);
    await aLearnedNothing(w, ids.real);
    w.aSpy.close();
  });
});
