/** SQLite side of the sessions, invites, socket tickets and server secrets ports. */
import type Database from 'better-sqlite3';
import type { InvitesRepo } from '../ports/invites.js';
import type { SecretsRepo } from '../ports/secrets.js';
import type { SessionsRepo } from '../ports/sessions.js';
import type { SocketTicketsRepo } from '../ports/socketTickets.js';
import type { Row } from '../rows/row.js';
import { tokenColumns, toSession, type SessionRow, type SocketTicketRow } from '../rows/sessions.js';
import { translateUnique } from './errors.js';

export class SqliteSessions implements SessionsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p('INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at, revoked_at, label, scopes) VALUES (@id, @userId, @tokenHash, @createdAt, @expiresAt, @revokedAt, @label, @scopes)'),
      tokensOf: p('SELECT * FROM sessions WHERE user_id = ? AND scopes IS NOT NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC'),
      byHash: p('SELECT * FROM sessions WHERE token_hash = ?'),
      revoke: p('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      live: p('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL'),
      revokeAllOf: p('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL'),
    };
  }

  async insert(s: SessionRow) {
    this.s.insert.run({ id: s.id, userId: s.userId, tokenHash: s.tokenHash, createdAt: s.createdAt, expiresAt: s.expiresAt, revokedAt: s.revokedAt, ...tokenColumns(s) });
  }
  async tokensOf(userId: string, now: number) {
    return (this.s.tokensOf.all(userId, now) as Row[]).map(toSession);
  }
  async byTokenHash(tokenHash: string) {
    const r = this.s.byHash.get(tokenHash) as Row | undefined;
    return r ? toSession(r) : null;
  }
  async revoke(id: string, at: number) {
    this.s.revoke.run(at, id);
  }
  async revokeAllOf(userId: string, at: number) {
    const ids = (this.s.live.all(userId) as Row[]).map((r) => r.id as string);
    this.s.revokeAllOf.run(at, userId);
    return ids;
  }
}

export class SqliteInvites implements InvitesRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare('INSERT INTO invites (code, created_at) VALUES (?, ?)'),
      consume: db.prepare('UPDATE invites SET used_by = ?, used_at = ? WHERE code = ? AND used_by IS NULL'),
    };
  }

  async insert(code: string, createdAt: number) {
    try {
      this.s.insert.run(code, createdAt);
    } catch (err) {
      translateUnique(err);
    }
  }
  async consume(code: string, userId: string, at: number) {
    return this.s.consume.run(userId, at, code).changes === 1;
  }
}

export class SqliteSocketTickets implements SocketTicketsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      purge: p('DELETE FROM socket_tickets WHERE expires_at <= ?'),
      insert: p('INSERT INTO socket_tickets (token_hash, session_id, expires_at) VALUES (@tokenHash, @sessionId, @expiresAt)'),
      take: p('DELETE FROM socket_tickets WHERE token_hash = ? RETURNING session_id, expires_at'),
      sessionById: p('SELECT * FROM sessions WHERE id = ?'),
    };
  }

  async insert(ticket: SocketTicketRow, now: number) {
    this.s.purge.run(now);
    this.s.insert.run(ticket);
  }
  async consume(tokenHash: string, now: number): Promise<SessionRow | null> {
    const t = this.s.take.get(tokenHash) as Row | undefined;
    if (!t || (t.expires_at as number) <= now) return null;
    const r = this.s.sessionById.get(t.session_id) as Row | undefined;
    return r ? toSession(r) : null;
  }
}

export class SqliteSecrets implements SecretsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      offer: db.prepare('INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING'),
      get: db.prepare('SELECT secret FROM server_secrets WHERE name = ?'),
    };
  }

  async get(name: string, candidate: string, now: number): Promise<string> {
    this.s.offer.run(name, candidate, now);
    return (this.s.get.get(name) as { secret: string }).secret;
  }
}
