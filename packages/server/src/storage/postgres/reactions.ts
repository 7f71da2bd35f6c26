/** PostgreSQL side of the reactions port. */
import type { ReactionsRepo } from '../ports/reactions.js';
import { toReaction, type ReactionRow } from '../rows/messageChanges.js';
import type { PgHandle } from './handle.js';

export class PgReactions implements ReactionsRepo {
  constructor(private readonly h: PgHandle) {}

  async add(r: ReactionRow) {
    const rows = await this.h.q('INSERT INTO reactions (conversation_id, seq, user_id, emoji, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING seq', [
      r.conversationId, r.seq, r.userId, r.emoji, r.createdAt,
    ]);
    return rows.length > 0;
  }
  async remove(conversationId: string, seq: number, userId: string, emoji: string) {
    const rows = await this.h.q('DELETE FROM reactions WHERE conversation_id = $1 AND seq = $2 AND user_id = $3 AND emoji = $4 RETURNING seq', [conversationId, seq, userId, emoji]);
    return rows.length > 0;
  }
  async of(conversationId: string, seqs: readonly number[]) {
    if (seqs.length === 0) return [];
    // emoji in byte order ("C"), as SQLite compares text.
    const rows = await this.h.q('SELECT * FROM reactions WHERE conversation_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq, created_at, user_id, emoji COLLATE "C"', [conversationId, [...new Set(seqs)]]);
    return rows.map(toReaction);
  }
  async clear(conversationId: string, seq: number) {
    await this.h.q('DELETE FROM reactions WHERE conversation_id = $1 AND seq = $2', [conversationId, seq]);
  }
}
