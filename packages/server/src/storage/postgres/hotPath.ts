/**
 * Carrying a group-commit batch's savepoint statement in the same round trip as the next write's
 * first query. Between two writes the batch must run `RELEASE SAVEPOINT w; SAVEPOINT w`; on its own
 * that is a third round trip per send (ADR 0003, "Consequences"). node-postgres does not pipeline,
 * and the extended protocol (parameters) takes one statement per query, but the simple protocol
 * takes several: so the savepoint text waits here and goes out with the next hot statement as
 * `RELEASE …; SAVEPOINT w; EXECUTE name(literals)` against a statement prepared once per connection
 * (SQL PREPARE; the plan is reused as with a named protocol-level statement).
 * Only the send path's own statements are inlined this way; their parameters are rendered with
 * node-postgres' `escapeLiteral`, never concatenated raw. Any other query sends the pending
 * savepoint on its own first.
 */
import pg from 'pg';
import type { HotStatement } from './sendSql.js';

/** SQL PREPAREd statements per connection (they live as long as the session). */
const preparedOn = new WeakMap<object, Set<string>>();

export class SavepointCarrier {
  /** Savepoint statements not yet sent (empty when none). */
  private pending = '';

  constructor(private readonly client: pg.PoolClient) {}

  defer(sql: string): void {
    this.pending = sql;
  }
  /** Whether the savepoint statement is still unsent (so the current write has issued no SQL). */
  get deferred(): boolean {
    return this.pending !== '';
  }
  /** Forgets the unsent statement (COMMIT ends the savepoint anyway). */
  drop(): void {
    this.pending = '';
  }

  /** Sends the pending savepoint on its own, before a query that cannot carry it. */
  async flush(): Promise<void> {
    if (!this.pending) return;
    const sql = this.pending;
    this.pending = '';
    await this.client.query(sql);
  }

  /** Runs a hot statement, carrying the pending savepoint with it when there is one. */
  async run(stmt: HotStatement, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    if (!this.pending) return (await this.client.query({ name: stmt.name, text: stmt.text, values: params as unknown[] })).rows as Record<string, unknown>[];
    let prepared = preparedOn.get(this.client);
    if (!prepared) preparedOn.set(this.client, (prepared = new Set()));
    const sqlName = `${stmt.name}_x`;
    if (!prepared.has(sqlName)) {
      // Once per connection, on its own so that we know it exists (PREPARE is not transactional).
      await this.client.query(`PREPARE ${sqlName}(${stmt.types.join(', ')}) AS ${stmt.text}`);
      prepared.add(sqlName);
    }
    const sql = `${this.pending}; EXECUTE ${sqlName}(${params.map(literal).join(', ')})`;
    this.pending = '';
    const results = (await this.client.query(sql)) as unknown as pg.QueryResult[];
    return results[results.length - 1]!.rows as Record<string, unknown>[];
  }
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`hot path: not an integer parameter: ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return pg.escapeLiteral(v);
  throw new Error(`hot path: unsupported parameter type ${typeof v}`);
}
