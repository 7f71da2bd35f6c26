/** PostgreSQL side of the requests port. */
import type { RequestsRepo } from '../ports/requests.js';
import { toRequest, type RequestRow } from '../rows/requests.js';
import type { PgHandle } from './handle.js';

export class PgRequests implements RequestsRepo {
  constructor(private readonly h: PgHandle) {}

  async put(r: RequestRow) {
    await this.h.q(
      `INSERT INTO message_requests (conversation_id, recipient_id, sender_id, state, created_at, resolved_at, messages_sent, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET sender_id = excluded.sender_id, state = excluded.state,
         created_at = excluded.created_at, resolved_at = excluded.resolved_at, messages_sent = excluded.messages_sent, expires_at = excluded.expires_at`,
      [r.conversationId, r.recipientId, r.senderId, r.state, r.createdAt, r.resolvedAt, r.messagesSent, r.expiresAt],
    );
  }
  async of(conversationId: string, recipientId: string) {
    const r = (await this.h.q('SELECT * FROM message_requests WHERE conversation_id = $1 AND recipient_id = $2', [conversationId, recipientId]))[0];
    return r ? toRequest(r) : null;
  }
  async pendingBetween(senderId: string, recipientId: string) {
    const r = (await this.h.q("SELECT * FROM message_requests WHERE sender_id = $1 AND recipient_id = $2 AND state = 'pending'", [senderId, recipientId]))[0];
    return r ? toRequest(r) : null;
  }
  async between(senderId: string, recipientId: string) {
    const rows = await this.h.q('SELECT * FROM message_requests WHERE sender_id = $1 AND recipient_id = $2 ORDER BY created_at DESC, conversation_id DESC', [senderId, recipientId]);
    return rows.map(toRequest);
  }
  async pendingTo(recipientId: string, limit: number) {
    const rows = await this.h.q("SELECT * FROM message_requests WHERE recipient_id = $1 AND state = 'pending' ORDER BY created_at DESC, conversation_id DESC LIMIT $2", [recipientId, limit]);
    return rows.map(toRequest);
  }
  async countPendingTo(recipientId: string) {
    return Number((await this.h.q("SELECT count(*) AS n FROM message_requests WHERE recipient_id = $1 AND state = 'pending'", [recipientId]))[0]!.n);
  }
  async timesFrom(senderId: string, since: number, limit: number) {
    const rows = await this.h.q('SELECT created_at FROM message_requests WHERE sender_id = $1 AND created_at >= $2 ORDER BY created_at LIMIT $3', [senderId, since, limit]);
    return rows.map((r) => Number(r.created_at));
  }
  async outcomesFrom(senderId: string, since: number) {
    const r = (
      await this.h.q(
        `SELECT count(*) FILTER (WHERE state NOT IN ('pending', 'expired')) AS answered, count(*) FILTER (WHERE state IN ('deleted', 'blocked', 'reported')) AS refused
         FROM message_requests WHERE sender_id = $1 AND created_at >= $2`,
        [senderId, since],
      )
    )[0]!;
    return { answered: Number(r.answered), refused: Number(r.refused) };
  }
  async stalePending(now: number, limit: number) {
    return (await this.h.q("SELECT * FROM message_requests WHERE state = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2", [now, limit])).map(toRequest);
  }
}
