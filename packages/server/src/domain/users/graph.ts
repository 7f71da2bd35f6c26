/** Follow and block: the social graph the requests inbox builds its rules on. */
import type { Profile, UserSummary } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { closePendingFrom } from '../requests/resolveRequest.js';
import { endShadowRun } from '../visibility/shadow.js';
import { presentProfile, visibleUser } from './profiles.js';

type D = Pick<Deps, 'store' | 'clock' | 'limits'>;
type DB = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

export async function setFollow(deps: D, me: UserRow, userId: string, on: boolean): Promise<Profile> {
  if (userId === me.id) throw new DomainError('self_action', 'You cannot follow yourself.');
  const target = await visibleUser(deps, userId);
  await deps.store.write((tx) => tx.graph.setFollow(me.id, target.id, on, deps.clock.now()));
  return presentProfile(deps, me, target);
}

export async function setBlock(deps: DB, me: UserRow, userId: string, on: boolean): Promise<Profile> {
  if (userId === me.id) throw new DomainError('self_action', 'You cannot block yourself.');
  const target = await visibleUser(deps, userId);
  await deps.store.write(async (tx) => {
    await tx.graph.setBlock(me.id, target.id, on, deps.clock.now());
    // Blocking someone also silently closes their pending request to me; unblocking lets our 1:1's
    // real seqs go on after their shadow messages (ADR 0006).
    if (on) await closePendingFrom(deps, tx, me, target.id, 'blocked');
    else await endShadowRun(tx, me.id, target.id);
  });
  return presentProfile(deps, me, target);
}

export async function listFollowers(deps: D, userId: string, limit = 50): Promise<UserSummary[]> {
  await visibleUser(deps, userId);
  return (await deps.store.read.graph.followers(userId, limit)).filter((u) => u.suspendedAt === null).map(presentUserSummary);
}

export async function listFollowing(deps: D, userId: string, limit = 50): Promise<UserSummary[]> {
  await visibleUser(deps, userId);
  return (await deps.store.read.graph.following(userId, limit)).filter((u) => u.suspendedAt === null).map(presentUserSummary);
}

export async function listBlocked(deps: D, me: UserRow, limit = 200): Promise<UserSummary[]> {
  return (await deps.store.read.graph.blockedBy(me.id, limit)).map(presentUserSummary);
}
