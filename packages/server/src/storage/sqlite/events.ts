/**
 * SQLite side of the events port. SQLite has one writer, so AUTOINCREMENT positions are gapless and
 * in commit order. On the write connection the appended events are also recorded (`recorded`), to
 * reach `Store.onCommitted` after COMMIT.
 *
 * The rows are inserted as the write appends them (member periods are bounded by them), but the
 * port's rule is that a write never reads the events of its own batch (ports/events.ts): they are
 * exactly the rows after the first recorded pos, so the reads stop before it.
 */
import type Database from 'better-sqlite3';
import type { EventsRepo } from '../ports/events.js';
import type { Row } from '../rows/row.js';
import { toEvent, type EventRow, type NewEvent } from '../rows/events.js';

export class SqliteEvents implements EventsRepo {
  private readonly s;

  /** `recorded` collects the events appended through this repo (the write connection's); null on reads. */
  constructor(db: Database.Database, private readonly recorded: EventRow[] | null = null) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      append: p('INSERT INTO events (type, conversation_id, user_id, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
      streamAfter: p(`SELECT * FROM (
          SELECT e.* FROM events e WHERE e.user_id = @u AND e.pos > @after
          UNION ALL
          SELECT e.* FROM member_periods mp
            JOIN events e ON e.conversation_id = mp.conversation_id AND e.user_id IS NULL
              AND e.pos > MAX(mp.from_pos, @after) AND (mp.to_pos IS NULL OR e.pos <= mp.to_pos)
          WHERE mp.user_id = @u AND (mp.to_pos IS NULL OR mp.to_pos > @after)
        ) WHERE pos <= @upto ORDER BY pos LIMIT @limit`),
      headPos: p('SELECT COALESCE(MAX(pos), 0) AS pos FROM events'),
      allAfter: p('SELECT * FROM events WHERE pos > ? AND pos <= ? ORDER BY pos LIMIT ?'),
    };
  }

  async append(e: NewEvent): Promise<void> {
    const r = this.s.append.run(e.type, e.conversationId, e.userId, JSON.stringify(e.payload), e.createdAt);
    this.recorded?.push({ ...e, pos: Number(r.lastInsertRowid) });
  }
  async streamAfter(userId: string, after: number, limit: number) {
    return (this.s.streamAfter.all({ u: userId, after, limit, upto: this.committedHead() }) as Row[]).map(toEvent);
  }
  async headPos() {
    const pending = this.recorded?.[0];
    return pending ? pending.pos - 1 : (this.s.headPos.get() as { pos: number }).pos;
  }
  async allAfter(after: number, limit: number) {
    return (this.s.allAfter.all(after, this.committedHead(), limit) as Row[]).map(toEvent);
  }
  /** The last committed pos when this write's batch has appended events, else no bound. */
  private committedHead(): number {
    const pending = this.recorded?.[0];
    return pending ? pending.pos - 1 : Number.MAX_SAFE_INTEGER;
  }
}
