/** An existing PostgreSQL database gains word-start search terms for its users when it migrates. */
import pg from 'pg';
import { expect, it } from 'vitest';
import { BACKFILL_USERS, expectBackfilledTerms } from '../conformance/searchTermsBackfill.js';
import { MIGRATIONS } from './migrations.js';
import { migrate } from './pgStore.js';
import { createTestSchema } from './testSchema.js';

it('backfills the search terms of users created before the migration, split as new users are', async () => {
  const schema = await createTestSchema();
  const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
  const client = await pool.connect();
  try {
    const before = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE user_search_terms'));
    expect(before).toBeGreaterThan(0);
    // The database as the previous release left it.
    await client.query('CREATE TABLE schema_migrations (version INT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    for (const [i, sql] of MIGRATIONS.slice(0, before).entries()) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
    }
    for (const u of BACKFILL_USERS) {
      await client.query('INSERT INTO users (id, username, username_lower, display_name, display_lower, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0)', [
        u.id, u.username, u.username.toLowerCase(), u.displayName, u.displayName.toLowerCase(), 'h',
      ]);
    }
    await migrate(client);
    await expectBackfilledTerms(async (id) => (await client.query<{ term: string }>('SELECT term FROM user_search_terms WHERE user_id = $1', [id])).rows.map((r) => r.term));
  } finally {
    client.release();
    await pool.end();
    await schema.drop();
  }
});
