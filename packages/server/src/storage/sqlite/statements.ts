/** Statements built from a varying column list (partial updates), prepared once per distinct SQL text. */
import type Database from 'better-sqlite3';

export class StatementCache {
  private readonly byText = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let st = this.byText.get(sql);
    if (!st) this.byText.set(sql, (st = this.db.prepare(sql)));
    return st;
  }
}
