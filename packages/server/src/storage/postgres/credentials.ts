/**
 * PostgreSQL side of the CredentialRepo port (socket tickets, server secrets); `PgRepo` delegates to it with its
 * own query function, so statements share the batch's savepoint handling. Not part of the event
 * log, so nothing here is journaled. `DELETE … RETURNING` makes a ticket single-use across nodes:
 * of two concurrent consumers, only the one whose DELETE removed the row gets it back.
 */
import type { CredentialRepo, SocketTicketRow } from '../credentials.js';
import type { SessionRow } from '../store.js';

type Row = Record<string, unknown>;
export type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

export class PgCredentials implements CredentialRepo {
  constructor(private readonly query: Query) {}

  async insertSocketTicket(ticket: SocketTicketRow, now: number) {
    await this.query('DELETE FROM socket_tickets WHERE expires_at <= $1', [now]);
    await this.query('INSERT INTO socket_tickets (token_hash, session_id, expires_at) VALUES ($1, $2, $3)', [ticket.tokenHash, ticket.sessionId, ticket.expiresAt]);
  }

  async consumeSocketTicket(tokenHash: string, now: number): Promise<SessionRow | null> {
    const [t] = await this.query('DELETE FROM socket_tickets WHERE token_hash = $1 RETURNING session_id, expires_at', [tokenHash]);
    if (!t || Number(t.expires_at) <= now) return null;
    const [r] = await this.query('SELECT * FROM sessions WHERE id = $1', [t.session_id]);
    if (!r) return null;
    return { id: r.id as string, userId: r.user_id as string, tokenHash: r.token_hash as string, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) };
  }

  async serverSecret(name: string, candidate: string, now: number): Promise<string> {
    // ON CONFLICT DO NOTHING waits for a concurrent inserter's commit, so racing nodes agree.
    await this.query('INSERT INTO server_secrets (name, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, candidate, now]);
    const [r] = await this.query('SELECT secret FROM server_secrets WHERE name = $1', [name]);
    return r!.secret as string;
  }
}
