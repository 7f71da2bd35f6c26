/**
 * The client ledger of RELIABILITY.md: SDK clients record every send (sent / failed) and every
 * receive; the checker proves every acknowledged message reached every member exactly once, no
 * failed send appears, and every conversation's sequence has no gaps.
 */
import WebSocket from 'ws';
import { expect } from 'vitest';
import { BackchannelClient, type BackchannelSocket, type OutboxEntry } from '@backchannel/sdk';

export interface LedgerMember {
  id: string;
  client: BackchannelClient;
  socket: BackchannelSocket;
  /** clientMessageId → how many message.created events carried it. */
  received: Map<string, number>;
}

export interface LedgerConversation {
  id: string;
  members: LedgerMember[];
}

export interface LedgerOutcome {
  conversationId: string;
  entry: OutboxEntry;
}

export async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Signs up `count` users (each on the base URL chosen by `urlFor(i)`), all following each other. */
export async function ledgerUsers(count: number, urlFor: (i: number) => string, prefix: string): Promise<LedgerMember[]> {
  const members: LedgerMember[] = [];
  for (let i = 0; i < count; i++) {
    const client = new BackchannelClient({ baseUrl: urlFor(i) });
    const { user } = await client.signup({ username: `${prefix}${i}`, displayName: `${prefix} ${i}`, password: 'correct horse battery' });
    members.push({ id: user.id, client, socket: null as unknown as BackchannelSocket, received: new Map() });
  }
  for (const a of members) for (const b of members) if (a !== b) await a.client.follow(b.id);
  return members;
}

/** 1:1s between neighbours plus one group of everyone. */
export async function ledgerConversations(members: LedgerMember[]): Promise<LedgerConversation[]> {
  const out: LedgerConversation[] = [];
  for (let i = 0; i + 1 < members.length; i += 2) {
    const c = await members[i]!.client.openDirect(members[i + 1]!.id);
    out.push({ id: c.id, members: [members[i]!, members[i + 1]!] });
  }
  const group = await members[0]!.client.createGroup({ title: 'ledger', memberIds: members.slice(1).map((m) => m.id) });
  out.push({ id: group.id, members });
  return out;
}

export async function connectLedgerSockets(members: LedgerMember[]): Promise<void> {
  for (const m of members) {
    const cursor = (await m.client.syncHead()).cursor;
    m.socket = m.client.socket({ WebSocket, cursor, reconnectBackoff: { baseMs: 50, maxMs: 400 }, sendBackoff: { baseMs: 50, maxMs: 400 } });
    m.socket.on('message.created', (e) => {
      const cid = e.data.message.clientMessageId;
      if (cid) m.received.set(cid, (m.received.get(cid) ?? 0) + 1);
    });
    m.socket.connect();
  }
}

/** Sends random messages until `faults` resolves (bounded by `maxSends`), then waits for every outcome. */
export async function ledgerStorm(conversations: LedgerConversation[], faults: () => Promise<void>, opts: { maxSends?: number; intervalMs?: number } = {}): Promise<LedgerOutcome[]> {
  const maxSends = opts.maxSends ?? 5000;
  const intervalMs = opts.intervalMs ?? 2;
  const pending: Array<{ conversationId: string; settled: Promise<OutboxEntry> }> = [];
  let stop = false;
  const storm = (async () => {
    for (let n = 0; !stop && n < maxSends; n++) {
      const conv = conversations[n % conversations.length]!;
      const sender = conv.members[Math.floor(Math.random() * conv.members.length)]!;
      const entry = sender.socket.send(conv.id, `msg ${n}`);
      pending.push({ conversationId: conv.id, settled: sender.socket.whenSettled(entry.clientMessageId) });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  try {
    await faults();
  } finally {
    stop = true;
    await storm;
  }
  let settledCount = 0;
  const debug = process.env.DEBUG_LEDGER ? setInterval(() => console.log(`ledger: ${settledCount}/${pending.length} settled`), 2000) : null;
  try {
    return await Promise.all(pending.map(async (p) => ({ conversationId: p.conversationId, entry: await p.settled.finally(() => settledCount++) })));
  } finally {
    if (debug) clearInterval(debug);
  }
}

export async function verifyLedger(conversations: LedgerConversation[], outcomes: LedgerOutcome[]): Promise<{ acked: number; failed: number }> {
  const acked = outcomes.filter((o) => o.entry.status === 'sent');
  const failed = outcomes.filter((o) => o.entry.status === 'failed');
  for (const conv of conversations) {
    const seen: Array<{ seq: number; clientMessageId: string | null }> = [];
    let after = 0;
    for (;;) {
      const page = await conv.members[0]!.client.history(conv.id, { after, limit: 200 });
      seen.push(...page.messages.map((m) => ({ seq: m.seq, clientMessageId: m.clientMessageId })));
      if (!page.hasMore) break;
      after = page.messages.at(-1)!.seq;
    }
    expect(seen.map((m) => m.seq), `seqs of ${conv.id}`).toEqual(seen.map((_, i) => i + 1));
    const ids = seen.map((m) => m.clientMessageId).filter((x): x is string => x !== null);
    expect(new Set(ids).size, `duplicates in ${conv.id}`).toBe(ids.length);
    const idSet = new Set(ids);
    for (const o of acked.filter((a) => a.conversationId === conv.id)) expect(idSet.has(o.entry.clientMessageId)).toBe(true);
    for (const o of failed.filter((a) => a.conversationId === conv.id)) expect(idSet.has(o.entry.clientMessageId)).toBe(false);
  }
  const members = [...new Set(conversations.flatMap((c) => c.members))];
  for (const m of members) {
    const mine = new Set(conversations.filter((c) => c.members.includes(m)).map((c) => c.id));
    const expected = acked.filter((o) => mine.has(o.conversationId)).map((o) => o.entry.clientMessageId);
    await until(() => expected.every((id) => m.received.has(id)), 30_000, `member ${m.id} to receive ${expected.length} messages`);
    for (const id of expected) expect(m.received.get(id)).toBe(1);
    for (const o of failed) expect(m.received.has(o.entry.clientMessageId)).toBe(false);
  }
  return { acked: acked.length, failed: failed.length };
}
