/**
 * A conversation's loaded messages, normalised: entities by id and one ordered index of ids by
 * seq. A live message is appended (or inserted by binary search when it is not the newest), a page
 * is merged in one linear pass, and an edit, an unsend, a reaction or a removal replaces one entity
 * without touching the index, so only that message's bubble re-renders.
 *
 * Seqs are unique per conversation (RELIABILITY.md); the first copy of an id keeps its place, so a
 * replay after a reconnect (or the ack and the event of one send) changes nothing, while a page
 * read later updates what changed meanwhile (an edit, an unsend, reactions).
 */
import type { Message } from '@backchannel/protocol';

export interface MessageIndex {
  /** Message ids, oldest first (ascending seq). */
  readonly ids: readonly string[];
  readonly byId: Readonly<Record<string, Message>>;
  /** Older messages exist on the server (page with `before: first seq`). */
  readonly hasMore: boolean;
}

export const EMPTY_INDEX: MessageIndex = { ids: [], byId: {}, hasMore: false };

/** The messages in order (for views that need the objects). */
export function messagesOf(index: MessageIndex | undefined): Message[] {
  if (!index) return [];
  return index.ids.map((id) => index.byId[id]!);
}

export function firstMessage(index: MessageIndex | undefined): Message | undefined {
  const id = index?.ids[0];
  return id === undefined ? undefined : index!.byId[id];
}

export function lastMessage(index: MessageIndex | undefined): Message | undefined {
  const id = index?.ids[index.ids.length - 1];
  return id === undefined ? undefined : index!.byId[id];
}

/** Index of the first id whose seq is greater than `seq` (upper bound). */
export function afterSeq(index: MessageIndex, seq: number): number {
  let lo = 0;
  let hi = index.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.byId[index.ids[mid]!]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first id whose seq is at least `seq` (lower bound). */
export function atOrAfterSeq(index: MessageIndex, seq: number): number {
  let lo = 0;
  let hi = index.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.byId[index.ids[mid]!]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds messages not held yet; returns `index` itself when every one is known. */
export function insertMessages(index: MessageIndex, incoming: readonly Message[]): MessageIndex {
  const seen = new Set<string>();
  // A page read later (a reload, a resync) carries what changed since: an edit, an unsend.
  const updates = incoming.filter((m) => index.byId[m.id] !== undefined && changed(index.byId[m.id]!, m));
  if (updates.length > 0) index = { ...index, byId: { ...index.byId, ...Object.fromEntries(updates.map((m) => [m.id, m])) } };
  const fresh = incoming.filter((m) => {
    if (index.byId[m.id] !== undefined || seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
  if (fresh.length === 0) return index;
  const byId = { ...index.byId };
  for (const m of fresh) byId[m.id] = m;
  if (fresh.length === 1) {
    const m = fresh[0]!;
    const at = afterSeq(index, m.seq);
    const ids = at === index.ids.length ? [...index.ids, m.id] : [...index.ids.slice(0, at), m.id, ...index.ids.slice(at)];
    return { ...index, ids, byId };
  }
  // A page: sort the few new ones, then one merge pass (equal seqs keep the held message first).
  const sorted = [...fresh].sort((a, b) => a.seq - b.seq);
  const ids: string[] = [];
  let i = 0;
  let j = 0;
  while (i < index.ids.length || j < sorted.length) {
    const held = index.ids[i];
    const next = sorted[j];
    if (held !== undefined && (next === undefined || index.byId[held]!.seq <= next.seq)) {
      ids.push(held);
      i++;
    } else {
      ids.push(next!.id);
      j++;
    }
  }
  return { ...index, ids, byId };
}

/** Takes one message out (delete for me); unknown ids change nothing. */
export function dropMessage(index: MessageIndex, id: string): MessageIndex {
  if (index.byId[id] === undefined) return index;
  const byId = { ...index.byId };
  delete byId[id];
  return { ...index, ids: index.ids.filter((x) => x !== id), byId };
}

/** What a page may change in a held message: an edit, an unsend, reactions, its quote. */
function changed(held: Message, incoming: Message): boolean {
  return (
    held.text !== incoming.text ||
    held.editedAt !== incoming.editedAt ||
    (held.tombstone?.at ?? null) !== (incoming.tombstone?.at ?? null) ||
    (held.replyTo?.unavailable ?? null) !== (incoming.replyTo?.unavailable ?? null) ||
    JSON.stringify(held.reactions) !== JSON.stringify(incoming.reactions)
  );
}

/** Replaces one held message (a removal, later an edit or a reaction); unknown ids change nothing. */
export function replaceMessage(index: MessageIndex, message: Message): MessageIndex {
  const held = index.byId[message.id];
  if (held === undefined || held === message) return index;
  return { ...index, byId: { ...index.byId, [message.id]: message } };
}
