/**
 * Helpers shared by the requests-inbox tests: a raw HTTP call (the SDK gets typed methods for these
 * routes separately). The fake clock is `testing/clock.ts`.
 */
import type { TestUser } from '../../testing/harness.js';

export interface Res<T = Record<string, unknown>> {
  status: number;
  body: T;
  retryAfter: string | null;
}

export async function api<T = Record<string, unknown>>(server: { url: string }, user: TestUser | null, method: string, path: string, body?: unknown): Promise<Res<T>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, retryAfter: res.headers.get('retry-after') };
}

let n = 0;
export const cmid = () => `c${process.pid}_${++n}`;

/**
 * A JSON copy of `value` with every id in `names` replaced by its name, and every other id-like
 * field (message and conversation ids) by a placeholder, and members sorted by name: two views
 * that differ only in ids compare equal.
 */
export function named<T>(value: T, names: Record<string, string>): unknown {
  // Longest first, so a username is not half-replaced by a shorter one it starts with.
  const keys = Object.keys(names).sort((a, b) => b.length - a.length);
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => {
    if (typeof v === 'string' && v in names) return names[v];
    // Names inside texts ("User ada does not accept messages from you.").
    if (typeof v === 'string' && key === 'message') return keys.reduce((t, k) => t.split(k).join(names[k]!), v);
    if ((key === 'id' || key === 'conversationId') && typeof v === 'string') return '<id>';
    // Members with the same join time are listed by id, which differs between the two worlds.
    if (key === 'members' && Array.isArray(v)) return [...(v as Array<{ id: string }>)].sort((a, b) => a.id.localeCompare(b.id));
    return v;
  });
}
