import type { Deps } from '../deps.js';
import type { Actor } from './authenticate.js';

/** Ends this device's session and closes its sockets on every node. */
export async function logout(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, actor: Actor): Promise<void> {
  await deps.store.write((tx) => tx.sessions.revoke(actor.session.id, deps.clock.now()));
  deps.bus.publishEphemeral({ type: 'sessions.revoked', userId: actor.user.id, sessionIds: [actor.session.id] });
}

/** Ends every session of the user ("log out everywhere"). */
export async function logoutEverywhere(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, userId: string): Promise<void> {
  const sessionIds = await deps.store.write((tx) => tx.sessions.revokeAllOf(userId, deps.clock.now()));
  deps.bus.publishEphemeral({ type: 'sessions.revoked', userId, sessionIds });
}
