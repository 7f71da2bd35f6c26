/**
 * The HTTP API through the SDK against a real server: accounts, graph, conversations, messages,
 * and the bad inputs of RELIABILITY.md that apply to each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackchannelClient, BackchannelError } from '@backchannel/sdk';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

let server: TestServer;
let ada: TestUser;
let bob: TestUser;
let cy: TestUser;

async function raw(path: string, init: RequestInit & { token?: string } = {}) {
  // Zero bytes labelled JSON are bad_json (bodies.test.ts): label only requests that carry a body.
  const headers: Record<string, string> = { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BackchannelError) return err.code;
    throw err;
  }
  throw new Error('expected an error');
}

beforeAll(async () => {
  server = await startTestServer();
  [ada, bob, cy] = await Promise.all([signupUser(server), signupUser(server), signupUser(server)]);
});
afterAll(() => server.close());

describe('accounts', () => {
  it('signs up, logs in, logs out and rejects the old token', async () => {
    const device = new BackchannelClient({ baseUrl: server.url });
    const login = await device.login({ username: ada.username.toUpperCase(), password: 'correct horse battery' });
    expect(login.user.id).toBe(ada.id);
    const other = await raw('/v1/me', { token: login.token });
    expect(other.status).toBe(200);
    await raw('/v1/auth/logout', { method: 'POST', token: login.token });
    expect((await raw('/v1/me', { token: login.token })).body.code).toBe('unauthorized');
    // the first session is untouched
    expect((await raw('/v1/me', { token: ada.token })).status).toBe(200);
  });

  it('rejects a wrong password and a taken username (ignoring case) with stable codes', async () => {
    expect(await codeOf(ada.client.login({ username: ada.username, password: 'wrong password!' }))).toBe('invalid_credentials');
    expect(await codeOf(ada.client.login({ username: 'nobody_here', password: 'wrong password!' }))).toBe('invalid_credentials');
    const r = await raw('/v1/auth/signup', { method: 'POST', body: JSON.stringify({ username: ada.username.toUpperCase(), displayName: 'X', password: 'long enough pw' }) });
    expect([r.status, r.body.code]).toEqual([409, 'username_taken']);
  });

  it('logs out everywhere', async () => {
    const u = await signupUser(server);
    const second = await u.client.login({ username: u.username, password: 'correct horse battery' });
    await raw('/v1/auth/logout-all', { method: 'POST', token: u.token });
    expect((await raw('/v1/me', { token: second.token })).status).toBe(401);
    expect((await raw('/v1/me', { token: u.token })).status).toBe(401);
  });

  it('refuses bad input before any query', async () => {
    const cases: Array<[string, number, string, string?]> = [
      ['{"username": {"$gt": ""}, "password": "x"}', 400, 'bad_request', 'username'],
      ['{"username": "ada", "password": "pw", "admin": true}', 400, 'bad_request', 'admin'],
      ['{"username": "ada", ', 400, 'bad_json'],
      ['{"username": "\\ud800", "password": "x"}', 400, 'bad_json'],
      ['{"username": "ada", "password": 12345678901234567890}', 400, 'bad_json'],
      [`${'['.repeat(50)}${']'.repeat(50)}`, 400, 'bad_json'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await raw('/v1/auth/login', { method: 'POST', body });
      expect([r.status, r.body.code], body).toEqual([status, code]);
      if (field) expect((r.body.details as Record<string, unknown>).field).toBe(field);
    }
  });

  it('refuses bidi overrides and control characters in display names', async () => {
    const r = await raw('/v1/me', { method: 'PATCH', token: cy.token, body: JSON.stringify({ displayName: 'evil\u202Egnp.exe' }) });
    expect([r.status, r.body.code]).toEqual([400, 'invalid_text']);
    const ok = await cy.client.updateMe({ displayName: 'Cy  ', bio: 'hello' });
    expect([ok.displayName, ok.bio]).toEqual(['Cy', 'hello']);
  });

  it('needs an invite in invite mode and consumes it once', async () => {
    const invServer = await startTestServer({ signupMode: 'invite' });
    try {
      await invServer.deps.store.write((tx) => tx.invites.insert('code-1', 0));
      const body = (inviteCode?: string, username = 'invited1') => JSON.stringify({ username, displayName: 'I', password: 'long enough pw', ...(inviteCode ? { inviteCode } : {}) });
      const post = (b: string) => fetch(`${invServer.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b }).then(async (r) => [r.status, ((await r.json()) as { code?: string }).code]);
      expect(await post(body())).toEqual([403, 'invite_required']);
      expect((await post(body('code-1')))[0]).toBe(201);
      expect(await post(body('code-1', 'invited2'))).toEqual([403, 'invite_required']);
    } finally {
      await invServer.close();
    }
  });
});

describe('profiles and the social graph', () => {
  it('follows, unfollows, lists, searches and blocks', async () => {
    const p = await bob.client.follow(ada.id);
    expect(p.followedByMe).toBe(true);
    expect((await ada.client.profile(bob.id)).followsMe).toBe(true);
    expect((await ada.client.followers(ada.id)).map((u) => u.id)).toContain(bob.id);
    expect((await bob.client.following(bob.id)).map((u) => u.id)).toContain(ada.id);
    expect((await cy.client.searchUsers(ada.username.slice(0, 4).toUpperCase())).map((u) => u.id)).toContain(ada.id);
    expect((await cy.client.profileByUsername(ada.username)).id).toBe(ada.id);
    const blocked = await cy.client.block(bob.id);
    expect(blocked.blockedByMe).toBe(true);
    expect((await cy.client.blocks()).map((u) => u.id)).toEqual([bob.id]);
    await cy.client.unblock(bob.id);
    expect(await codeOf(ada.client.follow(ada.id))).toBe('self_action');
    expect(await codeOf(ada.client.block(ada.id))).toBe('self_action');
    expect(await codeOf(ada.client.profile('nope_nope_nope'))).toBe('not_found');
  });

  it('finds people by the start of any word of their name, not only the first', async () => {
    const ben = await signupUser(server);
    await ben.client.updateMe({ displayName: 'Ben Okafor' });
    expect((await cy.client.searchUsers('okafor')).map((u) => [u.id, u.displayName])).toEqual([[ben.id, 'Ben Okafor']]);
    expect((await cy.client.searchUsers('@Oka')).map((u) => u.id)).toEqual([ben.id]);
    expect(await cy.client.searchUsers('kafor')).toEqual([]);
  });

  it('shows the message button only to people allowed to message', async () => {
    const quiet = await signupUser(server);
    await quiet.client.updateMe({ whoCanMessage: 'following' });
    expect((await cy.client.profile(quiet.id)).canMessage).toBe(false);
    expect(await codeOf(cy.client.openDirect(quiet.id))).toBe('cannot_message');
    await quiet.client.follow(cy.id);
    expect((await cy.client.profile(quiet.id)).canMessage).toBe(true);
  });
});

describe('conversations and messages', () => {
  it('has exactly one 1:1 per pair, from either side', async () => {
    const a = await ada.client.openDirect(bob.id);
    const b = await bob.client.openDirect(ada.id);
    expect(b.id).toBe(a.id);
    expect(a.kind).toBe('direct');
    const both = await Promise.all([cy.client.openDirect(ada.id), cy.client.openDirect(ada.id)]);
    expect(both[0].id).toBe(both[1].id);
    expect(await codeOf(ada.client.openDirect(ada.id))).toBe('self_action');
  });

  it('sends idempotently: a retry returns the original, even with another body', async () => {
    const conv = await ada.client.openDirect(bob.id);
    const first = await raw(`/v1/conversations/${conv.id}/messages`, { method: 'POST', token: ada.token, body: JSON.stringify({ clientMessageId: 'same-id', text: 'first' }) });
    const retry = await raw(`/v1/conversations/${conv.id}/messages`, { method: 'POST', token: ada.token, body: JSON.stringify({ clientMessageId: 'same-id', text: 'different' }) });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.message).toEqual(first.body.message);
    const other = await ada.client.openDirect(cy.id);
    const elsewhere = await ada.client.sendMessage(other.id, { clientMessageId: 'same-id', text: 'first' });
    expect(elsewhere.id).not.toBe((first.body.message as { id: string }).id);
  });

  it('stores HTML and markdown as plain text and links only http/https/mailto/www', async () => {
    const conv = await ada.client.openDirect(bob.id);
    const text = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) javascript:alert(2) see https://a.example.com/p?q=1, www.b.org and mailto:c@d.net ftp://e.example.com';
    const m = await ada.client.sendMessage(conv.id, { clientMessageId: 'html-1', text });
    expect(m.text).toBe(text);
    expect(m.entities.map((e) => e.url)).toEqual(['https://a.example.com/p?q=1', 'https://www.b.org', 'mailto:c@d.net']);
    for (const e of m.entities) expect(text.slice(e.offset, e.offset + e.length)).toBe(e.url.replace(/^https:\/\/(?=www)/, ''));
  });

  it('normalises to NFC and enforces the length limit and non-empty text', async () => {
    const conv = await ada.client.openDirect(bob.id);
    const m = await ada.client.sendMessage(conv.id, { clientMessageId: 'nfc', text: 'cafe\u0301' });
    expect(m.text).toBe('caf\u00e9');
    const long = await raw(`/v1/conversations/${conv.id}/messages`, { method: 'POST', token: ada.token, body: JSON.stringify({ clientMessageId: 'long', text: 'x'.repeat(4001) }) });
    expect([long.status, long.body.code]).toEqual([413, 'too_large']);
    const emoji = await ada.client.sendMessage(conv.id, { clientMessageId: 'emoji', text: '😀'.repeat(4000) });
    expect([...emoji.text].length).toBe(4000);
    const empty = await raw(`/v1/conversations/${conv.id}/messages`, { method: 'POST', token: ada.token, body: JSON.stringify({ clientMessageId: 'empty', text: '  \n ' }) });
    expect([empty.status, empty.body.code]).toEqual([400, 'empty_message']);
    const huge = await raw(`/v1/conversations/${conv.id}/messages`, { method: 'POST', token: ada.token, body: JSON.stringify({ clientMessageId: 'huge', text: 'x'.repeat(300_000) }) });
    expect([huge.status, huge.body.code]).toEqual([413, 'too_large']);
  });

  it('pages history in both directions with contiguous sequences', async () => {
    const d = await signupUser(server);
    const conv = await d.client.openDirect(ada.id);
    for (let i = 1; i <= 12; i++) await d.client.sendMessage(conv.id, { clientMessageId: `h${i}`, text: `m${i}` });
    const newest = await d.client.history(conv.id, { limit: 5 });
    expect(newest.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(newest.hasMore).toBe(true);
    const older = await d.client.history(conv.id, { before: 8, limit: 5 });
    expect(older.messages.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    const oldest = await d.client.history(conv.id, { before: 3, limit: 5 });
    expect([oldest.messages.map((m) => m.seq), oldest.hasMore]).toEqual([[1, 2], false]);
    const forward = await d.client.history(conv.id, { after: 10 });
    expect([forward.messages.map((m) => m.seq), forward.hasMore]).toEqual([[11, 12], false]);
  });

  it('lists by last activity with unread counts, previews, mute, pin and archive', async () => {
    const e = await signupUser(server);
    const f = await signupUser(server);
    const g = await signupUser(server);
    await Promise.all([f.client.follow(e.id), g.client.follow(e.id), e.client.follow(f.id), e.client.follow(g.id)]);
    const withF = await e.client.openDirect(f.id);
    const withG = await e.client.openDirect(g.id);
    await f.client.sendMessage(withF.id, { clientMessageId: 'a', text: 'from f' });
    await g.client.sendMessage(withG.id, { clientMessageId: 'b', text: 'from g 1' });
    await g.client.sendMessage(withG.id, { clientMessageId: 'c', text: 'from g 2' });
    let list = (await e.client.listConversations({ folder: 'inbox' })).conversations;
    expect(list.map((c) => c.id)).toEqual([withG.id, withF.id]);
    expect(list.map((c) => c.unreadCount)).toEqual([2, 1]);
    expect(list[0]!.lastMessage?.text).toBe('from g 2');
    await e.client.markRead(withG.id, 2);
    await e.client.updateSettings(withF.id, { pinned: true, muted: true });
    list = (await e.client.listConversations({ folder: 'inbox' })).conversations;
    expect(list.map((c) => [c.id, c.unreadCount, c.pinned, c.muted])).toEqual([
      [withF.id, 1, true, true],
      [withG.id, 0, false, false],
    ]);
    await e.client.updateSettings(withG.id, { archived: true });
    expect((await e.client.listConversations({ folder: 'inbox' })).conversations.map((c) => c.id)).toEqual([withF.id]);
    expect((await e.client.listConversations({ folder: 'archived' })).conversations.map((c) => c.id)).toEqual([withG.id]);
    const future = await raw(`/v1/conversations/${withF.id}/read`, { method: 'POST', token: e.token, body: JSON.stringify({ seq: 99 }) });
    expect([future.status, future.body.code]).toEqual([400, 'bad_request']);
  });

  it('routes a stranger’s new 1:1 to Requests and a followed person’s to the inbox', async () => {
    const h = await signupUser(server);
    const stranger = await signupUser(server);
    const conv = await stranger.client.openDirect(h.id);
    await stranger.client.sendMessage(conv.id, { clientMessageId: 's1', text: 'hi, we met in a room' });
    expect((await h.client.listConversations({ folder: 'requests' })).conversations.map((c) => c.id)).toEqual([conv.id]);
    expect((await h.client.listConversations({ folder: 'inbox' })).conversations).toEqual([]);
    expect((await stranger.client.listConversations({ folder: 'inbox' })).conversations.map((c) => c.id)).toEqual([conv.id]);
  });

  it('manages groups: only the moderator renames, adds and removes; anyone leaves; the cap holds', async () => {
    const mod = await signupUser(server);
    const m1 = await signupUser(server);
    const m2 = await signupUser(server);
    const m3 = await signupUser(server);
    const group = await mod.client.createGroup({ title: 'Book club', memberIds: [m1.id, m2.id] });
    expect([group.kind, group.title, group.moderatorId, group.members.length]).toEqual(['group', 'Book club', mod.id, 3]);
    expect(await codeOf(m1.client.renameGroup(group.id, 'Hijacked'))).toBe('forbidden');
    expect(await codeOf(m1.client.addMembers(group.id, [m3.id]))).toBe('forbidden');
    expect((await mod.client.renameGroup(group.id, 'Reading room')).title).toBe('Reading room');
    expect((await mod.client.addMembers(group.id, [m3.id])).members.map((m) => m.id)).toContain(m3.id);
    expect((await mod.client.removeMember(group.id, m2.id)).members.map((m) => m.id)).not.toContain(m2.id);
    expect(await codeOf(m2.client.getConversation(group.id))).toBe('not_found');
    await m1.client.leaveConversation(group.id);
    expect(await codeOf(m1.client.history(group.id))).toBe('not_found');
    const hist = await mod.client.history(group.id);
    expect(hist.messages.map((m) => m.system?.action)).toEqual(['created', 'renamed', 'member_added', 'member_removed', 'member_left']);
    expect(hist.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    await mod.client.leaveConversation(group.id);
    expect((await m3.client.getConversation(group.id)).moderatorId).toBe(m3.id);
    const many = await Promise.all(Array.from({ length: 15 }, () => signupUser(server)));
    expect(await codeOf(mod.client.createGroup({ title: 'Too big', memberIds: many.map((u) => u.id) }))).toBe('group_full');
    const rename = await raw(`/v1/conversations/${group.id}`, { method: 'PATCH', token: m3.token, body: JSON.stringify({ title: 'a\u202Eb' }) });
    expect(rename.body.code).toBe('invalid_text');
  });

  it('answers 401 without a token and 404 for unknown routes', async () => {
    expect((await raw('/v1/conversations')).status).toBe(401);
    expect((await raw('/v1/nope', { token: ada.token })).body.code).toBe('not_found');
    expect((await raw('/healthz')).status).toBe(200);
    expect((await raw('/readyz')).status).toBe(200);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = await raw('/openapi.json');
    const paths = doc.body.paths as Record<string, unknown>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/v1/auth/signup', '/v1/conversations/{id}/messages', '/v1/users/{id}/follow']));
  });
});
