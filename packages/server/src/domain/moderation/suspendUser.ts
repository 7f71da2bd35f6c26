import type { ModerationActionBody } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import { logoutEverywhere } from '../auth/logout.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { audit, requireOperator } from './operator.js';

/**
 * Suspend: the account can no longer log in (login and authenticate refuse suspended users), every
 * session is revoked and every socket closes at once with 4001 (`sessions.revoked`). Audited.
 */
export async function suspendUser(deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'bus'>, me: UserRow, userId: string, input: ModerationActionBody): Promise<void> {
  requireOperator(me);
  if (userId === me.id) throw new DomainError('self_action', 'You cannot suspend yourself.');
  await deps.store.write(async (tx) => {
    const user = await tx.users.byId(userId);
    if (!user) throw notFound('user');
    if (user.suspendedAt === null) await tx.users.update(userId, { suspendedAt: deps.clock.now() });
    await audit(deps, tx, me, 'user.suspended', userId, input);
  });
  await logoutEverywhere(deps, userId);
}
