/**
 * The state changes of a pending request, inside the caller's transaction. Accept tells the sender;
 * delete, block, report and expiry are silent: the recipient leaves and only the recipient's own
 * devices hear of it (docs/subsystems/message-requests.md).
 */
import type { MemberRow, Tx, UserRow } from '../../storage/store.js';
import type { RequestRow, RequestState } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { recordJoined, recordLeft } from '../record.js';

type D = Pick<Deps, 'clock' | 'ids'>;

export interface PendingRequest {
  member: MemberRow;
  /** Null only for a membership in `requests` with no request row (treated as from `addedBy`). */
  request: RequestRow | null;
  senderId: string | null;
}

/** The caller's pending request in the conversation, or `not_found` (also when expired). */
export async function requirePending(deps: D, tx: Tx, me: UserRow, conversationId: string): Promise<PendingRequest> {
  const member = await tx.members.get(conversationId, me.id);
  if (!member || member.folder !== 'requests') throw notFound('request');
  const request = await tx.requests.of(conversationId, me.id);
  if (request && request.state === 'pending' && request.expiresAt <= deps.clock.now()) {
    await closeRequest(deps, tx, { member, request, senderId: request.senderId }, 'expired');
    throw notFound('request');
  }
  const live = request && request.state === 'pending' ? request : null;
  return { member, request: live, senderId: live?.senderId ?? member.addedBy };
}

export async function acceptPending(deps: D, tx: Tx, p: PendingRequest): Promise<void> {
  const { conversationId, userId } = p.member;
  const now = deps.clock.now();
  await tx.members.update(conversationId, userId, { folder: 'inbox' });
  if (p.request) await tx.requests.put({ ...p.request, state: 'accepted', resolvedAt: now });
  // The recipient's devices move it to the inbox; the sender learns it was accepted, unless the
  // sender has since blocked them: a block stops every path to the blocker.
  await recordJoined(deps, tx, conversationId, userId);
  if (p.senderId && !(await tx.graph.isBlocked(p.senderId, userId))) {
    await tx.events.append({ type: 'request.accepted', conversationId, userId: p.senderId, payload: { conversationId, userId }, createdAt: now });
  }
}

/**
 * Delete / block / report / expire: the recipient leaves without a system message or any event to
 * others. Refused (not expired), a group request keeps them listed as a ghost member until it would
 * have expired: to the sender it is still pending (senderRule.ts).
 */
export async function closeRequest(deps: D, tx: Tx, p: PendingRequest, outcome: Exclude<RequestState, 'pending' | 'accepted'>): Promise<void> {
  const { conversationId, userId } = p.member;
  await tx.members.remove(conversationId, userId);
  await recordLeft(deps, tx, conversationId, userId);
  if (p.request) await tx.requests.put({ ...p.request, state: outcome, resolvedAt: deps.clock.now() });
  if (outcome !== 'expired' && (await tx.conversations.byId(conversationId))?.kind === 'group') {
    await tx.ghosts.put({ conversationId, userId, addedBy: p.senderId, joinedAt: p.member.joinedAt, expiresAt: p.request?.expiresAt ?? null });
  }
}

/** A pending request past its expiry: the recipient leaves Requests (if still there), silently. */
export async function expirePending(deps: D, tx: Tx, request: RequestRow): Promise<void> {
  const member = await tx.members.get(request.conversationId, request.recipientId);
  if (member?.folder === 'requests') await closeRequest(deps, tx, { member, request, senderId: request.senderId }, 'expired');
  else await tx.requests.put({ ...request, state: 'expired', resolvedAt: deps.clock.now() });
}

/** Blocking someone also closes their pending request to the blocker (silently). */
export async function closePendingFrom(deps: D, tx: Tx, me: UserRow, senderId: string, outcome: 'blocked' | 'reported'): Promise<void> {
  const request = await tx.requests.pendingBetween(senderId, me.id);
  if (!request) return;
  const member = await tx.members.get(request.conversationId, me.id);
  if (!member || member.folder !== 'requests') {
    await tx.requests.put({ ...request, state: outcome, resolvedAt: deps.clock.now() });
    return;
  }
  await closeRequest(deps, tx, { member, request, senderId }, outcome);
}
