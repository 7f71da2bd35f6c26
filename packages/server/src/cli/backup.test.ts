/**
 * `admin backup` / `restore` / `verify-backup` refuse what they must (docs/deploy/backup.md): a
 * damaged or truncated backup, a foreign file, a non-empty data directory, a schema newer than
 * this build. The restore drill under load is backup.drill.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signupUser, startTestServer, type TestServer } from '../testing/harness.js';
import { runAdmin } from './admin.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-backup-'));
let server: TestServer;
const backup = path.join(root, 'b1');

async function admin(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(argv, { env: { BACKCHANNEL_DATA_DIR: dataDir }, out: (l) => (out += l + '\n'), err: (l) => (err += l + '\n') });
  return { code, out, err };
}

beforeAll(async () => {
  server = await startTestServer({ databaseUrl: null });
  const a = await signupUser(server);
  const b = await signupUser(server);
  await a.client.follow(b.id);
  const c = await a.client.openDirect(b.id);
  for (let i = 0; i < 5; i++) await a.client.sendMessage(c.id, { text: `m${i}`, clientMessageId: `c${i}` });
  // Media and other files of the data directory travel with the database.
  fs.mkdirSync(path.join(server.dataDir, 'media', 'ab'), { recursive: true });
  fs.writeFileSync(path.join(server.dataDir, 'media', 'ab', 'f1'), 'bytes');
  const r = await admin(server.dataDir, 'backup', backup);
  expect(r.code, r.err).toBe(0);
  expect(r.out).toMatch(/2 users, 1 conversations, 5 messages, 2 files/);
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const copyOf = (name: string) => {
  const to = path.join(root, name);
  fs.cpSync(backup, to, { recursive: true });
  return to;
};

it('restores into an empty data directory with the media files, and the copy opens', async () => {
  const dir = path.join(root, 'data-ok');
  const r = await admin(dir, 'restore', backup);
  expect(r.code, r.err).toBe(0);
  expect(fs.readFileSync(path.join(dir, 'media', 'ab', 'f1'), 'utf8')).toBe('bytes');
  const db = new Database(path.join(dir, 'backchannel.db'), { readonly: true });
  expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(5);
  db.close();
  expect((await admin(dir, 'verify-backup', backup)).code).toBe(0);
});

it('refuses a data directory that is not empty, and writes nothing there', async () => {
  const dir = path.join(root, 'data-busy');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'keep'), 'x');
  const r = await admin(dir, 'restore', backup);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/is not empty/);
  expect(fs.readdirSync(dir)).toEqual(['keep']);
});

it('refuses a backup into a destination that is not empty', async () => {
  const r = await admin(server.dataDir, 'backup', backup);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/is not empty/);
});

it.each([
  ['a flipped byte in the database', (dir: string) => {
    const f = path.join(dir, 'backchannel.db');
    const buf = fs.readFileSync(f);
    buf[buf.length - 100] = buf[buf.length - 100]! ^ 0xff;
    fs.writeFileSync(f, buf);
  }, /does not match its checksum/],
  ['a truncated database', (dir: string) => fs.truncateSync(path.join(dir, 'backchannel.db'), 4096), /does not match its checksum/],
  ['a missing media file', (dir: string) => fs.rmSync(path.join(dir, 'media', 'ab', 'f1')), /media\/ab\/f1 is missing/],
  ['no manifest', (dir: string) => fs.rmSync(path.join(dir, 'manifest.json')), /cannot read .*manifest\.json/],
  ['a manifest naming a file outside the backup', (dir: string) => {
    const mf = path.join(dir, 'manifest.json');
    const m = JSON.parse(fs.readFileSync(mf, 'utf8')) as { files: Record<string, unknown> };
    m.files['../../etc/passwd'] = { bytes: 1, sha256: 'x' };
    fs.writeFileSync(mf, JSON.stringify(m));
  }, /outside the backup/],
])('refuses %s (verify-backup and restore), leaving the data directory empty', async (name, damage, why) => {
  const copy = copyOf(`bad-${name.replace(/\W+/g, '-')}`);
  damage(copy);
  const v = await admin(path.join(root, 'unused'), 'verify-backup', copy);
  expect(v.code).toBe(1);
  expect(v.err).toMatch(why);
  const dir = path.join(root, `data-${name.replace(/\W+/g, '-')}`);
  const r = await admin(dir, 'restore', copy);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(why);
  expect(fs.existsSync(path.join(dir, 'backchannel.db'))).toBe(false);
});

it('refuses a backup from a newer schema, even with a manifest that matches it', async () => {
  // The manifest rewritten to match: the schema check must catch it.
  const copy = copyOf('bad-schema');
  const f = path.join(copy, 'backchannel.db');
  const db = new Database(f);
  db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(10_000);
  db.close();
  const { createHash } = await import('node:crypto');
  const mf = path.join(copy, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(mf, 'utf8')) as { files: Record<string, { bytes: number; sha256: string }> };
  m.files['backchannel.db'] = { bytes: fs.statSync(f).size, sha256: createHash('sha256').update(fs.readFileSync(f)).digest('hex') };
  fs.writeFileSync(mf, JSON.stringify(m));
  const r = await admin(path.join(root, 'data-newer'), 'restore', copy);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/schema version 10000; this build knows \d+/);
});

it('says how to back up PostgreSQL instead of guessing', async () => {
  let err = '';
  const code = await runAdmin(['backup', path.join(root, 'pg')], { env: { BACKCHANNEL_DATABASE_URL: 'postgres://127.0.0.1:1/none' }, out: () => {}, err: (l) => (err += l) });
  expect(code).toBe(1);
  expect(err).toMatch(/pg_dump/);
});
