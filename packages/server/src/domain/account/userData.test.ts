/**
 * Every table of the schema is accounted for in domain/account/userData.ts: covered by a part of
 * USER_DATA (exported and erased as it says) or named in NOT_PERSONAL with a reason. A table added
 * without either fails here, so a new kind of personal data cannot miss the export and deletion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../storage/sqlite/sqliteStore.js';
import { NOT_PERSONAL, USER_DATA } from './userData.js';

it('names every table of the schema once, and only tables that exist', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-userdata-'));
  try {
    const db = new Database(path.join(dir, 'schema.db'));
    migrate(db);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();
    db.close();
    const named = [...USER_DATA.flatMap((p) => p.tables), ...Object.keys(NOT_PERSONAL)];
    expect(named.filter((t, i) => named.indexOf(t) !== i), 'named twice').toEqual([]);
    expect(tables.filter((t) => !named.includes(t)), 'tables missing from domain/account/userData.ts').toEqual([]);
    expect(named.filter((t) => !tables.includes(t)), 'named but not in the schema').toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('says, for every part, what deletion does, and why a part is not exported', () => {
  for (const p of USER_DATA) {
    expect(p.onDelete.length, p.name).toBeGreaterThan(20);
    if (!p.export) expect(p.notExported?.length ?? 0, p.name).toBeGreaterThan(20);
  }
});
