/**
 * What every PostgreSQL area repo runs its SQL through: the pool (reads) or the batch's connection
 * (writes), with the batch's deferred savepoint sent first (hotPath.ts), driver errors turned into
 * port errors, and the journal of event-log writes replayed at COMMIT (journal.ts, ADR 0003).
 */
import type pg from 'pg';
import type { Row } from '../rows/row.js';
import type { NewEvent } from '../rows/events.js';
import type { SavepointCarrier } from './hotPath.js';
import { translateError } from './errors.js';
import type { HotStatement } from './sendSql.js';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** What a write transaction did to the event log, in call order (replayed at COMMIT). */
export type JournalEntry = { kind: 'event'; event: NewEvent } | { kind: 'join' | 'leave'; conversationId: string; userId: string };

export class PgHandle {
  /**
   * `journal` is null on the read handle, which refuses writes to the log; `carrier` is the batch's
   * deferred savepoint (hotPath.ts), null on the read handle.
   */
  constructor(
    private readonly db: Queryable,
    private readonly journal: JournalEntry[] | null,
    private readonly carrier: SavepointCarrier | null = null,
  ) {}

  /** `named` statements are prepared once per connection (hot paths only). */
  async q(sql: string | { name: string; text: string }, params: unknown[] = []): Promise<Row[]> {
    try {
      await this.carrier?.flush();
      const query = typeof sql === 'string' ? { text: sql, values: params } : { name: sql.name, text: sql.text, values: params };
      return (await this.db.query(query)).rows as Row[];
    } catch (err) {
      throw translateError(err);
    }
  }
  async one(sql: string | { name: string; text: string }, params: unknown[] = []): Promise<Row | null> {
    return (await this.q(sql, params))[0] ?? null;
  }
  /** A send-path statement: carries the batch's pending savepoint in the same round trip. */
  async hot(stmt: HotStatement, params: unknown[]): Promise<Row | null> {
    if (!this.carrier) return this.one(stmt, params);
    try {
      return (await this.carrier.run(stmt, params))[0] ?? null;
    } catch (err) {
      throw translateError(err);
    }
  }
  record(entry: JournalEntry): void {
    if (!this.journal) throw new Error('the read repo cannot write; use Store.write');
    this.journal.push(entry);
  }
}
