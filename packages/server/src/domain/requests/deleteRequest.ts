import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DAY } from './limits.js';
import { closeRequest, requirePending } from './resolveRequest.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids'>;

/** Delete: silent. The recipient leaves; the sender is told nothing and sees no change. */
export async function deleteRequest(deps: D, me: UserRow, conversationId: string): Promise<void> {
  await deps.store.write(async (tx) => closeRequest(deps, tx, await requirePending(deps, tx, me, conversationId), 'deleted'));
}

/** "Delete all requests", or only those from accounts younger than N days. Returns how many. */
export async function deleteRequests(deps: D, me: UserRow, opts: { accountYoungerThanDays?: number }): Promise<number> {
  return deps.store.write(async (tx) => {
    const now = deps.clock.now();
    const pending = await tx.requests.pendingTo(me.id, 10_000);
    const senders = new Map((await tx.users.byIds([...new Set(pending.map((r) => r.senderId))])).map((u) => [u.id, u]));
    let n = 0;
    for (const r of pending) {
      const sender = senders.get(r.senderId);
      if (opts.accountYoungerThanDays !== undefined && sender && now - sender.createdAt >= opts.accountYoungerThanDays * DAY) continue;
      const member = await tx.members.get(r.conversationId, me.id);
      if (!member || member.folder !== 'requests') continue;
      await closeRequest(deps, tx, { member, request: r, senderId: r.senderId }, 'deleted');
      n++;
    }
    return n;
  });
}
