/**
 * Group conversations: up to `groupMaxMembers` members; the creator is the moderator and the only
 * one who renames, adds or removes; anyone can leave. Each change is a system message (so history
 * shows it) plus events, in one transaction.
 */
import type { Conversation, CreateGroupBody, Folder } from '@backchannel/protocol';
import { LIMITS } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { presentConversation } from '../present.js';
import { cleanName } from '../text.js';
import { accessConversation, type ConversationAccess } from '../visibility/access.js';
import { isListed, listedCount } from '../visibility/listed.js';
import { openRequest } from '../requests/openRequest.js';
import { recordJoined, recordLeft, recordSystemMessage, recordUpdated } from '../record.js';
import { liveBackstage } from '../rooms/backstage.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

async function requireModerator(tx: Tx, me: UserRow, conversationId: string): Promise<ConversationAccess> {
  const access = await accessConversation(tx, me.id, conversationId);
  if (access.conversation.kind !== 'group') throw new DomainError('bad_request', 'Only groups have members to manage.', { field: 'id' });
  if (access.conversation.moderatorId !== me.id) throw new DomainError('forbidden', 'Only the group moderator can do that.');
  return access;
}

/**
 * Where a group lands for a new member: the inbox if they follow whoever added them, else a request
 * (budget-checked). Someone who blocked the adder is never added: they become a ghost member, listed
 * like an unanswered member would be, after the same checks (docs/subsystems/message-requests.md).
 */
async function placeFor(deps: D, tx: Tx, conversationId: string, user: UserRow, adder: UserRow): Promise<Folder | 'ghost'> {
  const follows = await tx.graph.isFollowing(user.id, adder.id);
  if (!(await tx.graph.isBlocked(user.id, adder.id))) {
    if (follows) return 'inbox';
    await openRequest(deps, tx, adder, user.id, conversationId);
    return 'requests';
  }
  const request = follows ? null : await openRequest(deps, tx, adder, user.id, conversationId, { state: 'blocked' });
  await tx.ghosts.put({ conversationId, userId: user.id, addedBy: adder.id, joinedAt: deps.clock.now(), expiresAt: request?.expiresAt ?? null });
  return 'ghost';
}

/** Adds each user where `placeFor` says; returns those really added (they get `conversation.joined`). */
async function place(deps: D, tx: Tx, conversationId: string, users: readonly UserRow[], adder: UserRow): Promise<string[]> {
  const added: string[] = [];
  const now = deps.clock.now();
  for (const u of users) {
    const folder = await placeFor(deps, tx, conversationId, u, adder);
    if (folder === 'ghost') continue;
    await tx.members.add({ conversationId, userId: u.id, folder, readSeq: 0, muted: false, pinned: false, archived: false, addedBy: adder.id, joinedAt: now });
    added.push(u.id);
  }
  return added;
}

async function usersToAdd(deps: D, tx: Tx, me: UserRow, ids: readonly string[]): Promise<UserRow[]> {
  const users = await tx.users.byIds(ids.filter((id) => id !== me.id));
  // Unknown, suspended and blocked-by-me users are "not found" alike.
  const blocked = await Promise.all(users.map((u) => tx.graph.isBlocked(me.id, u.id)));
  const ok = users.filter((u, i) => u.suspendedAt === null && !blocked[i]);
  if (ok.length !== ids.filter((id) => id !== me.id).length) throw new DomainError('not_found', 'Some of those people were not found.', { field: 'userIds' });
  return ok;
}

async function present(deps: D, conversationId: string, me: UserRow): Promise<Conversation> {
  const { conversation, member } = await accessConversation(deps.store.read, me.id, conversationId);
  return presentConversation(deps.store.read, conversation, member);
}

export async function createGroup(deps: D, me: UserRow, input: CreateGroupBody): Promise<Conversation> {
  const title = input.title === undefined ? null : cleanName(input.title, 'title', LIMITS.titleMax, true) || null;
  if (input.memberIds.filter((id) => id !== me.id).length + 1 > deps.limits.groupMaxMembers) {
    throw new DomainError('group_full', `A group has at most ${deps.limits.groupMaxMembers} members.`, { max: deps.limits.groupMaxMembers });
  }
  const id = await deps.store.write(async (tx) => {
    const others = await usersToAdd(deps, tx, me, input.memberIds);
    if (others.length === 0) throw new DomainError('bad_request', 'A group needs at least one other member.', { field: 'memberIds' });
    const now = deps.clock.now();
    const id = deps.ids.id();
    await tx.conversations.insert({ id, kind: 'group', title, moderatorId: me.id, lastSeq: 0, lastActivityAt: now, createdAt: now }, null);
    await tx.members.add({ conversationId: id, userId: me.id, folder: 'inbox', readSeq: 0, muted: false, pinned: false, archived: false, addedBy: null, joinedAt: now });
    const added = await place(deps, tx, id, others, me);
    for (const uid of [me.id, ...added]) await recordJoined(deps, tx, id, uid);
    await recordSystemMessage(deps, tx, id, { action: 'created', actorId: me.id, ...(title ? { title } : {}) });
    await tx.members.update(id, me.id, { readSeq: 1 });
    return id;
  });
  return present(deps, id, me);
}

export async function renameGroup(deps: D, me: UserRow, conversationId: string, rawTitle: string): Promise<Conversation> {
  const title = cleanName(rawTitle, 'title', LIMITS.titleMax);
  await deps.store.write(async (tx) => {
    const { conversation } = await requireModerator(tx, me, conversationId);
    await tx.conversations.setTitle(conversationId, title);
    await recordSystemMessage(deps, tx, conversationId, { action: 'renamed', actorId: me.id, title });
    await recordUpdated(deps, tx, { ...conversation, title });
  });
  return present(deps, conversationId, me);
}

export async function addMembers(deps: D, me: UserRow, conversationId: string, userIds: readonly string[]): Promise<Conversation> {
  await deps.store.write(async (tx) => {
    const { conversation } = await requireModerator(tx, me, conversationId);
    // Ghost members count as members here too: re-adding one is a no-op, and they fill the group.
    // Read per person added and one count, not the member list: adding to a big group costs the same.
    const candidates = await usersToAdd(deps, tx, me, userIds);
    const listed = await Promise.all(candidates.map((u) => isListed(tx, conversation, u.id)));
    const fresh = candidates.filter((_, i) => !listed[i]);
    if (fresh.length === 0) return;
    if ((await listedCount(tx, conversation)) + fresh.length > deps.limits.groupMaxMembers) {
      throw new DomainError('group_full', `A group has at most ${deps.limits.groupMaxMembers} members.`, { max: deps.limits.groupMaxMembers });
    }
    const added = await place(deps, tx, conversationId, fresh, me);
    // Joined first: routers learn the new membership before the system message they must see.
    for (const uid of added) await recordJoined(deps, tx, conversationId, uid);
    await recordSystemMessage(deps, tx, conversationId, { action: 'member_added', actorId: me.id, targetIds: fresh.map((u) => u.id) });
    await recordUpdated(deps, tx, conversation);
  });
  return present(deps, conversationId, me);
}

export async function removeMember(deps: D, me: UserRow, conversationId: string, userId: string): Promise<Conversation> {
  if (userId === me.id) throw new DomainError('self_action', 'Use leave to leave a group.');
  await deps.store.write(async (tx) => {
    const { conversation } = await requireModerator(tx, me, conversationId);
    const isMember = (await tx.members.get(conversationId, userId)) !== null;
    // A ghost member is removed like anyone else as far as the group can see; they hear nothing.
    if (!isMember && !(await tx.ghosts.remove(conversationId, userId))) throw notFound('member');
    // The removed member sees the system message, then loses access.
    await recordSystemMessage(deps, tx, conversationId, { action: 'member_removed', actorId: me.id, targetIds: [userId] });
    if (isMember) {
      await tx.members.remove(conversationId, userId);
      await recordLeft(deps, tx, conversationId, userId);
    }
    await recordUpdated(deps, tx, conversation);
  });
  return present(deps, conversationId, me);
}

/** Leave a group (the moderator role passes to the longest-standing member), or delete a 1:1 for me. */
export async function leaveConversation(deps: D, me: UserRow, conversationId: string): Promise<void> {
  await deps.store.write(async (tx) => {
    const { conversation, member } = await accessConversation(tx, me.id, conversationId);
    // A live room's backstage follows its stage: step off the stage to leave it (rooms/backstage.ts).
    if (conversation.kind === 'group' && (await liveBackstage(tx, conversationId))) {
      throw new DomainError('forbidden', 'This is a live room\'s backstage: leave the stage to leave it.');
    }
    // Leaving a pending request is deleting it. A 1:1 leave is silent anyway; a group leave stays
    // the explicit, visible "left" (the requests API's delete is the silent way out).
    if (member.folder === 'requests') {
      const request = await tx.requests.of(conversationId, me.id);
      if (request?.state === 'pending') await tx.requests.put({ ...request, state: 'deleted', resolvedAt: deps.clock.now() });
    }
    if (conversation.kind === 'group') await recordSystemMessage(deps, tx, conversationId, { action: 'member_left', actorId: me.id });
    await tx.members.remove(conversationId, me.id);
    await recordLeft(deps, tx, conversationId, me.id);
    if (conversation.kind === 'group') {
      let next = conversation;
      if (conversation.moderatorId === me.id) {
        const heir = (await tx.members.page(conversationId, { limit: 1 }))[0];
        next = { ...conversation, moderatorId: heir?.userId ?? null };
        await tx.conversations.setModerator(conversationId, next.moderatorId);
      }
      await recordUpdated(deps, tx, next);
    }
  });
}
