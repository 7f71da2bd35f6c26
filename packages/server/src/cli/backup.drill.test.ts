/**
 * The restore drill (docs/deploy/backup.md): the server runs as its own process and takes a send
 * storm on sockets; mid-storm `npm run admin -- backup` copies the live store; the copy is
 * restored with `admin restore` into an empty directory and a second server starts on it. Every
 * message acknowledged before the backup began is there exactly once, no failed send is, and
 * every conversation's sequence is gapless.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { BackchannelClient } from '@backchannel/sdk';
import { connectLedgerSockets, ledgerConversations, ledgerUsers, type LedgerConversation } from '../testing/ledger.js';
import { freePort, MAIN_JS, ServerProcess } from '../testing/process.js';
import { drillStorm, verifyRestored } from './backup.drill.test-helpers.js';

const ADMIN_JS = path.join(path.dirname(MAIN_JS), 'cli/admin.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-drill-'));
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
  fs.rmSync(root, { recursive: true, force: true });
});

const admin = (dataDir: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [ADMIN_JS, ...args], { env: { ...process.env, BACKCHANNEL_DATA_DIR: dataDir, BACKCHANNEL_LOG_LEVEL: 'silent' }, timeout: 60_000 });

it('a backup taken under load restores every message acknowledged before it began, once', { timeout: 120_000 }, async () => {
  const live = path.join(root, 'live');
  const env = { BACKCHANNEL_HASH_CONCURRENCY: '4', BACKCHANNEL_SOCKET_OPS_PER_MINUTE: '100000', BACKCHANNEL_USER_WRITES_PER_MINUTE: '1000000' };
  const server = new ServerProcess(await freePort(), { ...env, BACKCHANNEL_DATA_DIR: live });
  servers.push(server);
  await server.start();
  const members = await ledgerUsers(6, () => server.url, 'drill');
  const conversations: LedgerConversation[] = await ledgerConversations(members);
  await connectLedgerSockets(members);

  const backupDir = path.join(root, 'backup');
  let backupBegan = 0;
  let backupOutput = '';
  const sends = await drillStorm(conversations, async (acked) => {
    await acked(150);
    backupBegan = Date.now();
    backupOutput = (await admin(live, 'backup', backupDir)).stdout;
    // The storm goes on after the backup began: later messages may or may not be in the copy.
    await acked(30, backupBegan);
  });
  for (const m of members) m.socket.close();
  expect(backupOutput).toMatch(/backup of .* written to/);
  const ackedBefore = sends.filter((s) => s.status === 'sent' && s.settledAt < backupBegan);
  expect(ackedBefore.length).toBeGreaterThan(100);
  // The storm kept writing while the backup ran: the drill proves an online backup.
  expect(sends.filter((s) => s.status === 'sent' && s.settledAt > backupBegan).length).toBeGreaterThan(0);

  await server.kill('SIGTERM');
  const restoredDir = path.join(root, 'restored');
  expect((await admin(restoredDir, 'restore', backupDir)).stdout).toMatch(/restored .* into/);
  const restored = new ServerProcess(await freePort(), { ...env, BACKCHANNEL_DATA_DIR: restoredDir });
  servers.push(restored);
  await restored.start();
  // The sessions are in the copy: the same tokens work against the restored server.
  const reader = (c: LedgerConversation) => new BackchannelClient({ baseUrl: restored.url, token: c.members[0]!.client.token! });
  await verifyRestored(conversations, reader, sends, backupBegan);
});
