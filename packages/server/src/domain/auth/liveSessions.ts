import type { Deps } from '../deps.js';

/** Of `sessionIds`, those still live now (not revoked or expired, the account not suspended or deleted). */
export function liveSessions(deps: Pick<Deps, 'store' | 'clock'>, sessionIds: readonly string[]): Promise<string[]> {
  return deps.store.read.accounts.liveSessionIds(sessionIds, deps.clock.now());
}
