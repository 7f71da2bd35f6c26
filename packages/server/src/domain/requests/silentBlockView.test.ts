/**
 * Issue 9 item 2: a silently blocked sender cannot tell. B's view of a 1:1 with A, who blocked B,
 * must be indistinguishable from one where A simply does not answer: seqs (last + 1), timestamps,
 * previews, order in the inbox, unread counts, acks and B's own socket events. Every step runs in
 * the blocked world and in a control world at the same instant (injected clock); B's answers and
 * views must be equal but for ids. After an unblock, both people's seqs go on without a collision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, DurableEvent, Message, MessagePage } from '@backchannel/protocol';
import { RELAXED_REQUEST_LIMITS, SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, named } from './requests.test-helpers.js';

let server: TestServer;
const clock = new TestClock();
beforeAll(async () => {
  server = await startTestServer(RELAXED_REQUEST_LIMITS, { clock });
});
afterAll(() => server.close());

interface World {
  a: TestUser;
  b: TestUser;
  /** Someone else B talks to, so that the inbox has an order to compare. */
  c: TestUser;
  dm: string;
  bSpy: SpySocket;
  names: Record<string, string>;
}

async function world(setup: (w: Omit<World, 'dm' | 'bSpy' | 'names'>) => Promise<string>): Promise<World> {
  const [a, b, c] = [await signupUser(server), await signupUser(server), await signupUser(server)];
  const dm = await setup({ a, b, c });
  const bSpy = await SpySocket.open(server, b.token);
  const names = { [a.id]: 'A', [b.id]: 'B', [c.id]: 'C', [a.username]: 'a', [b.username]: 'b', [c.username]: 'c', [`User ${a.username}`]: 'User a', [`User ${b.username}`]: 'User b', [`User ${c.username}`]: 'User c' };
  return { a, b, c, dm, bSpy, names };
}

/** Runs `act` in both worlds at the same instant; the results must be equal but for ids. */
async function both<T>(real: World, ctrl: World, act: (w: World) => Promise<T>): Promise<T> {
  clock.advance(1000);
  const r = await act(real);
  const c = await act(ctrl);
  expect(named(r, real.names)).toEqual(named(c, ctrl.names));
  return r;
}

const send = (w: World, u: TestUser, id: string, text: string) => api<{ message: Message }>(server, u, 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: `cm-${text}`, text });

/** Everything B can see about the 1:1 and the inbox, and the socket events B got since `mark`. */
async function bView(w: World, mark: number) {
  await w.bSpy.settle();
  const events = w.bSpy.frames.slice(mark).filter((f): f is DurableEvent => 'pos' in f).map(({ type, data }) => ({ type, data }));
  const conv = (await api<{ conversation: Conversation }>(server, w.b, 'GET', `/v1/conversations/${w.dm}`)).body.conversation;
  const hist = (await api<MessagePage>(server, w.b, 'GET', `/v1/conversations/${w.dm}/messages`)).body;
  const older = (await api<MessagePage>(server, w.b, 'GET', `/v1/conversations/${w.dm}/messages?before=${conv.lastSeq}&limit=2`)).body;
  const inbox = (await api<{ conversations: Conversation[] }>(server, w.b, 'GET', '/v1/conversations?folder=inbox')).body.conversations;
  const page1 = (await api<{ conversations: Conversation[]; next: string | null }>(server, w.b, 'GET', '/v1/conversations?folder=inbox&limit=1')).body;
  const page2 = (await api<{ conversations: Conversation[] }>(server, w.b, 'GET', `/v1/conversations?folder=inbox&limit=1&before=${page1.next}`)).body;
  return { events, conv, hist, older, inbox, pages: [...page1.conversations, ...page2.conversations] };
}

/** Builds the blocked world and its control over the same instants (each setup step 10 ms apart). */
async function twins(make: (block: boolean) => Promise<World>): Promise<[World, World]> {
  const start = clock.t + 1000;
  clock.t = start;
  const real = await make(true);
  const end = clock.t;
  clock.t = start;
  const ctrl = await make(false);
  expect(clock.t).toBe(end);
  return [real, ctrl];
}

const tick = () => clock.advance(10);

/** A and B chatted (B asked, A replied), B also talks to C; then A blocks B, or (control) just stops answering. */
const chatted = (block: boolean) =>
  world(async ({ a, b, c }) => {
    const dm = (await api<{ conversation: Conversation }>(server, b, 'POST', '/v1/conversations/direct', { userId: a.id })).body.conversation.id;
    const other = (await api<{ conversation: Conversation }>(server, b, 'POST', '/v1/conversations/direct', { userId: c.id })).body.conversation.id;
    tick();
    await api(server, b, 'POST', `/v1/conversations/${dm}/messages`, { clientMessageId: 'first', text: 'hi A' });
    tick();
    await api(server, a, 'POST', `/v1/conversations/${dm}/messages`, { clientMessageId: 'reply', text: 'hi B' });
    tick();
    await api(server, b, 'POST', `/v1/conversations/${other}/messages`, { clientMessageId: 'to-c', text: 'hi C' });
    tick();
    if (block) expect((await api(server, a, 'PUT', `/v1/users/${b.id}/block`)).status).toBe(200);
    return dm;
  });

/** B's request to A is pending; A blocks it from Requests, or (control) never answers. */
const requested = (block: boolean) =>
  world(async ({ a, b, c }) => {
    const dm = (await api<{ conversation: Conversation }>(server, b, 'POST', '/v1/conversations/direct', { userId: a.id })).body.conversation.id;
    const other = (await api<{ conversation: Conversation }>(server, b, 'POST', '/v1/conversations/direct', { userId: c.id })).body.conversation.id;
    tick();
    await api(server, b, 'POST', `/v1/conversations/${dm}/messages`, { clientMessageId: 'first', text: 'hi A' });
    tick();
    await api(server, b, 'POST', `/v1/conversations/${other}/messages`, { clientMessageId: 'to-c', text: 'hi C' });
    tick();
    if (block) expect((await api(server, a, 'POST', `/v1/requests/${dm}/block`)).status).toBe(200);
    return dm;
  });

describe('the blocked sender sees a conversation where the other person does not answer', () => {
  it.each([
    ['an accepted 1:1, blocked from the profile', chatted],
    ['a request, blocked from Requests', requested],
  ])('%s: acks, events, seqs, preview, activity, order, unread and history match the control', async (_name, make) => {
    const [real, ctrl] = await twins(make);
    const marks = { real: real.bSpy.frames.length, ctrl: ctrl.bSpy.frames.length };
    const seqs: number[] = [];
    for (const text of ['one', 'two', 'three']) {
      const ack = await both(real, ctrl, (w) => send(w, w.b, w.dm, text));
      expect(ack.status).toBe(201);
      seqs.push(ack.body.message.seq);
    }
    expect(seqs).toEqual([seqs[0]!, seqs[0]! + 1, seqs[0]! + 2]);
    // B reads up to its own last message, and writes to C after (the inbox order moves).
    await both(real, ctrl, async (w) => (await api(server, w.b, 'POST', `/v1/conversations/${w.dm}/read`, { seq: seqs[2] })).status);
    await both(real, ctrl, (w) => bView(w, w === real ? marks.real : marks.ctrl));
    const view = await both(real, ctrl, (w) => bView(w, w === real ? marks.real : marks.ctrl));
    expect(view.conv).toMatchObject({ lastSeq: seqs[2], unreadCount: 0, lastMessage: { text: 'three' } });
    expect(view.inbox[0]!.id).toBe(real.dm);
    expect(view.pages.map((c) => c.id)).toEqual(view.inbox.map((c) => c.id));
    for (const w of [real, ctrl]) w.bSpy.close();
  });
});

describe('after an unblock', () => {
  it('the next real messages follow B’s numbering for B, and A sees no shadow, a right preview and a right unread count', async () => {
    const [w] = await twins(chatted);
    const shadows: number[] = [];
    for (const text of ['s1', 's2']) shadows.push((await send(w, w.b, w.dm, text)).body.message.seq);
    const aBefore = (await api<{ conversation: Conversation }>(server, w.a, 'GET', `/v1/conversations/${w.dm}`)).body.conversation;
    expect(aBefore).toMatchObject({ lastSeq: 2, unreadCount: 0, lastMessage: { text: 'hi B' } });
    expect((await api(server, w.a, 'DELETE', `/v1/users/${w.b.id}/block`)).status).toBe(200);
    const aAfter = (await api<{ conversation: Conversation }>(server, w.a, 'GET', `/v1/conversations/${w.dm}`)).body.conversation;
    expect(aAfter).toMatchObject({ unreadCount: 0, lastMessage: { text: 'hi B' }, lastActivityAt: aBefore.lastActivityAt });
    const fromA = await send(w, w.a, w.dm, 'back');
    expect(fromA.body.message.seq).toBe(shadows[1]! + 1);
    const fromB = await send(w, w.b, w.dm, 'yay');
    expect(fromB.body.message.seq).toBe(shadows[1]! + 2);
    const bHist = (await api<MessagePage>(server, w.b, 'GET', `/v1/conversations/${w.dm}/messages`)).body.messages;
    expect(bHist.map((m) => [m.seq, m.text])).toEqual([[1, 'hi A'], [2, 'hi B'], [3, 's1'], [4, 's2'], [5, 'back'], [6, 'yay']]);
    const aHist = (await api<MessagePage>(server, w.a, 'GET', `/v1/conversations/${w.dm}/messages`)).body.messages;
    expect(aHist.map((m) => m.text)).toEqual(['hi A', 'hi B', 'back', 'yay']);
    expect((await api<{ conversation: Conversation }>(server, w.a, 'GET', `/v1/conversations/${w.dm}`)).body.conversation).toMatchObject({ unreadCount: 1, lastMessage: { text: 'yay' } });
    w.bSpy.close();
  });
});
