/**
 * Suspension by the admin CLI (the moderation queue's suspend is domain/moderation/suspendUser.ts):
 * the same effect — no login, every session revoked, sockets closed — audited under the CLI's name.
 * A deleted account stays suspended: unsuspending it is refused.
 */
import { logoutEverywhere } from '../auth/logout.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'bus'>;

export async function setSuspendedByCli(deps: D, userId: string, on: boolean, operatorName: string, note: string): Promise<boolean> {
  const changed = await deps.store.write(async (tx) => {
    const user = await tx.users.byId(userId);
    if (!user) throw notFound('user');
    if (!on && (await tx.accounts.deletedAt(userId)) !== null) throw new DomainError('conflict', 'The account is deleted; it cannot be unsuspended.');
    if ((user.suspendedAt !== null) === on) return false;
    await tx.users.update(userId, { suspendedAt: on ? deps.clock.now() : null });
    await tx.audit.insert({ id: deps.ids.id(), operatorId: operatorName, action: on ? 'user.suspended' : 'user.unsuspended', reportId: null, targetId: userId, note, createdAt: deps.clock.now() });
    return true;
  });
  if (on) await logoutEverywhere(deps, userId);
  return changed;
}
