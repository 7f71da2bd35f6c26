/**
 * The restore drill on PostgreSQL, with the commands docs/deploy/backup.md gives operators:
 * `pg_dump --format=custom` of the live database mid-storm, the original dropped, `pg_restore
 * --exit-on-error --single-transaction`, a server started on the restored copy. Every message
 * acknowledged before the dump began is there exactly once, and sequences are gapless.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { BackchannelClient } from '@backchannel/sdk';
import { createTestSchema, TEST_PG_URL, withSearchPath, type TestSchema } from '../storage/postgres/testSchema.js';
import { connectLedgerSockets, ledgerConversations, ledgerUsers } from '../testing/ledger.js';
import { freePort, ServerProcess } from '../testing/process.js';
import { drillStorm, verifyRestored } from './backup.drill.test-helpers.js';

const run = promisify(execFile);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pgdrill-'));
const servers: ServerProcess[] = [];
let schema: TestSchema | null = null;

async function sql(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  for (const s of servers) await s.kill();
  await schema?.drop();
  fs.rmSync(root, { recursive: true, force: true });
});

it('pg_dump under load, the original dropped, pg_restore: every message acknowledged before the dump', { timeout: 120_000 }, async () => {
  schema = await createTestSchema();
  const env = { BACKCHANNEL_HASH_CONCURRENCY: '4', BACKCHANNEL_SOCKET_OPS_PER_MINUTE: '100000', BACKCHANNEL_USER_WRITES_PER_MINUTE: '1000000' };
  const server = new ServerProcess(await freePort(), { ...env, BACKCHANNEL_DATABASE_URL: schema.url });
  servers.push(server);
  await server.start();
  const members = await ledgerUsers(6, () => server.url, 'pgdrill');
  const conversations = await ledgerConversations(members);
  await connectLedgerSockets(members);

  const dump = path.join(root, 'backchannel.pgdump');
  let dumpBegan = 0;
  const sends = await drillStorm(conversations, async (acked) => {
    await acked(150);
    dumpBegan = Date.now();
    // A deployment dumps its whole database; the test's database holds other tests' schemas, so it names its own.
    await run('pg_dump', ['--format=custom', `--schema=${schema!.schema}`, `--file=${dump}`, TEST_PG_URL], { timeout: 60_000 });
    // The storm goes on after the backup began: later messages may or may not be in the copy.
    await acked(30, dumpBegan);
  });
  for (const m of members) m.socket.close();
  expect(sends.filter((s) => s.status === 'sent' && s.settledAt < dumpBegan).length).toBeGreaterThan(100);
  expect(sends.filter((s) => s.status === 'sent' && s.settledAt > dumpBegan).length).toBeGreaterThan(0);
  await server.kill('SIGTERM');

  // The original is gone (its schema dropped) before the restore, as after losing the database.
  // (Operators restore into a new database, docs/deploy/backup.md; here CREATE/DROP DATABASE would
  // force two checkpoints of the shared test cluster, tens of seconds on a busy machine.)
  await sql(`DROP SCHEMA ${schema.schema} CASCADE`);
  await run('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', `--dbname=${TEST_PG_URL}`, dump], { timeout: 60_000 });
  const restored = new ServerProcess(await freePort(), { ...env, BACKCHANNEL_DATABASE_URL: withSearchPath(TEST_PG_URL, schema.schema) });
  servers.push(restored);
  await restored.start();
  await verifyRestored(conversations, (c) => new BackchannelClient({ baseUrl: restored.url, token: c.members[0]!.client.token! }), sends, dumpBegan);
});
