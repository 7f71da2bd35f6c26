/**
 * The client delivery ledger (shared/RELIABILITY.md, "Client ledger"): every send is recorded as
 * acked or failed, every receive as (message, recipient). The check proves that every acknowledged
 * message reached every member exactly once, that no definitely-failed send was delivered, and that
 * no one outside a conversation received its messages. Receives of messages whose ack had not come
 * back when the run stopped are counted, not judged (their outcome is unknown to the client).
 */
import type { BenchConversation } from './drivers/types.js';

export interface SendRecord {
  cmid: string;
  conversation: number;
  sender: number;
}

export interface LedgerPart {
  acked: SendRecord[];
  failed: SendRecord[];
  /** [cmid, recipient user index] for every message.created the run's clients received. */
  received: [string, number][];
  /** Per-conversation sequence went backwards or repeated at a recipient. */
  outOfOrder: number;
}

export interface LedgerVerdict {
  sent: number;
  acked: number;
  failed: number;
  /** Deliveries of acked messages (each member counted once even if duplicated). */
  delivered: number;
  expectedDeliveries: number;
  lost: number;
  duplicated: number;
  deliveredUnacked: number;
  deliveredFailed: number;
  misrouted: number;
  outOfOrder: number;
}

export function emptyLedger(): LedgerPart {
  return { acked: [], failed: [], received: [], outOfOrder: 0 };
}

/**
 * @param echoesToSender whether the server also delivers a message to its sender's own sockets
 *   (Backchannel does: a user's stream carries their own sends for their other devices); if so the
 *   sender is one of the members that must receive it exactly once.
 */
export function checkLedger(parts: LedgerPart[], conversations: BenchConversation[], echoesToSender: boolean): LedgerVerdict {
  const counts = new Map<string, number>();
  for (const p of parts) for (const [cmid, r] of p.received) counts.set(`${cmid}|${r}`, (counts.get(`${cmid}|${r}`) ?? 0) + 1);
  const ackedIds = new Map<string, SendRecord>();
  const failedIds = new Set<string>();
  for (const p of parts) {
    for (const s of p.acked) ackedIds.set(s.cmid, s);
    for (const s of p.failed) failedIds.add(s.cmid);
  }
  const v: LedgerVerdict = {
    sent: ackedIds.size + failedIds.size,
    acked: ackedIds.size,
    failed: failedIds.size,
    delivered: 0,
    expectedDeliveries: 0,
    lost: 0,
    duplicated: 0,
    deliveredUnacked: 0,
    deliveredFailed: 0,
    misrouted: 0,
    outOfOrder: parts.reduce((n, p) => n + p.outOfOrder, 0),
  };
  for (const s of ackedIds.values()) {
    const members = conversations[s.conversation]?.members ?? [];
    for (const m of members) {
      if (m === s.sender && !echoesToSender) continue;
      v.expectedDeliveries++;
      const c = counts.get(`${s.cmid}|${m}`) ?? 0;
      if (c === 0) v.lost++;
      else v.delivered++;
      if (c > 1) v.duplicated += c - 1;
    }
  }
  for (const [key] of counts) {
    const bar = key.lastIndexOf('|');
    const cmid = key.slice(0, bar);
    const r = Number(key.slice(bar + 1));
    const s = ackedIds.get(cmid);
    if (s) {
      const members = conversations[s.conversation]?.members ?? [];
      if (!members.includes(r)) v.misrouted++;
    } else if (failedIds.has(cmid)) v.deliveredFailed++;
    else v.deliveredUnacked++;
  }
  return v;
}
