import type { Tx } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { hashToken } from './tokens.js';

/** Inside a write: a new device session; returns the secret token (shown once, stored hashed). */
export async function createSession(deps: Pick<Deps, 'clock' | 'ids' | 'limits'>, tx: Tx, userId: string): Promise<string> {
  const token = deps.ids.token();
  const now = deps.clock.now();
  await tx.sessions.insert({ id: deps.ids.id(), userId, tokenHash: hashToken(token), createdAt: now, expiresAt: now + deps.limits.sessionTtlMs, revokedAt: null });
  return token;
}
