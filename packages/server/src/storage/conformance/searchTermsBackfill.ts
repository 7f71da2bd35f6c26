/**
 * Names whose search terms the backfill migrations (SQL) must split exactly as `searchTermsOf`
 * (JS) does, so people who signed up before word-start search are found like everyone else.
 */
import { expect } from 'vitest';
import { searchTermsOf } from '../searchTerms.js';

export const BACKFILL_USERS: ReadonlyArray<{ id: string; username: string; displayName: string }> = [
  { id: 'u1', username: 'ben_o', displayName: 'Ben Okafor' },
  { id: 'u2', username: 'mj', displayName: 'Mary-Jane  Watson' },
  { id: 'u3', username: 'ana.lima', displayName: 'Ana' },
  { id: 'u4', username: 'zoe', displayName: 'Zoë Ökafor' },
  { id: 'u5', username: 'x__y', displayName: '-' },
  { id: 'u6', username: 'party', displayName: '😀 Party.Time' },
  { id: 'u7', username: 'Same', displayName: 'same SAME' },
];

/** `terms(userId)` reads the stored terms of a user after the migration. */
export async function expectBackfilledTerms(terms: (userId: string) => Promise<string[]>): Promise<void> {
  for (const u of BACKFILL_USERS) {
    const expected = searchTermsOf(u.username.toLowerCase(), u.displayName.toLowerCase()).sort();
    expect([u.id, (await terms(u.id)).sort()]).toEqual([u.id, expected]);
  }
}
