/**
 * Account deletion (POST /v1/me/delete, POST /v1/moderation/users/:id/delete; docs/subsystems/accounts.md):
 * a wrong password changes nothing; deletion ends every session and closes sockets, erases the
 * profile, frees the username, removes follows and blocks both ways, withdraws pending requests,
 * leaves conversations (messages stay, from "Deleted user"), keeps reports; deleting again is a no-op.
 */
import { beforeEach, afterEach, expect, it } from 'vitest';
import type { AuditEntry, Conversation, Message, Report } from '@backchannel/protocol';
import { RELAXED_REQUEST_LIMITS, signupUser, SpySocket, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, cmid } from '../requests/requests.test-helpers.js';

let server: TestServer;
let ada: TestUser, bob: TestUser, cy: TestUser, dee: TestUser, op: TestUser;
let direct: Conversation, group: Conversation;
const PASSWORD = 'correct horse battery';

beforeEach(async () => {
  server = await startTestServer(RELAXED_REQUEST_LIMITS);
  [ada, bob, cy, dee, op] = await Promise.all(['ada', 'bob', 'cy', 'dee', 'op'].map((n) => signupUser(server, `${n}_${process.pid}`)));
  await server.deps.store.write((tx) => tx.users.update(op.id, { roles: ['operator'] }));
  for (const [a, b] of [[ada, bob], [bob, ada], [cy, ada], [ada, cy], [bob, cy], [cy, bob]] as const) await a.client.follow(b.id);
  expect((await api(server, cy, 'PUT', `/v1/users/${ada.id}/block`)).status).toBe(200);
  direct = await ada.client.openDirect(bob.id);
  await ada.client.sendMessage(direct.id, { text: 'from ada', clientMessageId: cmid() });
  group = await ada.client.createGroup({ title: 'trio', memberIds: [bob.id] });
  await ada.client.sendMessage(group.id, { text: 'ada in the group', clientMessageId: cmid() });
  await bob.client.report({ target: { kind: 'user', userId: ada.id }, reason: 'spam' });
  // A pending request from ada: dee does not follow her.
  const toDee = await ada.client.openDirect(dee.id);
  await ada.client.sendMessage(toDee.id, { text: 'ada asks dee', clientMessageId: cmid() });
  expect((await api<{ conversations: unknown[] }>(server, dee, 'GET', '/v1/requests')).body.conversations).toHaveLength(1);
});
afterEach(async () => server?.close());

it('a wrong password deletes nothing', async () => {
  const r = await api(server, ada, 'POST', '/v1/me/delete', { password: 'not it at all' });
  expect(r.status).toBe(401);
  expect(r.body).toMatchObject({ code: 'invalid_credentials', details: { field: 'password' } });
  expect((await api(server, ada, 'GET', '/v1/me')).status).toBe(200);
  expect((await api(server, bob, 'GET', `/v1/users/${ada.id}`)).status).toBe(200);
  expect((await api(server, ada, 'POST', '/v1/me/delete', {})).body).toMatchObject({ code: 'bad_request', details: { field: 'password' } });
  expect((await api(server, null, 'POST', '/v1/me/delete', { password: PASSWORD })).status).toBe(401);
});

it('deletes: sessions end, sockets close, the profile and graph go, messages stay from "Deleted user", reports stay', async () => {
  const spy = await SpySocket.open(server, ada.token);
  const second = await signupUser(server).then(() => ada.client.login({ username: ada.username, password: PASSWORD }));
  expect((await api(server, ada, 'POST', '/v1/me/delete', { password: PASSWORD })).status).toBe(200);
  expect(await spy.waitClosed()).toBe(4001);
  for (const token of [ada.token, second.token]) expect((await api(server, { ...ada, token }, 'GET', '/v1/me')).status).toBe(401);
  expect((await api(server, null, 'POST', '/v1/auth/login', { username: ada.username, password: PASSWORD })).body).toMatchObject({ code: 'invalid_credentials' });
  // Her profile is gone for everyone; the old username is free.
  expect((await api(server, bob, 'GET', `/v1/users/${ada.id}`)).status).toBe(404);
  expect((await api(server, bob, 'GET', `/v1/users/by-username/${ada.username}`)).status).toBe(404);
  expect((await api<{ users: unknown[] }>(server, bob, 'GET', `/v1/users?q=${ada.username}`)).body.users).toEqual([]);
  // Follows both ways and the block against her are gone.
  expect((await api<{ profile: { followerCount: number; followingCount: number } }>(server, bob, 'GET', `/v1/users/${bob.id}`)).body.profile).toMatchObject({ followerCount: 1, followingCount: 1 });
  expect((await api<{ users: unknown[] }>(server, cy, 'GET', '/v1/me/blocks')).body.users).toEqual([]);
  // Her pending request to dee is withdrawn.
  expect((await api<{ conversations: unknown[] }>(server, dee, 'GET', '/v1/requests')).body.conversations).toEqual([]);
  // Bob keeps the 1:1 and her message, now from "Deleted user"; the group shows she left.
  const history = (await api<{ messages: Message[] }>(server, bob, 'GET', `/v1/conversations/${direct.id}/messages`)).body.messages;
  expect(history.map((m) => m.text)).toEqual(['from ada']);
  const conv = (await api<{ conversation: Conversation }>(server, bob, 'GET', `/v1/conversations/${direct.id}`)).body.conversation;
  expect(JSON.stringify(conv)).not.toContain(ada.username);
  const groupHistory = (await api<{ messages: Message[] }>(server, bob, 'GET', `/v1/conversations/${group.id}/messages`)).body.messages;
  expect(groupHistory.at(-1)).toMatchObject({ kind: 'system', system: { action: 'member_left', actorId: ada.id } });
  const groupNow = (await api<{ conversation: Conversation }>(server, bob, 'GET', `/v1/conversations/${group.id}`)).body.conversation;
  expect(groupNow.memberCount).toBe(1);
  const row = await server.deps.store.read.users.byId(ada.id);
  expect(row).toMatchObject({ displayName: 'Deleted user', bio: '', roles: [], whoCanMessage: 'nobody' });
  // The report about her stays for moderators.
  const reports = (await api<{ reports: Report[] }>(server, op, 'GET', '/v1/moderation/reports')).body.reports;
  expect(reports.map((r) => r.reportedUser?.id)).toEqual([ada.id]);
  // Anyone may now sign up with her old username.
  expect((await signupUser(server, ada.username)).username).toBe(ada.username);
});

it('operators delete accounts (audited, idempotent); others cannot, nor can an operator delete themselves this way', async () => {
  expect((await api(server, bob, 'POST', `/v1/moderation/users/${ada.id}/delete`, {})).body).toMatchObject({ code: 'forbidden' });
  expect((await api(server, op, 'POST', `/v1/moderation/users/${op.id}/delete`, {})).body).toMatchObject({ code: 'self_action' });
  expect((await api(server, op, 'POST', `/v1/moderation/users/nobody_here/delete`, {})).body).toMatchObject({ code: 'not_found' });
  expect((await api(server, bob, 'GET', `/v1/users/${ada.id}`)).status).toBe(200);
  const spy = await SpySocket.open(server, ada.token);
  expect((await api(server, op, 'POST', `/v1/moderation/users/${ada.id}/delete`, { note: 'asked by email' })).status).toBe(200);
  expect(await spy.waitClosed()).toBe(4001);
  const before = await server.deps.store.read.users.byId(ada.id);
  expect((await api(server, op, 'POST', `/v1/moderation/users/${ada.id}/delete`, {})).status).toBe(200);
  expect(await server.deps.store.read.users.byId(ada.id)).toEqual(before);
  const audit = (await api<{ entries: AuditEntry[] }>(server, op, 'GET', '/v1/moderation/audit')).body.entries;
  expect(audit.filter((e) => e.action === 'user.deleted').map((e) => [e.targetId, e.note])).toEqual([[ada.id, ''], [ada.id, 'asked by email']]);
  expect((await api(server, bob, 'GET', `/v1/users/${ada.id}`)).status).toBe(404);
});
