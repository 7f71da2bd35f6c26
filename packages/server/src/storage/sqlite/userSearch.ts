/** SQLite side of people search by word starts (storage/searchTerms.ts); `SqliteUsers` delegates to it. */
import type Database from 'better-sqlite3';
import { searchScanFor, searchTermsOf } from '../searchTerms.js';

type Row = Record<string, unknown>;

export class SqliteUserSearch {
  private readonly q;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      names: p('SELECT username_lower, display_lower FROM users WHERE id = ?'),
      clear: p('DELETE FROM user_search_terms WHERE user_id = ?'),
      add: p('INSERT OR IGNORE INTO user_search_terms (term, user_id) VALUES (?, ?)'),
      // A bounded range over the terms' primary key, in key order; then one row per person.
      find: p(`SELECT u.* FROM users u WHERE u.id IN (
          SELECT user_id FROM user_search_terms WHERE term >= @p AND term < @end ORDER BY term LIMIT @scan)
        ORDER BY u.username_lower LIMIT @limit`),
    };
  }

  /** Recomputes the user's terms from the stored names (after insert or rename, same transaction). */
  reindex(userId: string): void {
    const names = this.q.names.get(userId) as Row | undefined;
    this.q.clear.run(userId);
    if (!names) return;
    for (const term of searchTermsOf(names.username_lower as string, names.display_lower as string)) this.q.add.run(term, userId);
  }

  find(prefix: string, limit: number): Row[] {
    const p = prefix.toLowerCase();
    // U+10FFFF sorts after every character in SQLite's byte order, astral ones included.
    return this.q.find.all({ p, end: `${p}\u{10FFFF}`, scan: searchScanFor(limit), limit }) as Row[];
  }
}
