/**
 * The authorization matrix of the core: a stranger (never a member), a former member (removed),
 * one who left, and a logged-out client get exactly what "does not exist" gets on every
 * conversation read and write path, and their sockets receive nothing about it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupUser, SpySocket, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';

let server: TestServer;
let mod: TestUser;
let member: TestUser;
let removed: TestUser;
let leaver: TestUser;
let stranger: TestUser;
let loggedOut: TestUser;
let groupId: string;
const spies = new Map<string, SpySocket>();

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, code: ((await res.json()) as { code?: string }).code };
}

/** Every conversation path, read and write. */
const paths = (id: string, userId: string): Array<[string, string, unknown?]> => [
  ['GET', `/v1/conversations/${id}`],
  ['GET', `/v1/conversations/${id}/messages`],
  ['GET', `/v1/conversations/${id}/messages?after=0`],
  ['POST', `/v1/conversations/${id}/messages`, { clientMessageId: 'intruder', text: 'let me in' }],
  ['PATCH', `/v1/conversations/${id}`, { title: 'pwned' }],
  ['POST', `/v1/conversations/${id}/members`, { userIds: [userId] }],
  ['DELETE', `/v1/conversations/${id}/members/${userId}`],
  ['POST', `/v1/conversations/${id}/leave`],
  ['PATCH', `/v1/conversations/${id}/settings`, { muted: true }],
  ['POST', `/v1/conversations/${id}/read`, { seq: 1 }],
];

beforeAll(async () => {
  server = await startTestServer();
  [mod, member, removed, leaver, stranger, loggedOut] = await Promise.all(Array.from({ length: 6 }, () => signupUser(server)));
  const group = await mod.client.createGroup({ title: 'Private', memberIds: [member.id, removed.id, leaver.id, loggedOut.id] });
  groupId = group.id;
  await mod.client.sendMessage(groupId, { clientMessageId: 'before', text: 'before anyone left' });
  for (const u of [removed, leaver, stranger, loggedOut]) spies.set(u.id, await SpySocket.open(server, u.token, null));
  await mod.client.removeMember(groupId, removed.id);
  await leaver.client.leaveConversation(groupId);
  await loggedOut.client.logout();
});
afterAll(() => server.close());

describe('outsiders see nothing', () => {
  it.each(['stranger', 'removed', 'leaver'])('%s gets not_found on every path', async (who) => {
    const actor = { stranger, removed, leaver }[who as 'stranger' | 'removed' | 'leaver'];
    for (const [method, path, body] of paths(groupId, member.id)) {
      expect(await call(actor.token, method, path, body), `${method} ${path}`).toEqual({ status: 404, code: 'not_found' });
    }
    // …exactly like a conversation id that never existed.
    for (const [method, path, body] of paths('never-existed-0000000000', member.id)) {
      expect(await call(actor.token, method, path, body), `${method} ${path}`).toEqual({ status: 404, code: 'not_found' });
    }
    expect((await actor.client.listConversations({ folder: 'inbox' })).conversations.map((c) => c.id)).not.toContain(groupId);
    expect((await actor.client.listConversations({ folder: 'requests' })).conversations.map((c) => c.id)).not.toContain(groupId);
  });

  it('a logged-out client gets 401 everywhere and its socket was closed', async () => {
    for (const [method, path, body] of paths(groupId, member.id)) {
      expect(await call(loggedOut.token, method, path, body), `${method} ${path}`).toEqual({ status: 401, code: 'unauthorized' });
    }
    expect(await spies.get(loggedOut.id)!.waitClosed()).toBe(4001);
  });

  it('socket ops by outsiders are refused and change nothing', async () => {
    const spy = spies.get(stranger.id)!;
    spy.send({ op: 'message.send', id: 's1', conversationId: groupId, clientMessageId: 'sock-intruder', text: 'hi' });
    spy.send({ op: 'read.mark', id: 's2', conversationId: groupId, seq: 1 });
    spy.send({ op: 'typing', conversationId: groupId });
    expect(await spy.waitFor((f) => f.type === 'error' && f.id === 's1')).toMatchObject({ code: 'not_found' });
    expect(await spy.waitFor((f) => f.type === 'error' && f.id === 's2')).toMatchObject({ code: 'not_found' });
    const texts = (await mod.client.history(groupId)).messages.map((m) => m.text);
    expect(texts).not.toContain('hi');
    expect(texts).not.toContain('let me in');
  });

  it('spy sockets of outsiders receive no event about the group after they lost access', async () => {
    const memberSpy = await SpySocket.open(server, member.token, null);
    await mod.client.sendMessage(groupId, { clientMessageId: 'after', text: 'members only' });
    await mod.client.renameGroup(groupId, 'Still private');
    const typer = await SpySocket.open(server, mod.token, null);
    typer.send({ op: 'typing', conversationId: groupId });
    await memberSpy.waitFor((f) => f.type === 'typing');
    await memberSpy.waitFor((f) => f.type === 'message.created' && f.data.message.text === 'members only');
    for (const who of [removed, leaver, stranger]) {
      const spy = spies.get(who.id)!;
      await spy.settle();
      const leaks = spy.frames.filter((f) => {
        if (f.type === 'typing') return true;
        if (f.type === 'message.created') return f.data.message.text === 'members only' || f.data.message.system?.action === 'renamed';
        if (f.type === 'conversation.updated') return f.data.title === 'Still private';
        return false;
      });
      expect(leaks, who.username).toEqual([]);
    }
    // A resume from the very start replays nothing after the removal either.
    const replay = await SpySocket.open(server, removed.token, server.deps.cursors.forHead(0));
    const after = replay.events().filter((e) => e.type === 'message.created' && e.data.message.text === 'members only');
    expect(after).toEqual([]);
    expect(replay.events().some((e) => e.type === 'conversation.left')).toBe(true);
  });
});
