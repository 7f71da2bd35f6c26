/**
 * People search matches the start of a word. Each user has a few search terms (the whole username,
 * the whole display name, and each of their words, all lower-cased) stored in an indexed table, and
 * a query is a prefix range over that table. So "okafor" finds "Ben Okafor", "ben oka" still finds
 * him from the start, and "kafor" finds nobody.
 *
 * Words are separated by spaces, "-", "_" and ".". The backfill migrations (sqlite/migrations.ts,
 * postgres/migrations.ts) split existing names by exactly this rule in SQL; change both together.
 */
const SEPARATORS = /[-_.]/g;

/** `usernameLower` and `displayLower` as stored in the users table (JS `toLowerCase`). */
export function searchTermsOf(usernameLower: string, displayLower: string): string[] {
  const words = `${usernameLower} ${displayLower}`.replace(SEPARATORS, ' ').split(' ');
  return [...new Set([usernameLower, displayLower, ...words])].filter((t) => t !== '');
}

/**
 * How many term rows a search reads at most: a person matches a prefix with a few terms at most
 * (the whole name and one of its words), so this yields `limit` people in practice while keeping
 * a one-letter query from reading every user.
 */
export const searchScanFor = (limit: number): number => limit * 8;
