/** An existing SQLite database gains word-start search terms for its users when it migrates. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { BACKFILL_USERS, expectBackfilledTerms } from '../conformance/searchTermsBackfill.js';
import { MIGRATIONS } from './migrations.js';
import { migrate } from './sqliteStore.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('backfills the search terms of users created before the migration, split as new users are', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-search-upgrade-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'old.db'));
  try {
    const before = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE user_search_terms'));
    expect(before).toBeGreaterThan(0);
    // The database as the previous release left it.
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    MIGRATIONS.slice(0, before).forEach((sql, i) => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(i + 1);
    });
    const insert = db.prepare('INSERT INTO users (id, username, username_lower, display_name, display_lower, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)');
    for (const u of BACKFILL_USERS) insert.run(u.id, u.username, u.username.toLowerCase(), u.displayName, u.displayName.toLowerCase(), 'h');
    migrate(db);
    await expectBackfilledTerms(async (id) => (db.prepare('SELECT term FROM user_search_terms WHERE user_id = ?').all(id) as { term: string }[]).map((r) => r.term));
  } finally {
    db.close();
  }
});
