/**
 * The delivery ledger (RELIABILITY.md, "How we test it"): SDK clients send random messages in 1:1s
 * and a group while the server process is killed with SIGKILL and restarted several times. After
 * the storm: every acknowledged message is in every member's history and live event stream
 * exactly once, no failed send appears, and every conversation's sequence has no gaps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connectLedgerSockets, ledgerConversations, ledgerStorm, ledgerUsers, verifyLedger } from './testing/ledger.js';
import { freePort, ServerProcess } from './testing/process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-ledger-'));
let server: ServerProcess;
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('loses and duplicates nothing across SIGKILL restarts', { timeout: 120_000 }, async () => {
  // The storm sends far faster than a person; the default socket op limit is for people.
  server = new ServerProcess(await freePort(), { BACKCHANNEL_DATA_DIR: dataDir, BACKCHANNEL_HASH_CONCURRENCY: '4', BACKCHANNEL_SOCKET_OPS_PER_MINUTE: '100000' });
  await server.start();
  const members = await ledgerUsers(6, () => server.url, 'ledger');
  const conversations = await ledgerConversations(members);
  await connectLedgerSockets(members);

  const outcomes = await ledgerStorm(conversations, async () => {
    for (let k = 0; k < 3; k++) {
      await new Promise((r) => setTimeout(r, 1500));
      await server.kill('SIGKILL');
      await server.start();
    }
    await new Promise((r) => setTimeout(r, 1500));
  });
  const { acked } = await verifyLedger(conversations, outcomes);
  expect(acked).toBeGreaterThan(50);
  for (const m of members) m.socket.close();
});
