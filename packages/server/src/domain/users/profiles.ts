import type { Me, Profile, UpdateMeBody, UserSummary } from '@backchannel/protocol';
import { LIMITS } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessUser, accessUserByUsername } from '../visibility/access.js';
import { messagingVerdict, metInRoomSince } from '../visibility/messaging.js';
import { presentMe, presentUserSummary } from '../present.js';
import { cleanName } from '../text.js';

type D = Pick<Deps, 'store'>;

export async function presentProfile(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, viewer: UserRow, user: UserRow): Promise<Profile> {
  const r = deps.store.read;
  const [counts, followedByMe, followsMe, blockedByMe, verdict] = await Promise.all([
    r.graph.followCounts(user.id),
    r.graph.isFollowing(viewer.id, user.id),
    r.graph.isFollowing(user.id, viewer.id),
    r.graph.isBlocked(viewer.id, user.id),
    messagingVerdict(r, viewer, user, metInRoomSince(deps)),
  ]);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    createdAt: new Date(user.createdAt).toISOString(),
    followerCount: counts.followers,
    followingCount: counts.following,
    followedByMe,
    followsMe,
    blockedByMe,
    canMessage: verdict.allowed,
  };
}

/** A visible user, or `not_found` (suspended accounts are not shown): visibility/access.ts › accessUser. */
export const visibleUser = (deps: D, id: string): Promise<UserRow> => accessUser(deps.store.read, id);

export async function getProfile(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, viewer: UserRow, userId: string): Promise<Profile> {
  return presentProfile(deps, viewer, await visibleUser(deps, userId));
}

export async function getProfileByUsername(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, viewer: UserRow, username: string): Promise<Profile> {
  return presentProfile(deps, viewer, await accessUserByUsername(deps.store.read, username));
}

export async function searchUsers(deps: D, query: string, limit = 20): Promise<UserSummary[]> {
  const q = query.normalize('NFC').trim().replace(/^@/, '');
  if (q.length === 0) return [];
  const rows = await deps.store.read.users.search(q, limit);
  return rows.filter((u) => u.suspendedAt === null).map(presentUserSummary);
}

export async function updateMe(deps: Pick<Deps, 'store'>, me: UserRow, input: UpdateMeBody): Promise<Me> {
  const patch: Partial<Pick<UserRow, 'displayName' | 'bio' | 'whoCanMessage'>> = {};
  if (input.displayName !== undefined) patch.displayName = cleanName(input.displayName, 'displayName', LIMITS.displayNameMax);
  if (input.bio !== undefined) patch.bio = cleanName(input.bio, 'bio', LIMITS.bioMax, true);
  if (input.whoCanMessage !== undefined) patch.whoCanMessage = input.whoCanMessage;
  await deps.store.write((tx) => tx.users.update(me.id, patch));
  return presentMe({ ...me, ...patch });
}
