/**
 * The multi-node backend: PostgreSQL is the record. Group commit through the shared
 * `GroupCommitter` (one pooled connection per batch, a savepoint per write); event positions are
 * assigned at COMMIT under one counter lock (journal.ts, ADR 0003).
 *
 * Start-up refuses to run without durable commits (RELIABILITY.md, "Durability") unless the
 * operator passes the unsafe flag, and fails with a clear error when PostgreSQL is unreachable.
 * While PostgreSQL is down, reads and writes fail with `StorageUnavailable` (with
 * `unknownOutcome: true` when the connection died during COMMIT); the pool reconnects by itself.
 */
import pg from 'pg';
import { GroupCommitter, type TxDriver } from '../groupCommit.js';
import type { EventRow, Store } from '../store.js';
import { flushJournal } from './journal.js';
import { MIGRATIONS } from './migrations.js';
import { SavepointCarrier } from './hotPath.js';
import { PgHandle, type JournalEntry } from './handle.js';
import { pgTx } from './tx.js';
import { isConnectionError } from './errors.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/db (`?options=-c search_path=…` selects a schema). */
  url: string;
  /** Only with the operator's explicit unsafe flag: accept `synchronous_commit=off` / `fsync=off`. */
  unsafeAsyncCommit?: boolean;
  /** Pooled connections (reads share them; each write batch holds one until COMMIT). Default 10. */
  poolSize?: number;
  maxBatch?: number;
  /**
   * Group-commit lanes: writes keyed by conversation are spread over this many batches in flight,
   * each on its own connection (keyless writes share the first lane). Default min(4, poolSize - 1).
   */
  lanes?: number;
  /** How long to wait for a connection before failing with StorageUnavailable. Default 5000 ms. */
  connectTimeoutMs?: number;
}

// BIGINT (oid 20) as a JS number: positions, sequences and times stay far below 2^53.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    keepAlive: true,
    types,
  });
  // An idle pooled connection that dies (server restart) must not crash the process; the pool
  // drops it and opens a new one on the next checkout.
  pool.on('error', () => undefined);
  try {
    await startupChecks(pool, opts);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  const readRepo = pgTx(new PgHandle(pool, null));
  const listeners: Array<(events: EventRow[]) => void> = [];
  // A send is a few round trips; one batch at a time leaves the database and this process mostly
  // waiting. Lanes overlap batches. Keying lanes by conversation keeps one conversation's writes in
  // order and stops two lanes of this node from locking the same rows in opposite orders.
  const commitGate = new CommitGate();
  // Leave the pool at least one connection for reads.
  const laneCount = Math.max(1, opts.lanes ?? Math.min(4, (opts.poolSize ?? 10) - 1));
  const lanes = Array.from({ length: laneCount }, () =>
    new GroupCommitter(() => openBatch(pool, commitGate), {
      maxBatch: opts.maxBatch ?? 2000,
      onCommitted: (events) => listeners.forEach((l) => l(events)),
      isConnectionError,
    }),
  );
  const laneOf = (key: string | undefined) => lanes[key === undefined ? 0 : hashKey(key) % lanes.length]!;
  let closed = false;

  return {
    read: readRepo,
    write: (work, wopts) => laneOf(wopts?.key).write(work),
    onCommitted: (l) => void listeners.push(l),
    isReady: async () => {
      if (closed) return false;
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all(lanes.map((l) => l.drain()));
      lanes.forEach((l) => l.close());
      await pool.end();
    },
  };
}

async function startupChecks(pool: pg.Pool, opts: PostgresStoreOptions): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is unreachable at ${redact(opts.url)}: ${(err as Error).message}. Is it running, and is BACKCHANNEL_DATABASE_URL right?`, { cause: err });
  }
  try {
    const settings = await client.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')");
    const get = (name: string) => settings.rows.find((r) => r.name === name)?.setting;
    // `local`, `remote_write` and `remote_apply` also flush the local WAL before COMMIT returns;
    // only `off` acknowledges commits that a crash can lose.
    const unsafe = get('synchronous_commit') === 'off' || get('fsync') === 'off';
    if (unsafe && !opts.unsafeAsyncCommit) {
      throw new Error(
        `PostgreSQL at ${redact(opts.url)} does not commit durably (synchronous_commit=${get('synchronous_commit')}, fsync=${get('fsync')}). ` +
          'Backchannel acknowledges a message only after a durable COMMIT; set synchronous_commit=on and fsync=on, ' +
          'or start with the explicit unsafe flag (BACKCHANNEL_UNSAFE_RELAXED_DURABILITY) to accept losing acknowledged messages on a crash.',
      );
    }
    await migrate(client);
  } finally {
    client.release();
  }
}

/** Applies pending migrations under an advisory lock, so nodes starting together migrate once. */
export async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('backchannel.migrate:' || current_schema()))");
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const [i, sql] of MIGRATIONS.entries()) {
      if (done.has(i + 1)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [i + 1, Date.now()]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** A stable, cheap string hash (FNV-1a) for picking a lane. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Serializes the commit step (journal flush + COMMIT) of this node's lanes. They would serialize on
 * the `event_head` row lock anyway; doing it here first also makes each batch's `onCommitted` run
 * (in the committer's continuation of `commit()`, microtasks only) before the next lane's COMMIT
 * can complete, so this node publishes its events in pos order, as the local bus requires.
 */
class CommitGate {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One group-commit batch on one pooled connection, released (or destroyed) when the batch ends. */
async function openBatch(pool: pg.Pool, gate: CommitGate): Promise<TxDriver> {
  const client = await pool.connect();
  // A checked-out client whose socket dies emits 'error'; the failing query reports it to us.
  const onError = () => undefined;
  client.on('error', onError);
  let released = false;
  const release = (broken?: unknown) => {
    if (released) return;
    released = true;
    client.off('error', onError);
    // Passing an error destroys the connection instead of returning a dubious one to the pool.
    client.release(broken ? (broken as Error) : undefined);
  };
  const journal: JournalEntry[] = [];
  let committed: EventRow[] = [];
  const run = async (sql: string) => {
    try {
      await client.query(sql);
    } catch (err) {
      if (isConnectionError(err)) release(err);
      throw err;
    }
  };
  const carrier = new SavepointCarrier(client);
  return {
    repo: pgTx(new PgHandle(client, journal, carrier)),
    // Statements without parameters go in one simple-protocol round trip (several per query).
    begin: async (isolated) => {
      try {
        await client.query(isolated ? 'BEGIN; SAVEPOINT w' : 'BEGIN');
      } catch (err) {
        release(err); // the committer fails the batch without calling rollback()
        throw err;
      }
    },
    // Sent with the next write's first query (hotPath.ts), not as a round trip of its own.
    nextSavepoint: async () => carrier.defer('RELEASE SAVEPOINT w; SAVEPOINT w'),
    // ROLLBACK TO keeps the savepoint open, ready for the next write. A write that failed before
    // any SQL (its savepoint statement still deferred) has nothing to undo.
    rollbackToSavepoint: async () => {
      if (!carrier.deferred) await run('ROLLBACK TO SAVEPOINT w');
    },
    commit: () =>
      gate.run(async () => {
        try {
          carrier.drop(); // COMMIT ends the last savepoint; a deferred one is not needed
          const events = await flushJournal(client, journal);
          await client.query('COMMIT');
          committed = events;
          release();
        } catch (err) {
          release(err);
          throw err;
        }
      }),
    rollback: async () => {
      carrier.drop();
      if (released) return;
      try {
        await client.query('ROLLBACK');
        release();
      } catch (err) {
        release(err);
      }
    },
    takeEvents: () => committed,
    truncateEvents: (mark) => void (journal.length = mark),
    eventCount: () => journal.length,
  };
}
