import type { SessionRow, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { hashToken } from './tokens.js';

export interface Actor {
  user: UserRow;
  session: SessionRow;
}

/** Resolves a bearer token to its live session and user, or fails with `unauthorized`. */
export async function authenticate(deps: Pick<Deps, 'store' | 'clock'>, token: string | undefined): Promise<Actor> {
  if (!token || token.length > 256) throw new DomainError('unauthorized', 'Log in first.');
  return actorOf(deps, await deps.store.read.sessions.byTokenHash(hashToken(token)));
}

/** The live actor of a session found by any credential (token or socket ticket). */
export async function actorOf(deps: Pick<Deps, 'store' | 'clock'>, session: SessionRow | null): Promise<Actor> {
  if (!session || session.revokedAt !== null || session.expiresAt <= deps.clock.now()) {
    throw new DomainError('unauthorized', 'The session is expired or was logged out.');
  }
  const user = await deps.store.read.users.byId(session.userId);
  if (!user) throw new DomainError('unauthorized', 'The session is expired or was logged out.');
  if (user.suspendedAt !== null) throw new DomainError('account_suspended', 'This account is suspended.');
  return { user, session };
}
