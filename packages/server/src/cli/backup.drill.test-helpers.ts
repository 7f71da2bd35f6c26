/** The restore drill's storm (each send's outcome with the time it settled) and its checker, for SQLite and PostgreSQL. */
import { expect } from 'vitest';
import type { BackchannelClient } from '@backchannel/sdk';
import type { LedgerConversation } from '../testing/ledger.js';

export interface DrillSend {
  conversationId: string;
  clientMessageId: string;
  status: 'sent' | 'failed' | 'pending';
  /** Date.now() when the outcome was seen (after the server's ack: later than the commit). */
  settledAt: number;
}

/** Sends on the members' sockets until `during` resolves (at most `maxSends`), then waits for every outcome. */
export async function drillStorm(conversations: LedgerConversation[], during: () => Promise<void>, maxSends = 20_000): Promise<DrillSend[]> {
  const pending: Array<Promise<DrillSend>> = [];
  let stop = false;
  const storm = (async () => {
    for (let n = 0; !stop && n < maxSends; n++) {
      const conv = conversations[n % conversations.length]!;
      const sender = conv.members[n % conv.members.length]!;
      const entry = sender.socket.send(conv.id, `drill ${n}`);
      pending.push(sender.socket.whenSettled(entry.clientMessageId).then((e) => ({ conversationId: conv.id, clientMessageId: e.clientMessageId, status: e.status === 'sent' ? 'sent' : e.status === 'failed' ? 'failed' : 'pending', settledAt: Date.now() })));
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  try {
    await during();
  } finally {
    stop = true;
    await storm;
  }
  return Promise.all(pending);
}

/** Every conversation of the restored copy: gapless seqs, no duplicates, every send acked before `backupBegan` present, no failed send. */
export async function verifyRestored(conversations: LedgerConversation[], reader: (c: LedgerConversation) => BackchannelClient, sends: DrillSend[], backupBegan: number): Promise<void> {
  let checked = 0;
  for (const conv of conversations) {
    const client = reader(conv);
    const seen: Array<{ seq: number; clientMessageId: string | null }> = [];
    let after = 0;
    for (let page = 0; page < 10_000; page++) {
      const res = await client.history(conv.id, { after, limit: 200 });
      seen.push(...res.messages.map((m) => ({ seq: m.seq, clientMessageId: m.clientMessageId })));
      if (!res.hasMore) break;
      after = res.messages.at(-1)!.seq;
    }
    expect(seen.map((m) => m.seq), `seqs of ${conv.id}`).toEqual(seen.map((_, i) => i + 1));
    const ids = seen.map((m) => m.clientMessageId).filter((x): x is string => x !== null);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const s of sends.filter((x) => x.conversationId === conv.id)) {
      if (s.status === 'sent' && s.settledAt < backupBegan) {
        expect(counts.get(s.clientMessageId), `acked before the backup: ${s.clientMessageId}`).toBe(1);
        checked++;
      }
      if (s.status === 'failed') expect(counts.has(s.clientMessageId)).toBe(false);
    }
    expect([...counts.values()].every((n) => n === 1), `duplicates in ${conv.id}`).toBe(true);
  }
  expect(checked).toBe(sends.filter((s) => s.status === 'sent' && s.settledAt < backupBegan).length);
}
