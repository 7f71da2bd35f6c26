/**
 * Pure helpers for a conversation's message list in UI state. Reducers are the app's job; these two
 * are shared because every client needs them exactly the same way.
 * Both expect the messages of ONE conversation: `seq` is only ordered within a conversation.
 */
import type { Message } from '@backchannel/protocol';

/**
 * Merges `incoming` into `existing`: sorted ascending by seq, one entry per id (messages are
 * immutable, so which copy wins does not matter; the incoming one does). Returns `existing` itself
 * when nothing is new, so UI frameworks that compare by reference skip a re-render.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  const known = new Set(existing.map((m) => m.id));
  if (incoming.every((m) => known.has(m.id))) return existing;
  const byId = new Map<string, Message>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** A hole in a message list: the seqs strictly between `afterSeq` and `beforeSeq` are missing. */
export interface Gap {
  afterSeq: number;
  beforeSeq: number;
}

/**
 * Finds holes where `last + 1 != next` (RELIABILITY.md: per-conversation seqs are contiguous).
 * Pass `lastSeq` (the conversation's `lastSeq`) to also report a hole at the tail; the head is never
 * a gap, since older history is paged in on demand. Fill a gap with `client.fillGap`.
 */
export function findGaps(messages: readonly Message[], opts: { lastSeq?: number } = {}): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < messages.length; i++) {
    const prev = messages[i - 1]!.seq;
    const next = messages[i]!.seq;
    if (next > prev + 1) gaps.push({ afterSeq: prev, beforeSeq: next });
  }
  const tail = messages[messages.length - 1]?.seq;
  if (tail !== undefined && opts.lastSeq !== undefined && opts.lastSeq > tail) {
    gaps.push({ afterSeq: tail, beforeSeq: opts.lastSeq + 1 });
  }
  return gaps;
}
