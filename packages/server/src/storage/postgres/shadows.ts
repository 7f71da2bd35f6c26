/** PostgreSQL side of the shadow messages port. */
import type { ShadowsRepo } from '../ports/shadows.js';
import { toShadow, type ShadowMessageRow } from '../rows/shadows.js';
import type { PgHandle } from './handle.js';

export class PgShadows implements ShadowsRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(m: ShadowMessageRow) {
    await this.h.q(
      'INSERT INTO shadow_messages (conversation_id, id, sender_id, after_seq, client_message_id, text, entities, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [m.conversationId, m.id, m.senderId, m.afterSeq, m.clientMessageId, m.text, JSON.stringify(m.entities), m.createdAt],
    );
  }
  async byClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = (await this.h.q('SELECT * FROM shadow_messages WHERE conversation_id = $1 AND sender_id = $2 AND client_message_id = $3', [conversationId, senderId, clientMessageId]))[0];
    return r ? toShadow(r) : null;
  }
  async between(conversationId: string, senderId: string, fromSeq: number, toSeq: number, limit: number) {
    const rows = await this.h.q(
      'SELECT * FROM shadow_messages WHERE conversation_id = $1 AND sender_id = $2 AND after_seq >= $3 AND after_seq <= $4 ORDER BY after_seq, ord LIMIT $5',
      [conversationId, senderId, fromSeq, Math.min(toSeq, Number.MAX_SAFE_INTEGER), limit],
    );
    return rows.map(toShadow);
  }
  async before(conversationId: string, senderId: string, beforeSeq: number, limit: number) {
    const rows = await this.h.q(
      'SELECT * FROM shadow_messages WHERE conversation_id = $1 AND sender_id = $2 AND after_seq < $3 ORDER BY after_seq DESC, ord DESC LIMIT $4',
      [conversationId, senderId, Math.min(beforeSeq, Number.MAX_SAFE_INTEGER), limit],
    );
    return rows.map(toShadow).reverse();
  }
}
