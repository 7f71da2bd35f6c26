/** Storage port of login sessions (opaque tokens, stored hashed). */
import type { SessionRow } from '../rows/sessions.js';

export interface SessionsRepo {
  insert(session: SessionRow): Promise<void>;
  byTokenHash(tokenHash: string): Promise<SessionRow | null>;
  revoke(id: string, at: number): Promise<void>;
  /** Revokes every live session of the user; returns their ids. */
  revokeAllOf(userId: string, at: number): Promise<string[]>;
  /** The user's API tokens (sessions with scopes) that are neither revoked nor expired at `now`, newest first. */
  tokensOf(userId: string, now: number): Promise<SessionRow[]>;
}
