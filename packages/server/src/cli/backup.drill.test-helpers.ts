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

/** Resolves once `count` sends were acknowledged after `since` (bounded: fails after `timeoutMs`). */
export type AckWaiter = (count: number, since?: number) => Promise<void>;

/**
 * Sends on the members' sockets until `during` resolves (at most `maxSends`), then waits for every
 * outcome. `during` gets a waiter on acknowledgements, so the drill paces itself by progress, not time.
 */
export async function drillStorm(conversations: LedgerConversation[], during: (acked: AckWaiter) => Promise<void>, maxSends = 20_000): Promise<DrillSend[]> {
  const pending: Array<Promise<DrillSend>> = [];
  const ackTimes: number[] = [];
  const acked: AckWaiter = async (count, since = 0) => {
    const deadline = Date.now() + 60_000;
    while (ackTimes.filter((t) => t > since).length < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} sends acknowledged in 60 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  let stop = false;
  const storm = (async () => {
    for (let n = 0; !stop && n < maxSends; n++) {
      const conv = conversations[n % conversations.length]!;
      const sender = conv.members[n % conv.members.length]!;
      const entry = sender.socket.send(conv.id, `drill ${n}`);
      pending.push(
        sender.socket.whenSettled(entry.clientMessageId).then((e) => {
          const settledAt = Date.now();
          if (e.status === 'sent') ackTimes.push(settledAt);
          return { conversationId: conv.id, clientMessageId: e.clientMessageId, status: e.status === 'sent' ? 'sent' : e.status === 'failed' ? 'failed' : 'pending', settledAt };
        }),
      );
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  try {
    await during(acked);
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
