/** Rows of sessions, invites, socket tickets, and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { TokenScope } from '@backchannel/protocol';
import type { Row } from './row.js';

export interface SessionRow {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** API tokens only (docs/api/tokens.md): what it is for, and its scopes. Absent or null: a device session, every right. */
  label?: string | null;
  scopes?: TokenScope[] | null;
}

/** A socket ticket, stored only as the SHA-256 of its secret (docs/adr/0002-socket-auth-on-upgrade.md). */
export interface SocketTicketRow {
  tokenHash: string;
  sessionId: string;
  expiresAt: number;
}

export const toSession = (r: Row): SessionRow => ({
  id: r.id as string,
  userId: r.user_id as string,
  tokenHash: r.token_hash as string,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : Number(r.revoked_at),
  label: (r.label as string | null | undefined) ?? null,
  scopes: typeof r.scopes === 'string' ? (r.scopes.split(',') as TokenScope[]) : null,
});

/** The two token columns as stored: scopes comma-separated, null for a device session. */
export const tokenColumns = (s: SessionRow) => ({ label: s.label ?? null, scopes: s.scopes ? s.scopes.join(',') : null });
