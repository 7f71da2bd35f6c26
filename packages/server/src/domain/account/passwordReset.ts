/**
 * Password reset by an operator (docs/subsystems/accounts.md): `admin reset-password` issues a
 * one-time token (stored hashed, valid for RESET_TTL_MS) and prints a link; the person sets a new
 * password with it (POST /v1/auth/reset-password), which ends every session they had.
 */
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { logoutEverywhere } from '../auth/logout.js';
import { hashToken } from '../auth/tokens.js';

export const RESET_TTL_MS = 24 * 3_600_000;

/** Returns the token (shown once). Refuses a deleted account. */
export async function issuePasswordReset(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, userId: string): Promise<string> {
  if (!(await deps.store.read.users.byId(userId)) || (await deps.store.read.accounts.deletedAt(userId)) !== null) throw notFound('user');
  const token = deps.ids.token();
  await deps.store.write((tx) => tx.accounts.createPasswordReset({ tokenHash: hashToken(token), userId, expiresAt: deps.clock.now() + RESET_TTL_MS }));
  return token;
}

/** Sets the new password if the token is live (once); every session of the account ends. */
export async function resetPassword(deps: Pick<Deps, 'store' | 'clock' | 'hasher' | 'bus'>, token: string, password: string): Promise<void> {
  // Hash first (slow, outside the write); a bad token then costs the caller a hash, which the rate limit bounds.
  const passwordHash = await deps.hasher.hash(password);
  const userId = await deps.store.write(async (tx) => {
    const id = await tx.accounts.usePasswordReset(hashToken(token), deps.clock.now());
    if (id !== null) await tx.accounts.setPasswordHash(id, passwordHash);
    return id;
  });
  if (userId === null) throw new DomainError('not_found', 'That reset link is not valid, expired, or was already used.', { field: 'token' });
  await logoutEverywhere(deps, userId);
}
