/**
 * The delivery ledger (RELIABILITY.md, "How we test it"): SDK clients send random messages in 1:1s
 * and a group while the server process is killed with SIGKILL and restarted several times. After
 * the storm: every acknowledged message is in every member's history and live event stream
 * exactly once, no failed send appears, and every conversation's sequence has no gaps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, expect, it } from 'vitest';
import { BackchannelClient, type BackchannelSocket, type OutboxEntry, type WebSocketConstructor } from '@backchannel/sdk';
import { freePort, ServerProcess } from './testing/process.js';

const USERS = 6;
const KILLS = 3;
const STORM_MS = 1500;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-ledger-'));
let server: ServerProcess;
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Member {
  id: string;
  client: BackchannelClient;
  socket: BackchannelSocket;
  /** clientMessageId → how many times a message.created event carried it. */
  received: Map<string, number>;
}

async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('loses and duplicates nothing across SIGKILL restarts', { timeout: 120_000 }, async () => {
  server = new ServerProcess(await freePort(), { BACKCHANNEL_DATA_DIR: dataDir, BACKCHANNEL_HASH_CONCURRENCY: '4' });
  await server.start();

  const members: Member[] = [];
  for (let i = 0; i < USERS; i++) {
    const client = new BackchannelClient({ baseUrl: server.url });
    const { user } = await client.signup({ username: `ledger${i}`, displayName: `Ledger ${i}`, password: 'correct horse battery' });
    members.push({ id: user.id, client, socket: null as unknown as BackchannelSocket, received: new Map() });
  }
  // Everyone follows everyone so nothing lands in Requests.
  for (const a of members) for (const b of members) if (a !== b) await a.client.follow(b.id);
  const conversations: Array<{ id: string; members: Member[] }> = [];
  for (let i = 0; i < USERS; i += 2) {
    const c = await members[i]!.client.openDirect(members[i + 1]!.id);
    conversations.push({ id: c.id, members: [members[i]!, members[i + 1]!] });
  }
  const group = await members[0]!.client.createGroup({ title: 'ledger', memberIds: members.slice(1).map((m) => m.id) });
  conversations.push({ id: group.id, members });

  const head = (await members[0]!.client.syncHead()).cursor;
  for (const m of members) {
    m.socket = m.client.socket({ WebSocket: WebSocket as unknown as WebSocketConstructor, cursor: head, reconnectBackoff: { baseMs: 50, maxMs: 400 }, sendBackoff: { baseMs: 50, maxMs: 400 } });
    m.socket.on('message.created', (e) => {
      const cid = e.data.message.clientMessageId;
      if (cid) m.received.set(cid, (m.received.get(cid) ?? 0) + 1);
    });
    m.socket.connect();
  }

  const sends: Array<{ sender: Member; conversationId: string; settled: Promise<OutboxEntry> }> = [];
  let stop = false;
  const storm = (async () => {
    let n = 0;
    while (!stop && n < 5000) {
      const conv = conversations[n % conversations.length]!;
      const sender = conv.members[Math.floor(Math.random() * conv.members.length)]!;
      const entry = sender.socket.send(conv.id, `msg ${n} from ${sender.id}`);
      sends.push({ sender, conversationId: conv.id, settled: sender.socket.whenSettled(entry.clientMessageId) });
      n++;
      await new Promise((r) => setTimeout(r, 2));
    }
  })();

  for (let k = 0; k < KILLS; k++) {
    await new Promise((r) => setTimeout(r, STORM_MS));
    await server.kill('SIGKILL');
    await server.start();
  }
  await new Promise((r) => setTimeout(r, STORM_MS));
  stop = true;
  await storm;

  const outcomes = await Promise.all(sends.map((s) => s.settled.then((entry) => ({ ...s, entry }))));
  const acked = outcomes.filter((o) => o.entry.status === 'sent');
  const failed = outcomes.filter((o) => o.entry.status === 'failed');
  expect(acked.length).toBeGreaterThan(50);

  // History: every acked message exactly once, no failed one, contiguous seqs.
  for (const conv of conversations) {
    const reader = conv.members[0]!.client;
    const seen: Array<{ seq: number; clientMessageId: string | null }> = [];
    let after = 0;
    for (;;) {
      const page = await reader.history(conv.id, { after, limit: 200 });
      seen.push(...page.messages.map((m) => ({ seq: m.seq, clientMessageId: m.clientMessageId })));
      if (!page.hasMore) break;
      after = page.messages.at(-1)!.seq;
    }
    expect(seen.map((m) => m.seq)).toEqual(seen.map((_, i) => i + 1));
    const ids = seen.map((m) => m.clientMessageId).filter((x): x is string => x !== null);
    expect(new Set(ids).size).toBe(ids.length);
    const idSet = new Set(ids);
    for (const o of acked.filter((a) => a.conversationId === conv.id)) expect(idSet.has(o.entry.clientMessageId)).toBe(true);
    for (const o of failed.filter((a) => a.conversationId === conv.id)) expect(idSet.has(o.entry.clientMessageId)).toBe(false);
  }

  // Event streams: every member received every acked message of their conversations exactly once.
  for (const m of members) {
    const expected = acked.filter((o) => conversations.find((c) => c.id === o.conversationId)!.members.includes(m)).map((o) => o.entry.clientMessageId);
    await until(() => expected.every((id) => m.received.has(id)), 30_000, `member ${m.id} to receive ${expected.length} messages`);
    for (const id of expected) expect(m.received.get(id)).toBe(1);
    for (const o of failed) expect(m.received.has(o.entry.clientMessageId)).toBe(false);
  }
  for (const m of members) m.socket.close();
});
