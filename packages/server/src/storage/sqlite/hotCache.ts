/**
 * The write connection's memory of what a send reads (issue 13): the conversation row, its 1:1
 * pair, memberships, blocks and requests. SQLite has ONE writer (this connection), so it can
 * remember what it read and answer the next send from memory, as long as it forgets whenever the
 * data could have changed. It forgets everything:
 * - on any call into the write `Tx` that is not a cached read or one of the few calls known to
 *   leave those tables alone (the retry lookups, `events.append`) — every other write of every
 *   area, including ones added later, is covered without being listed;
 * - when a write or a batch rolls back (a read inside it may have seen what was undone);
 * - when another connection committed since the last batch (`PRAGMA data_version`, checked under
 *   the batch's write lock), e.g. the admin CLI.
 * `messages.append` is the one write it follows instead: it moves the cached conversation's
 * `lastSeq`/`lastActivityAt` and the sender's `readSeq` exactly as its SQL does.
 * Rows are handed out as copies, so a caller cannot change what the next send sees.
 * The read connection is never cached; PostgreSQL has several writers and no such cache.
 */
import type { Tx } from '../ports/tx.js';
import type { MessageRow } from '../rows/messages.js';
import { composeSendContext } from './sendContext.js';

/** Entries across all maps before the cache starts over (bounds memory on a big install). */
const MAX_ENTRIES = 200_000;

type Fn = (...args: unknown[]) => Promise<unknown>;

/** Calls that neither write the cached tables nor read through the cache. */
const PASS = new Set(['messages.byClientId', 'shadows.byClientId', 'events.append', 'events.headPos', 'events.streamAfter', 'events.allAfter']);
/** Cached reads: area.method → how to copy a value out. */
const CACHED: Record<string, (v: unknown) => unknown> = {
  'conversations.byId': (v) => (v ? { ...(v as object) } : v),
  'conversations.directPair': (v) => (v ? [...(v as string[])] : v),
  'members.get': (v) => (v ? { ...(v as object) } : v),
  'requests.of': (v) => (v ? { ...(v as object) } : v),
  'graph.isBlocked': (v) => v,
};

export interface HotCache {
  /** The write `Tx` with the cache in front of it. */
  readonly tx: Tx;
  /** Forgets everything (rollbacks, another connection's commit). */
  forget(): void;
  /** Hits and misses since start (metrics, tests). */
  readonly stats: { hits: number; misses: number; forgets: number };
}

export function withHotCache(inner: Tx): HotCache {
  const maps = new Map<string, Map<string, unknown>>();
  let entries = 0;
  const stats = { hits: 0, misses: 0, forgets: 0 };
  let generation = 0;
  const forget = () => {
    generation++;
    if (entries === 0) return;
    maps.clear();
    entries = 0;
    stats.forgets++;
  };
  const wrapped: Record<string, Record<string, Fn>> = {};
  for (const [area, repo] of Object.entries(inner) as Array<[string, object]>) {
    const out: Record<string, Fn> = {};
    for (const name of methodNames(repo)) {
      const key = `${area}.${name}`;
      const fn = (repo as Record<string, Fn>)[name]!.bind(repo);
      const copy = CACHED[key];
      if (copy) {
        out[name] = async (...args) => {
          const k = args.join('\n');
          let map = maps.get(key);
          if (map?.has(k)) {
            stats.hits++;
            return copy(map.get(k));
          }
          stats.misses++;
          const at = generation;
          const v = await fn(...args);
          // Something forgot meanwhile (a concurrent call in the same write): the value may be stale.
          if (at !== generation) return copy(v);
          if (entries >= MAX_ENTRIES) forget();
          if (!map || maps.get(key) !== map) maps.set(key, (map = new Map()));
          map.set(k, v);
          entries++;
          return copy(v);
        };
      } else if (PASS.has(key)) out[name] = fn;
      else if (key === 'messages.append') out[name] = appendFollowing(fn, maps, forget, () => generation);
      else
        out[name] = (...args) => {
          forget();
          return fn(...args);
        };
    }
    wrapped[area] = out;
  }
  const tx = wrapped as unknown as Tx;
  // The send's reads, composed over the cached areas (the inner repo would compose over itself).
  (wrapped.messages as unknown as Tx['messages']).sendContext = (conversationId, senderId, clientMessageId) => composeSendContext(tx, conversationId, senderId, clientMessageId);
  return { tx, forget, stats };
}

/** `messages.append`, with the cached conversation and sender membership moved as its SQL moves them. */
function appendFollowing(fn: Fn, maps: Map<string, Map<string, unknown>>, forget: () => void, generation: () => number): Fn {
  return async (...args) => {
    const [row, opts] = args as [Omit<MessageRow, 'seq'>, { senderRead?: boolean } | undefined];
    let seq: number;
    const at = generation();
    try {
      seq = (await fn(...args)) as number;
    } catch (err) {
      forget();
      throw err;
    }
    if (at !== generation()) return seq;
    const conversation = maps.get('conversations.byId')?.get(row.conversationId) as { lastSeq: number; lastActivityAt: number } | null | undefined;
    if (conversation) {
      conversation.lastSeq = seq;
      conversation.lastActivityAt = row.createdAt;
    }
    if (opts?.senderRead) {
      const member = maps.get('members.get')?.get(`${row.conversationId}\n${row.senderId}`) as { readSeq: number } | null | undefined;
      if (member) member.readSeq = seq;
    }
    return seq;
  };
}

function methodNames(repo: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(repo) as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor' && typeof (repo as Record<string, unknown>)[n] === 'function') names.add(n);
  }
  for (const n of Object.keys(repo)) if (typeof (repo as Record<string, unknown>)[n] === 'function') names.add(n);
  return [...names];
}
