/** SQLite side of the shadow messages port. */
import type Database from 'better-sqlite3';
import type { ShadowsRepo } from '../ports/shadows.js';
import type { Row } from '../rows/row.js';
import { toShadow, type ShadowMessageRow } from '../rows/shadows.js';
import { guardUnique } from './errors.js';

export class SqliteShadows implements ShadowsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p(`INSERT INTO shadow_messages (id, conversation_id, sender_id, after_seq, client_message_id, text, entities, created_at)
        VALUES (@id, @conversationId, @senderId, @afterSeq, @clientMessageId, @text, @entities, @createdAt)`),
      byClientId: p('SELECT * FROM shadow_messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?'),
      between: p(`SELECT * FROM shadow_messages WHERE conversation_id = ? AND sender_id = ? AND after_seq >= ? AND after_seq <= ?
        ORDER BY after_seq, ord LIMIT ?`),
      before: p(`SELECT * FROM shadow_messages WHERE conversation_id = ? AND sender_id = ? AND after_seq < ?
        ORDER BY after_seq DESC, ord DESC LIMIT ?`),
    };
  }

  async insert(row: ShadowMessageRow) {
    guardUnique(() => this.s.insert.run({ ...row, entities: JSON.stringify(row.entities) }));
  }
  async byClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = this.s.byClientId.get(conversationId, senderId, clientMessageId) as Row | undefined;
    return r ? toShadow(r) : null;
  }
  async between(conversationId: string, senderId: string, fromSeq: number, toSeq: number, limit: number) {
    return (this.s.between.all(conversationId, senderId, fromSeq, toSeq, limit) as Row[]).map(toShadow);
  }
  async before(conversationId: string, senderId: string, beforeSeq: number, limit: number) {
    return (this.s.before.all(conversationId, senderId, beforeSeq, limit) as Row[]).map(toShadow).reverse();
  }
}
