/**
 * PostgreSQL side of people search by word starts (storage/searchTerms.ts); `PgUsers` delegates to
 * it with its own query function, so statements share the batch's savepoint handling. The terms'
 * primary key uses the "C" collation, so `LIKE 'oka%'` is a btree range.
 */
import { searchScanFor, searchTermsOf } from '../searchTerms.js';
import { likePrefix } from './errors.js';

type Row = Record<string, unknown>;
type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

export class PgUserSearch {
  constructor(private readonly query: Query) {}

  /** Replaces the user's terms (after insert or rename, same transaction), in one round trip. */
  async reindex(userId: string, usernameLower: string, displayLower: string): Promise<void> {
    // The DELETE spares the terms the INSERT writes: sub-statements of one query do not see each
    // other's changes, so deleting and re-inserting the same row would lose it.
    await this.query(
      `WITH gone AS (DELETE FROM user_search_terms WHERE user_id = $1 AND term <> ALL($2::text[]))
       INSERT INTO user_search_terms (term, user_id) SELECT t, $1 FROM unnest($2::text[]) AS t ON CONFLICT DO NOTHING`,
      [userId, searchTermsOf(usernameLower, displayLower)],
    );
  }

  /** A bounded range over the terms' primary key, in key order; then one row per person. */
  async find(prefix: string, limit: number): Promise<Row[]> {
    return this.query(
      `SELECT u.* FROM users u WHERE u.id IN (
         SELECT user_id FROM user_search_terms WHERE term LIKE $1 ORDER BY term LIMIT $3)
       ORDER BY u.username_lower LIMIT $2`,
      [likePrefix(prefix.toLowerCase()), limit, searchScanFor(limit)],
    );
  }
}
