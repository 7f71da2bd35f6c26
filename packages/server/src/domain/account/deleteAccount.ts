/**
 * Account deletion, by the person (with their password) or by an operator (docs/subsystems/accounts.md).
 * Sessions end first, so nothing the person still has open can write during the erasure; then each
 * part of USER_DATA (userData.ts) erases what it holds; then the profile is erased in one write.
 * Idempotent: every step is safe to repeat, so a deletion that failed halfway is finished by
 * running it again, and deleting a deleted account changes nothing.
 */
import type { UserRow } from '../../storage/store.js';
import { logoutEverywhere } from '../auth/logout.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { audit, requireOperator } from '../moderation/operator.js';
import { USER_DATA, type AccountDeps } from './userData.js';

export const DELETED_DISPLAY_NAME = 'Deleted user';

/** Deletes the account `userId`; `by` is the operator's id, or null for the person themselves. Returns false when it was already deleted. */
export async function deleteAccount(deps: AccountDeps, userId: string, by: string | null): Promise<boolean> {
  const user = await deps.store.read.users.byId(userId);
  if (!user) throw notFound('user');
  await logoutEverywhere(deps, userId);
  if ((await deps.store.read.accounts.deletedAt(userId)) !== null) return false;
  for (const part of USER_DATA) await part.erase?.(deps, user);
  const username = `deleted_${deps.ids.id().replace(/[^A-Za-z0-9]/g, '').slice(0, 16).toLowerCase()}`;
  const erased = await deps.store.write((tx) => tx.accounts.erase(userId, { username, displayName: DELETED_DISPLAY_NAME, at: deps.clock.now(), by }));
  // Sessions created in the meantime (a login that raced the revocation) end too.
  await logoutEverywhere(deps, userId);
  return erased;
}

/** Self-service: the password again, then deletion. A wrong password changes nothing. */
export async function deleteMyAccount(deps: AccountDeps & Pick<Deps, 'hasher'>, me: UserRow, password: string): Promise<void> {
  if (!(await deps.hasher.verify(me.passwordHash, password))) throw new DomainError('invalid_credentials', 'That password is not right.', { field: 'password' });
  await deleteAccount(deps, me.id, null);
}

/** An operator deletes someone's account (not their own: that is the self-service path). Audited. */
export async function deleteAccountAsOperator(deps: AccountDeps, me: UserRow, userId: string, input: { reportId?: string; note?: string }): Promise<void> {
  requireOperator(me);
  if (userId === me.id) throw new DomainError('self_action', 'Delete your own account from your settings.');
  if (!(await deps.store.read.users.byId(userId))) throw notFound('user');
  await deleteAccount(deps, userId, me.id);
  await deps.store.write((tx) => audit(deps, tx, me, 'user.deleted', userId, input));
}
