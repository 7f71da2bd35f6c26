/**
 * The visibility module from the outside (HTTP and sockets): a stranger gets the same `not_found`
 * for what they may not see as for what does not exist; a conversation carries its first few
 * people and a count, the rest are paged; and what a join costs the members does not grow with the
 * group (docs/architecture.md, "Visibility"). The rules one by one: visibility.rules.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type Conversation, type ConversationUpdatedEvent, type MemberPage } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api } from '../requests/requests.test-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ groupMaxMembers: 40 });
});
afterAll(() => server.close());

let n = 0;
/** Usernames of one length, so event sizes compare by structure, not by digits. */
const person = () => signupUser(server, `vis_${String(++n).padStart(3, '0')}`);

async function friends(count: number): Promise<TestUser[]> {
  const out: TestUser[] = [];
  for (let i = 0; i < count; i++) out.push(await person());
  return out;
}

describe('what a stranger may not see looks like what does not exist', () => {
  it('answers the same 404 for a conversation, its members, its history and its messages', async () => {
    const [a, b, stranger] = await friends(3);
    await b!.client.follow(a!.id);
    const c = await a!.client.openDirect(b!.id);
    const sent = await a!.client.sendMessage(c.id, { clientMessageId: 'vis-1', text: 'private' });
    const probe = async (id: string, messageId: string) =>
      Promise.all([
        api(server, stranger!, 'GET', `/v1/conversations/${id}`),
        api(server, stranger!, 'GET', `/v1/conversations/${id}/members`),
        api(server, stranger!, 'GET', `/v1/conversations/${id}/messages`),
        api(server, stranger!, 'POST', '/v1/reports', { target: { kind: 'message', messageId }, reason: 'spam' }),
      ]).then((rs) => rs.map((r) => [r.status, r.body]));
    const hidden = await probe(c.id, sent.id);
    expect(hidden.map(([status]) => status)).toEqual([404, 404, 404, 404]);
    expect(hidden).toEqual(await probe('no-such-conversation', 'no-such-message'));
  });
});

describe('members are paged, not embedded', () => {
  it('carries the first few people and the count; the members endpoint pages the rest in the same order', async () => {
    const [mod, ...others] = await friends(12);
    for (const o of others) await o.client.follow(mod!.id);
    const group = await mod!.client.createGroup({ title: 'Big', memberIds: others.map((o) => o.id) });
    expect(group.memberCount).toBe(12);
    expect(group.members).toHaveLength(LIMITS.memberPreview);
    const listed: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page: MemberPage = await others[3]!.client.listMembers(group.id, { limit: 5, ...(after !== undefined ? { after } : {}) });
      listed.push(...page.members.map((m) => m.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(new Set(listed)).toEqual(new Set([mod!.id, ...others.map((o) => o.id)]));
    expect(listed).toHaveLength(12);
    expect(listed.slice(0, LIMITS.memberPreview)).toEqual(group.members.map((m) => m.id));
    expect((await api(server, mod!, 'GET', `/v1/conversations/${group.id}/members?after=nope`)).body).toMatchObject({ code: 'bad_request', details: { field: 'after' } });
  });

  it('lists both people of a 1:1 on one page', async () => {
    const [a, b] = await friends(2);
    await b!.client.follow(a!.id);
    const c = await a!.client.openDirect(b!.id);
    const page = await b!.client.listMembers(c.id);
    expect([c.memberCount, page.members.map((m) => m.id).sort(), page.next]).toEqual([2, [a!.id, b!.id].sort(), null]);
  });

  it('costs each member the same per join, whatever the size: conversation.updated and conversation.joined stop growing', async () => {
    const [mod, first, ...rest] = await friends(20);
    for (const o of [first!, ...rest]) await o.client.follow(mod!.id);
    const group = await mod!.client.createGroup({ memberIds: [first!.id] });
    const spy = await SpySocket.open(server, mod!.token);
    const joinedSizes: number[] = [];
    for (const [i, o] of rest.entries()) {
      const joiner = await SpySocket.open(server, o.token);
      await mod!.client.addMembers(group.id, [o.id]);
      await spy.waitFor((f) => f.type === 'conversation.updated' && (f as ConversationUpdatedEvent).data.memberCount === i + 3);
      const joined = await joiner.waitFor((f) => f.type === 'conversation.joined');
      joinedSizes.push(JSON.stringify((joined as { data: { conversation: Conversation } }).data.conversation.members).length);
      joiner.close();
    }
    const updates = spy.events().filter((e): e is ConversationUpdatedEvent => e.type === 'conversation.updated');
    expect(updates.map((u) => u.data.memberCount)).toEqual(rest.map((_, i) => i + 3));
    expect(updates.map((u) => u.data.members.length)).toEqual(rest.map((_, i) => Math.min(i + 3, LIMITS.memberPreview)));
    // Once the header is full, every further join sends the same people: the payload stops growing.
    const full = updates.filter((u) => u.data.memberCount >= LIMITS.memberPreview).map((u) => JSON.stringify(u.data.members));
    expect(new Set(full).size).toBe(1);
    expect(new Set(joinedSizes.slice(LIMITS.memberPreview)).size).toBe(1);
    spy.close();
  });
});
