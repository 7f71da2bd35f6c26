/** SQLite side of the message-marks port (delete for me, keep for reporting). */
import type Database from 'better-sqlite3';
import type { MessageMarksRepo } from '../ports/messageMarks.js';
import type { Row } from '../rows/row.js';
import { toKept, type KeptMessageRow } from '../rows/messageChanges.js';

export class SqliteMessageMarks implements MessageMarksRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      hide: p('INSERT INTO hidden_messages (conversation_id, user_id, seq, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      hiddenBetween: p('SELECT seq FROM hidden_messages WHERE conversation_id = ? AND user_id = ? AND seq >= ? AND seq <= ? ORDER BY seq'),
      keptOne: p('SELECT * FROM kept_messages WHERE conversation_id = ? AND seq = ? AND user_id = ?'),
      keep: p(`INSERT INTO kept_messages (conversation_id, seq, user_id, text, kept_at, expires_at) VALUES (@conversationId, @seq, @userId, @text, @keptAt, @expiresAt)
        ON CONFLICT (conversation_id, seq, user_id) DO UPDATE SET text = excluded.text, kept_at = excluded.kept_at, expires_at = excluded.expires_at`),
      kept: p(`SELECT k.* FROM kept_messages k JOIN json_each(?) j ON k.seq = j.value WHERE k.conversation_id = ? AND k.user_id = ? AND k.expires_at > ? ORDER BY k.seq`),
      prune: p('DELETE FROM kept_messages WHERE expires_at <= ?'),
    };
  }

  async hide(conversationId: string, userId: string, seq: number, at: number) {
    return this.s.hide.run(conversationId, userId, seq, at).changes > 0;
  }
  async hiddenBetween(conversationId: string, userId: string, fromSeq: number, toSeq: number) {
    return (this.s.hiddenBetween.all(conversationId, userId, fromSeq, Math.min(toSeq, Number.MAX_SAFE_INTEGER)) as Row[]).map((r) => r.seq as number);
  }
  async keep(row: KeptMessageRow) {
    return this.db.transaction(() => {
      const held = this.s.keptOne.get(row.conversationId, row.seq, row.userId) as Row | undefined;
      if (held && (held.expires_at as number) > row.keptAt) return toKept(held);
      this.s.keep.run(row);
      return row;
    })();
  }
  async kept(conversationId: string, userId: string, seqs: readonly number[], now: number) {
    if (seqs.length === 0) return [];
    return (this.s.kept.all(JSON.stringify([...new Set(seqs)]), conversationId, userId, now) as Row[]).map(toKept);
  }
  async pruneKept(now: number) {
    return this.s.prune.run(now).changes;
  }
}
