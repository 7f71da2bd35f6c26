/**
 * The admin CLI's account commands against a running server's store (the CLI opens the same
 * SQLite file, as on a real host): what they print, what they change, and that sessions they end
 * close their sockets (the session recheck: no bus links the two processes' stores).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEntry } from '@backchannel/protocol';
import { signupUser, SpySocket, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';
import { api } from '../domain/requests/requests.test-helpers.js';
import { downloadExport, unzip } from '../domain/account/account.test-helpers.js';
import { runAdmin } from './admin.js';

let server: TestServer;
let op: TestUser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-cli-'));

async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const port = new URL(server.url).port;
  const code = await runAdmin(argv, { env: { BACKCHANNEL_DATA_DIR: server.dataDir, PORT: port, BACKCHANNEL_LOG_LEVEL: 'silent' }, out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n') });
  return { code, out, err };
}

beforeAll(async () => {
  server = await startTestServer({ databaseUrl: null, sessionRecheckSeconds: 1 });
  op = await signupUser(server);
  await server.deps.store.write((tx) => tx.users.update(op.id, { roles: ['operator'] }));
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('create-user prints a password that logs in; --operator grants the role; list-operators shows it', async () => {
  const r = await admin('create-user', 'cli_made', '--display-name', 'Made by CLI', '--operator');
  expect(r.code, r.err).toBe(0);
  const password = /password: (\S+)/.exec(r.out)![1]!;
  const login = await api<{ user: { roles: string[]; displayName: string } }>(server, null, 'POST', '/v1/auth/login', { username: 'cli_made', password });
  expect(login.status).toBe(200);
  expect(login.body.user).toMatchObject({ roles: ['operator'], displayName: 'Made by CLI' });
  expect((await admin('list-operators')).out).toMatch(new RegExp(`cli_made\\t.*\\n.*${op.username}|${op.username}\\t.*\\n.*cli_made`));
  expect((await admin('create-user', 'cli_made')).err).toMatch(/username is taken/);
});

it('reset-password prints a one-time link; using it sets the password and ends every session', async () => {
  const u = await signupUser(server);
  const spy = await SpySocket.open(server, u.token);
  const r = await admin('reset-password', u.username);
  expect(r.code, r.err).toBe(0);
  const token = /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(r.out)![1]!;
  expect((await api(server, null, 'POST', '/v1/auth/reset-password', { token, password: 'a brand new secret' })).status).toBe(200);
  expect(await spy.waitClosed()).toBe(4001);
  expect((await api(server, u, 'GET', '/v1/me')).status).toBe(401);
  expect((await api(server, null, 'POST', '/v1/auth/login', { username: u.username, password: 'correct horse battery' })).status).toBe(401);
  expect((await api(server, null, 'POST', '/v1/auth/login', { username: u.username, password: 'a brand new secret' })).status).toBe(200);
  expect((await api(server, null, 'POST', '/v1/auth/reset-password', { token, password: 'another new one' })).body).toMatchObject({ code: 'not_found', details: { field: 'token' } });
  expect((await api(server, null, 'POST', '/v1/auth/reset-password', { token, password: 'short' })).body).toMatchObject({ code: 'bad_request', details: { field: 'password' } });
});

it('suspend closes the sockets (from another process\'s store) and blocks login; unsuspend undoes it; both audited', async () => {
  const u = await signupUser(server);
  const spy = await SpySocket.open(server, u.token);
  expect((await admin('suspend', u.username, '--note', 'spam wave')).out).toMatch(/is suspended/);
  expect(await spy.waitClosed()).toBe(4001);
  expect((await api(server, null, 'POST', '/v1/auth/login', { username: u.username, password: 'correct horse battery' })).body).toMatchObject({ code: 'account_suspended' });
  expect((await admin('suspend', u.username)).out).toMatch(/already suspended/);
  expect((await admin('unsuspend', u.username)).out).toMatch(/may log in again/);
  expect((await api(server, null, 'POST', '/v1/auth/login', { username: u.username, password: 'correct horse battery' })).status).toBe(200);
  const audit = (await api<{ entries: AuditEntry[] }>(server, op, 'GET', '/v1/moderation/audit')).body.entries.filter((e) => e.targetId === u.id);
  expect(audit.map((e) => [e.action, e.operatorId, e.note])).toEqual([['user.unsuspended', 'admin-cli', ''], ['user.suspended', 'admin-cli', 'spam wave']]);
  expect((await admin('suspend', 'nobody_at_all')).err).toMatch(/no user nobody_at_all/);
});

it('delete-user wants --yes, then deletes as self-service does; a deleted account cannot be unsuspended', async () => {
  const u = await signupUser(server);
  const spy = await SpySocket.open(server, u.token);
  const refused = await admin('delete-user', u.username);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/--yes/);
  expect((await api(server, op, 'GET', `/v1/users/${u.id}`)).status).toBe(200);
  expect((await admin('delete-user', u.username, '--yes')).code).toBe(0);
  expect(await spy.waitClosed()).toBe(4001);
  expect((await api(server, op, 'GET', `/v1/users/${u.id}`)).status).toBe(404);
  const deletedName = (await server.deps.store.read.users.byId(u.id))!.username;
  expect((await admin('unsuspend', deletedName)).err).toMatch(/deleted; it cannot be unsuspended/);
});

it('export writes the same archive as "download my data"', async () => {
  const u = await signupUser(server);
  await u.client.follow(op.id);
  const file = path.join(tmp, 'u.zip');
  const r = await admin('export', u.username, file);
  expect(r.code, r.err).toBe(0);
  const fromCli = await unzip(fs.readFileSync(file));
  const fromHttp = (await downloadExport(server, u)).files;
  const strip = (m: Map<string, string>) => new Map([...m].filter(([p]) => p !== 'README.json'));
  expect(strip(fromCli)).toEqual(strip(fromHttp));
  expect(fromCli.get('following.json')).toContain(op.id);
  expect((await admin('export', u.username, file)).err).toMatch(/EEXIST/);
});

it('stats counts what the store holds and the server\'s open sockets', async () => {
  const spy = await SpySocket.open(server, op.token);
  const r = await admin('stats');
  expect(r.code, r.err).toBe(0);
  const stats = Object.fromEntries(r.out.trim().split('\n').map((l) => l.split('\t') as [string, string]));
  const s = await server.deps.store.read.accounts.stats();
  expect(stats).toMatchObject({ users: String(s.users), deleted: String(s.deleted), messages: String(s.messages), sockets: '1' });
  spy.close();
});
