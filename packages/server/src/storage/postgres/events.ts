/**
 * PostgreSQL side of the events port. `append` only journals the event: positions are assigned and
 * the rows written at COMMIT under the `event_head` lock (journal.ts, ADR 0003).
 */
import type { EventsRepo } from '../ports/events.js';
import { toEvent, type NewEvent } from '../rows/events.js';
import type { PgHandle } from './handle.js';

export class PgEvents implements EventsRepo {
  constructor(private readonly h: PgHandle) {}

  async append(event: NewEvent): Promise<void> {
    this.h.record({ kind: 'event', event });
  }
  async streamAfter(userId: string, after: number, limit: number) {
    // Each branch is limited on its own so an old cursor reads at most `limit` rows per period.
    const rows = await this.h.q(
      `SELECT * FROM (
         (SELECT e.* FROM events e WHERE e.user_id = $1 AND e.pos > $2 ORDER BY e.pos LIMIT $3)
         UNION ALL
         SELECT x.* FROM member_periods mp CROSS JOIN LATERAL (
           SELECT e.* FROM events e WHERE e.conversation_id = mp.conversation_id AND e.user_id IS NULL
             AND e.pos > GREATEST(mp.from_pos, $2) AND (mp.to_pos IS NULL OR e.pos <= mp.to_pos)
           ORDER BY e.pos LIMIT $3) x
         WHERE mp.user_id = $1 AND (mp.to_pos IS NULL OR mp.to_pos > $2)
       ) s ORDER BY pos LIMIT $3`,
      [userId, after, limit],
    );
    return rows.map(toEvent);
  }
  async headPos() {
    return (await this.h.one('SELECT pos FROM event_head WHERE id = 1', []))!.pos as number;
  }
  async allAfter(after: number, limit: number) {
    return (await this.h.q('SELECT * FROM events WHERE pos > $1 ORDER BY pos LIMIT $2', [after, limit])).map(toEvent);
  }
}
