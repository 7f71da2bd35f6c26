/**
 * The requests inbox through the public API and sockets (docs/subsystems/message-requests.md).
 * Each test has a recipient with a spy socket and a sender with a spy socket; "nothing reached the
 * sender" is proven by a ping round-trip (`settle`) after the recipient's action, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, DurableEvent } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, cmid } from './requests.test-helpers.js';

const DAY = 86_400_000;
let server: TestServer;
const clock = new TestClock();

beforeAll(async () => {
  server = await startTestServer(
    { requestExtraMessages: 3, requestMessageMaxChars: 200, requestsPerMinute: 3, requestDailyBudget: 20, requestDailyBudgetNewAccount: 5, requestNewAccountDays: 7, requestExpiryDays: 30, safetyActionsPerMinute: 1000 },
    { clock },
  );
});
afterAll(() => server.close());

interface Pair {
  a: TestUser;
  b: TestUser;
  conv: Conversation;
  aSpy: SpySocket;
  bSpy: SpySocket;
}

/** A (a stranger to B) opens a 1:1 with B and sends one message: a pending request for B. */
async function pendingRequest(text = 'hi, see https://example.com'): Promise<Pair> {
  const [a, b] = [await signupUser(server), await signupUser(server)];
  const conv = await a.client.openDirect(b.id);
  await a.client.sendMessage(conv.id, { clientMessageId: cmid(), text });
  const [aSpy, bSpy] = [await SpySocket.open(server, a.token), await SpySocket.open(server, b.token)];
  return { a, b, conv, aSpy, bSpy };
}

/** Everything A received after `mark` frames, once every frame queued before a ping has arrived. */
async function framesSince(spy: SpySocket, mark: number) {
  await spy.settle();
  return spy.frames.slice(mark).filter((f) => f.type !== 'ack');
}

const send = (u: TestUser, conversationId: string, text = 'more') => api(server, u, 'POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: cmid(), text });

describe('a pending request', () => {
  it('lands in Requests with trust context and inert links; reading, typing and viewing tell the sender nothing; accept tells them', async () => {
    const { a, b, conv, aSpy } = await pendingRequest();
    const c = await signupUser(server);
    await b.client.follow(c.id);
    await c.client.follow(a.id);
    const list = await api<{ conversations: Conversation[]; count: number }>(server, b, 'GET', '/v1/requests');
    expect(list.body.count).toBe(1);
    const req = list.body.conversations[0]!;
    expect(req.folder).toBe('requests');
    expect(req.request).toMatchObject({ senderId: a.id, linksInert: true, blurMedia: true, trust: { mutualFollowCount: 1, mutualFollows: [{ id: c.id }], accountAgeDays: 0 } });
    expect((await b.client.listConversations()).conversations.map((x) => x.id)).not.toContain(conv.id);
    // The sender's own view carries no request object and both members.
    const mine = await a.client.getConversation(conv.id);
    expect(mine.request ?? null).toBeNull();

    await aSpy.settle(); // frames of earlier actions may trail their HTTP answers

    const mark = aSpy.frames.length;
    await b.client.markRead(conv.id, 1);
    await b.client.history(conv.id);
    await b.client.getConversation(conv.id);
    await b.client.profile(a.id);
    await api(server, b, 'PATCH', `/v1/conversations/${conv.id}/settings`, { muted: true });
    const bSock = await SpySocket.open(server, b.token);
    bSock.send({ op: 'typing', conversationId: conv.id });
    bSock.send({ op: 'read.mark', conversationId: conv.id, seq: 1 });
    await bSock.settle();
    await api(server, b, 'PATCH', '/v1/me', { displayName: 'New Name' });
    expect(await framesSince(aSpy, mark)).toEqual([]);

    const accepted = await api<{ conversation: Conversation }>(server, b, 'POST', `/v1/requests/${conv.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation.folder).toBe('inbox');
    const ev = (await aSpy.waitFor((f) => f.type === 'request.accepted')) as DurableEvent;
    expect(ev.data).toEqual({ conversationId: conv.id, userId: b.id });
    // Now receipts flow and the sender may send freely.
    bSock.send({ op: 'typing', conversationId: conv.id });
    await aSpy.waitFor((f) => f.type === 'typing');
    for (let i = 0; i < 5; i++) expect((await send(a, conv.id)).status).toBe(201);
    await b.client.markRead(conv.id, 6);
    await aSpy.waitFor((f) => f.type === 'read.updated' && (f as DurableEvent & { data: { userId: string } }).data.userId === b.id);
    for (const s of [aSpy, bSock]) s.close();
  });

  it('caps the sender at 3 more messages, text length-capped, with clear errors', async () => {
    const { a, conv, aSpy, bSpy } = await pendingRequest();
    expect((await send(a, conv.id, 'x'.repeat(201))).body.code).toBe('too_large');
    for (let i = 0; i < 3; i++) expect((await send(a, conv.id)).status).toBe(201);
    const refused = await send(a, conv.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('request_pending');
    aSpy.close();
    bSpy.close();
  });

  it('delete is silent: the sender sees no change, and the cap carries over', async () => {
    const { a, b, conv, aSpy, bSpy } = await pendingRequest();
    await aSpy.settle(); // frames of earlier actions may trail their HTTP answers
    const mark = aSpy.frames.length;
    expect((await api(server, b, 'POST', `/v1/requests/${conv.id}/delete`)).status).toBe(200);
    await bSpy.waitFor((f) => f.type === 'conversation.left');
    expect(await framesSince(aSpy, mark)).toEqual([]);
    expect((await a.client.getConversation(conv.id)).members.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    // The next message brings the request back (still counted: 2 of 4 sent).
    expect((await send(a, conv.id)).status).toBe(201);
    expect((await api<{ count: number }>(server, b, 'GET', '/v1/requests')).body.count).toBe(1);
    for (let i = 0; i < 2; i++) expect((await send(a, conv.id)).status).toBe(201);
    expect((await send(a, conv.id)).body.code).toBe('request_pending');
    aSpy.close();
    bSpy.close();
  });

  it('block is silent: the blocked sender gets normal acks, the caps of a pending request, and sees their messages; the blocker gets nothing; real seqs go on after the sender’s numbering', async () => {
    const { a, b, conv, aSpy, bSpy } = await pendingRequest();
    expect((await api(server, b, 'POST', `/v1/requests/${conv.id}/block`)).status).toBe(200);
    // The blocker's own devices learn they left (socket frames may trail the HTTP answer).
    await bSpy.waitFor((f) => f.type === 'conversation.left');
    await bSpy.settle(); // frames of earlier actions may trail their HTTP answers
    const bMark = bSpy.frames.length;
    await aSpy.settle(); // frames of earlier actions may trail their HTTP answers
    const aMark = aSpy.frames.length;
    // The caps of a pending request still apply: to the sender it is one (senderRule.ts).
    const sends = [];
    for (let i = 0; i < 4; i++) sends.push(await send(a, conv.id, `shadow ${i}`));
    expect(sends.map((s) => s.status)).toEqual([201, 201, 201, 409]);
    expect(sends[3]!.body.code).toBe('request_pending');
    const own = await framesSince(aSpy, aMark);
    expect(own.filter((f) => f.type === 'message.created')).toHaveLength(3);
    const hist = await a.client.history(conv.id);
    expect(hist.messages.map((m) => m.text)).toEqual(['hi, see https://example.com', ...[0, 1, 2].map((i) => `shadow ${i}`)]);
    expect((await a.client.getConversation(conv.id)).lastMessage?.text).toBe('shadow 2');
    expect(await framesSince(bSpy, bMark)).toEqual([]);
    expect((await api<{ count: number }>(server, b, 'GET', '/v1/requests')).body.count).toBe(0);
    // A's sends were numbered 2..4 in A's view (ADR 0006).
    expect(hist.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    // After unblocking, B re-opens the 1:1: real seqs go on after A's numbering, nothing unread,
    // and B never sees A's shadows.
    await b.client.unblock(a.id);
    const reopened = await b.client.openDirect(a.id);
    expect(reopened).toMatchObject({ lastSeq: 4, unreadCount: 0, lastMessage: { seq: 1 } });
    await b.client.sendMessage(conv.id, { clientMessageId: cmid(), text: 'hello again' });
    expect((await b.client.history(conv.id)).messages.map((m) => [m.seq, m.text])).toEqual([[1, 'hi, see https://example.com'], [5, 'hello again']]);
    expect((await a.client.history(conv.id)).messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    aSpy.close();
    bSpy.close();
  });

  it('report blocks and files a report in one step; the sender is not told', async () => {
    const { a, b, conv, aSpy, bSpy } = await pendingRequest();
    await aSpy.settle(); // frames of earlier actions may trail their HTTP answers
    const mark = aSpy.frames.length;
    const r = await api<{ report: { id: string; state: string } }>(server, b, 'POST', `/v1/requests/${conv.id}/report`, { reason: 'spam' });
    expect(r.status).toBe(200);
    expect(r.body.report.state).toBe('open');
    expect((await b.client.profile(a.id)).blockedByMe).toBe(true);
    expect(await framesSince(aSpy, mark)).toEqual([]);
    aSpy.close();
    bSpy.close();
  });

  it('bad inputs: acting on a request that is not yours is not_found; blocking yourself is self_action', async () => {
    const { a, b, conv, aSpy, bSpy } = await pendingRequest();
    const c = await signupUser(server);
    for (const [who, action] of [[a, 'accept'], [c, 'accept'], [c, 'delete'], [c, 'block'], [a, 'block']] as const) {
      expect((await api(server, who, 'POST', `/v1/requests/${conv.id}/${action}`)).body.code).toBe('not_found');
    }
    expect((await api(server, b, 'POST', '/v1/requests/nope/accept')).body.code).toBe('not_found');
    expect((await api(server, b, 'POST', `/v1/requests/${conv.id}/report`, { reason: 'nonsense' })).body.code).toBe('bad_request');
    expect((await api(server, b, 'PUT', `/v1/users/${b.id}/block`)).body.code).toBe('self_action');
    expect((await api(server, null, 'GET', '/v1/requests')).status).toBe(401);
    aSpy.close();
    bSpy.close();
  });

  it('a race of accept and block ends in one consistent state', async () => {
    for (let i = 0; i < 4; i++) {
      const { a, b, conv, aSpy, bSpy } = await pendingRequest();
      const [acc, blk] = await Promise.all([api(server, b, 'POST', `/v1/requests/${conv.id}/accept`), api(server, b, 'POST', `/v1/requests/${conv.id}/block`)]);
      expect([acc.status, blk.status].sort()).toEqual([200, 404]);
      const blocked = (await b.client.profile(a.id)).blockedByMe;
      const inbox = (await b.client.listConversations()).conversations.some((x) => x.id === conv.id);
      if (acc.status === 200) expect([inbox, blocked]).toEqual([true, false]);
      else expect([inbox, blocked]).toEqual([false, true]);
      aSpy.close();
      bSpy.close();
    }
  });
});

describe('who may message me, and groups', () => {
  it('whoCanMessage: following / nobody refuse strangers, profiles say so', async () => {
    const [a, b, friend] = [await signupUser(server), await signupUser(server), await signupUser(server)];
    await b.client.follow(friend.id);
    for (const mode of ['following', 'nobody'] as const) {
      await b.client.updateMe({ whoCanMessage: mode });
      expect((await a.client.profile(b.id)).canMessage).toBe(false);
      expect((await api(server, a, 'POST', '/v1/conversations/direct', { userId: b.id })).body.code).toBe('cannot_message');
      expect((await friend.client.profile(b.id)).canMessage).toBe(true);
    }
    await b.client.updateMe({ whoCanMessage: 'everyone' });
    expect((await a.client.profile(b.id)).canMessage).toBe(true);
  });

  it('being added to a group by a stranger is a request; a blocked member carries a warning; one pending request per pair', async () => {
    const [a, b, c] = [await signupUser(server), await signupUser(server), await signupUser(server)];
    await b.client.block(c.id);
    const group = await a.client.createGroup({ title: 'g', memberIds: [b.id, c.id] });
    const bView = await b.client.getConversation(group.id);
    expect(bView.folder).toBe('requests');
    expect(bView.blockedMemberIds).toEqual([c.id]);
    expect(bView.request?.senderId).toBe(a.id);
    expect((await api(server, a, 'POST', '/v1/conversations/direct', { userId: b.id })).body.code).toBe('request_pending');
  });
});

describe('anti-abuse budgets and expiry (injected clock)', () => {
  it('limits a stranger messaging many new people: per minute (429 + retry-after), then per day for a new account', async () => {
    const spammer = await signupUser(server);
    const targets = await Promise.all(Array.from({ length: 7 }, () => signupUser(server)));
    const open = (t: TestUser) => api(server, spammer, 'POST', '/v1/conversations/direct', { userId: t.id });
    for (let i = 0; i < 3; i++) expect((await open(targets[i]!)).status).toBe(201);
    const burst = await open(targets[3]!);
    expect(burst.status).toBe(429);
    expect(burst.body.code).toBe('rate_limited');
    expect(Number(burst.retryAfter)).toBeGreaterThan(0);
    clock.advance(61_000);
    for (let i = 3; i < 5; i++) expect((await open(targets[i]!)).status).toBe(201);
    clock.advance(61_000);
    const daily = await open(targets[5]!);
    expect(daily.status).toBe(429);
    expect(daily.body.code).toBe('request_budget');
    expect((daily.body as { details: { retryAfterMs: number } }).details.retryAfterMs).toBeGreaterThan(DAY - 10 * 60_000);
    clock.advance(DAY);
    expect((await open(targets[5]!)).status).toBe(201);
  });

  it('expires an unanswered request after 30 days; bulk delete removes requests from young accounts only', async () => {
    const { a, b, conv, aSpy, bSpy } = await pendingRequest();
    clock.advance(30 * DAY + 1);
    expect((await api<{ count: number }>(server, b, 'GET', '/v1/requests')).body.count).toBe(0);
    expect((await api(server, b, 'POST', `/v1/requests/${conv.id}/accept`)).body.code).toBe('not_found');
    // A's next message is a fresh request.
    expect((await send(a, conv.id)).status).toBe(201);
    expect((await api<{ count: number }>(server, b, 'GET', '/v1/requests')).body.count).toBe(1);
    // a is 30 days old now; a fresh account also asks.
    const young = await signupUser(server);
    await young.client.openDirect(b.id);
    expect((await api<{ deleted: number }>(server, b, 'POST', '/v1/requests/delete-all', { accountYoungerThanDays: 7 })).body.deleted).toBe(1);
    expect((await api<{ count: number }>(server, b, 'GET', '/v1/requests')).body.count).toBe(1);
    expect((await api<{ deleted: number }>(server, b, 'POST', '/v1/requests/delete-all', {})).body.deleted).toBe(1);
    aSpy.close();
    bSpy.close();
  });
});
