/**
 * Requests unanswered past their `expiresAt` are removed from the recipient's Requests, silently;
 * ghost members whose request would have expired leave the group's member list at the same point.
 * Runs lazily (listing requests, sending into one, acting on one) and from a periodic sweep
 * (a recurring job, jobs/requestExpiry.ts), always against the injected clock.
 */
import type { Deps } from '../deps.js';
import { closeRequest } from './resolveRequest.js';

export async function expireRequests(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, opts: { recipientId?: string; limit?: number } = {}): Promise<number> {
  const now = deps.clock.now();
  // Ghost members leave a group's list when their request would have expired (the sweep only: a
  // listing by one recipient should not cost a write).
  if (opts.recipientId === undefined) await deps.store.write((tx) => tx.ghosts.removeExpired(now));
  const stale = (await deps.store.read.requests.stalePending(now, opts.limit ?? 500)).filter((r) => opts.recipientId === undefined || r.recipientId === opts.recipientId);
  if (stale.length === 0) return 0;
  return deps.store.write(async (tx) => {
    let n = 0;
    for (const r of stale) {
      const fresh = await tx.requests.of(r.conversationId, r.recipientId);
      if (!fresh || fresh.state !== 'pending' || fresh.expiresAt > now) continue;
      const member = await tx.members.get(r.conversationId, r.recipientId);
      if (member && member.folder === 'requests') await closeRequest(deps, tx, { member, request: fresh, senderId: fresh.senderId }, 'expired');
      else await tx.requests.put({ ...fresh, state: 'expired', resolvedAt: now });
      n++;
    }
    return n;
  });
}
