/**
 * The embedded backend: one SQLite file in the data directory, WAL mode, `synchronous=FULL`
 * (an acknowledged write survives power loss). One write connection used by the group committer,
 * one read connection that sees only committed data.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommitter, type TxDriver } from '../groupCommit.js';
import type { EventRow, Store } from '../store.js';
import { MIGRATIONS } from './migrations.js';
import { withHotCache } from './hotCache.js';
import { sqliteTx } from './tx.js';

export interface SqliteOptions {
  dataDir: string;
  /** Only with the operator's explicit unsafe flag: `synchronous=NORMAL` (may lose recent acks on power loss). */
  unsafeRelaxedDurability?: boolean;
  maxBatch?: number;
}

export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    if (done.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, Date.now());
    })();
  });
}

export function openSqliteStore(opts: SqliteOptions): Store {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'backchannel.db');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma(`synchronous = ${opts.unsafeRelaxedDurability ? 'NORMAL' : 'FULL'}`);
  writer.pragma('busy_timeout = 5000');
  writer.pragma('foreign_keys = ON');
  // RELIABILITY.md "Durability": refuse to run below FULL unless the operator said otherwise.
  if (!opts.unsafeRelaxedDurability && writer.pragma('synchronous', { simple: true }) !== 2) {
    throw new Error('SQLite refused synchronous=FULL; set BACKCHANNEL_UNSAFE_RELAXED_DURABILITY=true to run anyway');
  }
  migrate(writer);
  const reader = new Database(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  // The default 2 MiB page cache is outgrown within seconds of load (bench profile,
  // docs/performance.md); 64 MiB per connection and memory-mapped reads keep hot pages resident.
  for (const db of [writer, reader]) {
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
  }
  // Transaction control runs for every write of every batch: prepared once, not re-parsed.
  const sql = Object.fromEntries(
    Object.entries({ begin: 'BEGIN IMMEDIATE', savepoint: 'SAVEPOINT w', release: 'RELEASE w', rollbackTo: 'ROLLBACK TO w', commit: 'COMMIT' }).map(([k, v]) => [k, writer.prepare(v)]),
  ) as Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit', Database.Statement>;

  const readRepo = sqliteTx(reader);
  // The events appended in the open transaction, in pos order (published after COMMIT).
  const recorded: EventRow[] = [];
  // The send path's reads answered from memory, kept coherent by the one writer (hotCache.ts).
  const hot = withHotCache(sqliteTx(writer, recorded));
  const dataVersion = writer.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  const listeners: Array<(events: EventRow[]) => void> = [];
  const driver: TxDriver = {
    repo: hot.tx,
    begin: async (isolated) => {
      sql.begin.run();
      // Another connection (the admin CLI) committed since our last batch: forget what we cached.
      const version = dataVersion.get();
      if (version !== seenVersion) {
        seenVersion = version;
        hot.forget();
      }
      if (isolated) sql.savepoint.run();
    },
    nextSavepoint: async () => {
      sql.release.run();
      sql.savepoint.run();
    },
    // ROLLBACK TO keeps the savepoint open (sqlite.org/lang_savepoint.html): the next write reuses it.
    rollbackToSavepoint: async () => {
      hot.forget();
      sql.rollbackTo.run();
    },
    commit: async () => void sql.commit.run(),
    rollback: async () => {
      hot.forget();
      if (writer.inTransaction) writer.exec('ROLLBACK');
      recorded.length = 0;
    },
    takeEvents: () => recorded.splice(0),
    truncateEvents: (mark) => void (recorded.length = mark),
    eventCount: () => recorded.length,
  };
  const committer = new GroupCommitter(async () => driver, {
    maxBatch: opts.maxBatch ?? 2000,
    onCommitted: (events) => listeners.forEach((l) => l(events)),
  });

  return {
    read: readRepo,
    // One writer connection: the lane key has nothing to spread over.
    write: (work) => committer.write(work),
    onCommitted: (l) => void listeners.push(l),
    isReady: async () => reader.open && writer.open,
    close: async () => {
      await committer.drain();
      committer.close();
      writer.close();
      reader.close();
    },
  };
}
