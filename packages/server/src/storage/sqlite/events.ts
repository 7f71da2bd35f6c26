/**
 * SQLite side of the events port. SQLite has one writer, so AUTOINCREMENT positions are gapless and
 * in commit order. On the write connection the appended events are also recorded (`recorded`), to
 * reach `Store.onCommitted` after COMMIT.
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
        ) ORDER BY pos LIMIT @limit`),
      headPos: p('SELECT COALESCE(MAX(pos), 0) AS pos FROM events'),
      allAfter: p('SELECT * FROM events WHERE pos > ? ORDER BY pos LIMIT ?'),
    };
  }

  async append(e: NewEvent): Promise<void> {
    const r = this.s.append.run(e.type, e.conversationId, e.userId, JSON.stringify(e.payload), e.createdAt);
    this.recorded?.push({ ...e, pos: Number(r.lastInsertRowid) });
  }
  async streamAfter(userId: string, after: number, limit: number) {
    return (this.s.streamAfter.all({ u: userId, after, limit }) as Row[]).map(toEvent);
  }
  async headPos() {
    return (this.s.headPos.get() as { pos: number }).pos;
  }
  async allAfter(after: number, limit: number) {
    return (this.s.allAfter.all(after, limit) as Row[]).map(toEvent);
  }
}
