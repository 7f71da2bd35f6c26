/** SQLite side of the requests port. */
import type Database from 'better-sqlite3';
import type { RequestsRepo } from '../ports/requests.js';
import type { Row } from '../rows/row.js';
import { toRequest, type RequestRow } from '../rows/requests.js';
import { guardUnique } from './errors.js';

export class SqliteRequests implements RequestsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      put: p(`INSERT INTO message_requests (conversation_id, recipient_id, sender_id, state, created_at, resolved_at, messages_sent, expires_at)
        VALUES (@conversationId, @recipientId, @senderId, @state, @createdAt, @resolvedAt, @messagesSent, @expiresAt)
        ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET sender_id = excluded.sender_id, state = excluded.state,
          created_at = excluded.created_at, resolved_at = excluded.resolved_at, messages_sent = excluded.messages_sent, expires_at = excluded.expires_at`),
      of: p('SELECT * FROM message_requests WHERE conversation_id = ? AND recipient_id = ?'),
      pendingBetween: p("SELECT * FROM message_requests WHERE sender_id = ? AND recipient_id = ? AND state = 'pending'"),
      between: p('SELECT * FROM message_requests WHERE sender_id = ? AND recipient_id = ? ORDER BY created_at DESC, conversation_id DESC'),
      pendingTo: p("SELECT * FROM message_requests WHERE recipient_id = ? AND state = 'pending' ORDER BY created_at DESC, conversation_id DESC LIMIT ?"),
      countPendingTo: p("SELECT count(*) AS n FROM message_requests WHERE recipient_id = ? AND state = 'pending'"),
      timesFrom: p('SELECT created_at FROM message_requests WHERE sender_id = ? AND created_at >= ? ORDER BY created_at LIMIT ?'),
      outcomesFrom: p(`SELECT count(*) FILTER (WHERE state NOT IN ('pending', 'expired')) AS answered,
          count(*) FILTER (WHERE state IN ('deleted', 'blocked', 'reported')) AS refused
        FROM message_requests WHERE sender_id = ? AND created_at >= ?`),
      stale: p("SELECT * FROM message_requests WHERE state = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT ?"),
    };
  }

  async put(row: RequestRow) {
    guardUnique(() => this.s.put.run(row));
  }
  async of(conversationId: string, recipientId: string) {
    const r = this.s.of.get(conversationId, recipientId) as Row | undefined;
    return r ? toRequest(r) : null;
  }
  async pendingBetween(senderId: string, recipientId: string) {
    const r = this.s.pendingBetween.get(senderId, recipientId) as Row | undefined;
    return r ? toRequest(r) : null;
  }
  async between(senderId: string, recipientId: string) {
    return (this.s.between.all(senderId, recipientId) as Row[]).map(toRequest);
  }
  async pendingTo(recipientId: string, limit: number) {
    return (this.s.pendingTo.all(recipientId, limit) as Row[]).map(toRequest);
  }
  async countPendingTo(recipientId: string) {
    return (this.s.countPendingTo.get(recipientId) as { n: number }).n;
  }
  async timesFrom(senderId: string, since: number, limit: number) {
    return (this.s.timesFrom.all(senderId, since, limit) as Row[]).map((r) => r.created_at as number);
  }
  async outcomesFrom(senderId: string, since: number) {
    const r = this.s.outcomesFrom.get(senderId, since) as { answered: number; refused: number };
    return { answered: r.answered, refused: r.refused };
  }
  async stalePending(now: number, limit: number) {
    return (this.s.stale.all(now, limit) as Row[]).map(toRequest);
  }
}
