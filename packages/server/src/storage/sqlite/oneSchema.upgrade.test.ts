/**
 * An existing SQLite database takes PostgreSQL's shape when it migrates (migration 9,
 * docs/subsystems/delivery.md "Two backends, one schema"): its 1:1 pairs move to direct_pairs, its
 * messages and shadow messages keep their order and content, and the old rules still hold.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { UniqueViolation, directKey } from '../store.js';
import { conversation } from '../conformance/fixtures.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqliteStore.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('moves 1:1 pairs to direct_pairs and keeps messages and shadow order', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-one-schema-'));
  dirs.push(dir);
  const before = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE direct_pairs'));
  expect(before).toBeGreaterThan(0);
  // The database as the previous release left it.
  const db = new Database(path.join(dir, 'backchannel.db'));
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  MIGRATIONS.slice(0, before).forEach((sql, i) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(i + 1);
  });
  db.prepare(`INSERT INTO conversations (id, kind, direct_key, last_seq, last_activity_at, created_at) VALUES ('d1', 'direct', ?, 2, 5, 1), ('g1', 'group', NULL, 0, 1, 1)`).run(directKey('ada', 'bob'));
  const msg = db.prepare(`INSERT INTO messages (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, created_at) VALUES ('d1', ?, ?, 'ada', ?, 'text', ?, '[]', ?)`);
  msg.run(1, 'm1', 'c1', 'one', 2);
  msg.run(2, 'm2', null, 'two', 3);
  // Inserted against id order: the view order is the order they were sent.
  const shadow = db.prepare(`INSERT INTO shadow_messages (id, conversation_id, sender_id, after_seq, client_message_id, text, entities, created_at) VALUES (?, 'd1', 'bob', 2, ?, ?, '[]', 4)`);
  for (const id of ['s-z', 's-a', 's-m']) shadow.run(id, `c-${id}`, id);
  db.close();

  const store = openSqliteStore({ dataDir: dir });
  try {
    expect(await store.read.conversations.directId('bob', 'ada')).toBe('d1');
    expect(await store.read.conversations.directPair('d1')).toEqual(['ada', 'bob']);
    expect((await store.read.messages.history('d1', { limit: 10 })).map((m) => [m.id, m.text])).toEqual([['m1', 'one'], ['m2', 'two']]);
    expect(await store.read.messages.locate('m2')).toEqual({ conversationId: 'd1', seq: 2 });
    expect((await store.read.shadows.between('d1', 'bob', 0, 10, 10)).map((m) => m.id)).toEqual(['s-z', 's-a', 's-m']);
    // The rules the old schema enforced still hold: one 1:1 per pair, one client id per sender.
    const pair = await store.write((tx) => tx.conversations.insert(conversation('d2', 'direct'), directKey('ada', 'bob'))).catch((e: unknown) => e);
    expect(pair).toBeInstanceOf(UniqueViolation);
    expect((pair as UniqueViolation).key).toBe('direct_pair');
    const again = await store.write((tx) => tx.messages.insert({ id: 'm3', conversationId: 'd1', seq: 3, senderId: 'ada', clientMessageId: 'c1', kind: 'text', text: 'x', entities: [], system: null, createdAt: 6 })).catch((e: unknown) => e);
    expect((again as UniqueViolation).key).toBe('client_message_id');
    // A new shadow after the same seq comes after the migrated ones.
    await store.write((tx) => tx.shadows.insert({ id: 's-0', conversationId: 'd1', senderId: 'bob', afterSeq: 2, clientMessageId: 'c-s-0', text: 'new', entities: [], createdAt: 7 }));
    expect((await store.read.shadows.between('d1', 'bob', 0, 10, 10)).map((m) => m.id)).toEqual(['s-z', 's-a', 's-m', 's-0']);
  } finally {
    await store.close();
  }
});
