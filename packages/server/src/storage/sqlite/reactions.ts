/** SQLite side of the reactions port. */
import type Database from 'better-sqlite3';
import type { ReactionsRepo } from '../ports/reactions.js';
import type { Row } from '../rows/row.js';
import { toReaction, type ReactionRow } from '../rows/messageChanges.js';

export class SqliteReactions implements ReactionsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      add: p('INSERT INTO reactions (conversation_id, seq, user_id, emoji, created_at) VALUES (@conversationId, @seq, @userId, @emoji, @createdAt) ON CONFLICT DO NOTHING'),
      remove: p('DELETE FROM reactions WHERE conversation_id = ? AND seq = ? AND user_id = ? AND emoji = ?'),
      of: p(`SELECT r.* FROM reactions r JOIN json_each(?) j ON r.seq = j.value WHERE r.conversation_id = ?
        ORDER BY r.seq, r.created_at, r.user_id, r.emoji`),
      clear: p('DELETE FROM reactions WHERE conversation_id = ? AND seq = ?'),
    };
  }

  async add(row: ReactionRow) {
    return this.s.add.run(row).changes > 0;
  }
  async remove(conversationId: string, seq: number, userId: string, emoji: string) {
    return this.s.remove.run(conversationId, seq, userId, emoji).changes > 0;
  }
  async of(conversationId: string, seqs: readonly number[]) {
    if (seqs.length === 0) return [];
    return (this.s.of.all(JSON.stringify([...new Set(seqs)]), conversationId) as Row[]).map(toReaction);
  }
  async clear(conversationId: string, seq: number) {
    this.s.clear.run(conversationId, seq);
  }
}
