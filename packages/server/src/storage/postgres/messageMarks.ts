/** PostgreSQL side of the message-marks port (delete for me, keep for reporting). */
import type { MessageMarksRepo } from '../ports/messageMarks.js';
import { toKept, type KeptMessageRow } from '../rows/messageChanges.js';
import type { PgHandle } from './handle.js';

export class PgMessageMarks implements MessageMarksRepo {
  constructor(private readonly h: PgHandle) {}

  async hide(conversationId: string, userId: string, seq: number, at: number) {
    const rows = await this.h.q('INSERT INTO hidden_messages (conversation_id, user_id, seq, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING seq', [conversationId, userId, seq, at]);
    return rows.length > 0;
  }
  async hiddenBetween(conversationId: string, userId: string, fromSeq: number, toSeq: number) {
    const rows = await this.h.q('SELECT seq FROM hidden_messages WHERE conversation_id = $1 AND user_id = $2 AND seq >= $3 AND seq <= $4 ORDER BY seq', [
      conversationId, userId, fromSeq, Math.min(toSeq, Number.MAX_SAFE_INTEGER),
    ]);
    return rows.map((r) => r.seq as number);
  }
  async keep(row: KeptMessageRow) {
    // Replaces only an expired copy; a live one stays and is returned.
    const rows = await this.h.q(
      `INSERT INTO kept_messages (conversation_id, seq, user_id, text, kept_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (conversation_id, seq, user_id) DO UPDATE SET text = EXCLUDED.text, kept_at = EXCLUDED.kept_at, expires_at = EXCLUDED.expires_at
         WHERE kept_messages.expires_at <= EXCLUDED.kept_at
       RETURNING *`,
      [row.conversationId, row.seq, row.userId, row.text, row.keptAt, row.expiresAt],
    );
    if (rows[0]) return toKept(rows[0]);
    return toKept((await this.h.one('SELECT * FROM kept_messages WHERE conversation_id = $1 AND seq = $2 AND user_id = $3', [row.conversationId, row.seq, row.userId]))!);
  }
  async kept(conversationId: string, userId: string, seqs: readonly number[], now: number) {
    if (seqs.length === 0) return [];
    const rows = await this.h.q('SELECT * FROM kept_messages WHERE conversation_id = $1 AND user_id = $2 AND seq = ANY($3::bigint[]) AND expires_at > $4 ORDER BY seq', [
      conversationId, userId, [...new Set(seqs)], now,
    ]);
    return rows.map(toKept);
  }
  async pruneKept(now: number) {
    return (await this.h.q('DELETE FROM kept_messages WHERE expires_at <= $1 RETURNING seq', [now])).length;
  }
}
