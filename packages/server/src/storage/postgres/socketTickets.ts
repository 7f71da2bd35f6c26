/**
 * PostgreSQL side of the socket tickets and server secrets ports. `DELETE … RETURNING` makes a
 * ticket single-use across nodes: of two concurrent consumers, only the one whose DELETE removed
 * the row gets it back.
 */
import type { SecretsRepo } from '../ports/secrets.js';
import type { SocketTicketsRepo } from '../ports/socketTickets.js';
import { toSession, type SessionRow, type SocketTicketRow } from '../rows/sessions.js';
import type { PgHandle } from './handle.js';

export class PgSocketTickets implements SocketTicketsRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(ticket: SocketTicketRow, now: number) {
    await this.h.q('DELETE FROM socket_tickets WHERE expires_at <= $1', [now]);
    await this.h.q('INSERT INTO socket_tickets (token_hash, session_id, expires_at) VALUES ($1, $2, $3)', [ticket.tokenHash, ticket.sessionId, ticket.expiresAt]);
  }

  async consume(tokenHash: string, now: number): Promise<SessionRow | null> {
    const t = await this.h.one('DELETE FROM socket_tickets WHERE token_hash = $1 RETURNING session_id, expires_at', [tokenHash]);
    if (!t || Number(t.expires_at) <= now) return null;
    const r = await this.h.one('SELECT * FROM sessions WHERE id = $1', [t.session_id]);
    return r ? toSession(r) : null;
  }
}

export class PgSecrets implements SecretsRepo {
  constructor(private readonly h: PgHandle) {}

  async get(name: string, candidate: string, now: number): Promise<string> {
    // ON CONFLICT DO NOTHING waits for a concurrent inserter's commit, so racing nodes agree.
    await this.h.q('INSERT INTO server_secrets (name, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, candidate, now]);
    return (await this.h.one('SELECT secret FROM server_secrets WHERE name = $1', [name]))!.secret as string;
  }
}
