/** SQLite side of the CredentialRepo port (socket tickets, server secrets); `SqliteRepo` delegates to it. */
import type Database from 'better-sqlite3';
import type { CredentialRepo, SocketTicketRow } from '../credentials.js';
import type { SessionRow } from '../store.js';

type Row = Record<string, unknown>;

export class SqliteCredentials implements CredentialRepo {
  private readonly q;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      purgeTickets: p('DELETE FROM socket_tickets WHERE expires_at <= ?'),
      insertTicket: p('INSERT INTO socket_tickets (token_hash, session_id, expires_at) VALUES (@tokenHash, @sessionId, @expiresAt)'),
      takeTicket: p('DELETE FROM socket_tickets WHERE token_hash = ? RETURNING session_id, expires_at'),
      sessionById: p('SELECT * FROM sessions WHERE id = ?'),
      offerSecret: p('INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING'),
      secret: p('SELECT secret FROM server_secrets WHERE name = ?'),
    };
  }

  async insertSocketTicket(ticket: SocketTicketRow, now: number) {
    this.q.purgeTickets.run(now);
    this.q.insertTicket.run(ticket);
  }

  async consumeSocketTicket(tokenHash: string, now: number): Promise<SessionRow | null> {
    const t = this.q.takeTicket.get(tokenHash) as Row | undefined;
    if (!t || (t.expires_at as number) <= now) return null;
    const r = this.q.sessionById.get(t.session_id) as Row | undefined;
    return r ? toSession(r) : null;
  }

  async serverSecret(name: string, candidate: string, now: number): Promise<string> {
    this.q.offerSecret.run(name, candidate, now);
    return (this.q.secret.get(name) as { secret: string }).secret;
  }
}

export function toSession(r: Row): SessionRow {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    tokenHash: r.token_hash as string,
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
    revokedAt: (r.revoked_at as number | null) ?? null,
  };
}
