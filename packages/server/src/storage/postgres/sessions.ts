/** PostgreSQL side of the sessions and invites ports. */
import type { InvitesRepo } from '../ports/invites.js';
import type { SessionsRepo } from '../ports/sessions.js';
import { tokenColumns, toSession, type SessionRow } from '../rows/sessions.js';
import type { PgHandle } from './handle.js';

export class PgSessions implements SessionsRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(s: SessionRow) {
    const t = tokenColumns(s);
    await this.h.q('INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at, revoked_at, label, scopes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      s.id, s.userId, s.tokenHash, s.createdAt, s.expiresAt, s.revokedAt, t.label, t.scopes,
    ]);
  }
  async tokensOf(userId: string, now: number) {
    const rows = await this.h.q('SELECT * FROM sessions WHERE user_id = $1 AND scopes IS NOT NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id DESC', [userId, now]);
    return rows.map(toSession);
  }
  async byTokenHash(tokenHash: string) {
    const r = await this.h.one('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    return r ? toSession(r) : null;
  }
  async revoke(id: string, at: number) {
    await this.h.q('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
  }
  async revokeAllOf(userId: string, at: number) {
    const rows = await this.h.q('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL RETURNING id', [at, userId]);
    return rows.map((r) => r.id as string);
  }
}

export class PgInvites implements InvitesRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(code: string, createdAt: number) {
    await this.h.q('INSERT INTO invites (code, created_at) VALUES ($1, $2)', [code, createdAt]);
  }
  async consume(code: string, userId: string, at: number) {
    return (await this.h.q('UPDATE invites SET used_by = $1, used_at = $2 WHERE code = $3 AND used_by IS NULL RETURNING code', [userId, at, code])).length === 1;
  }
}
