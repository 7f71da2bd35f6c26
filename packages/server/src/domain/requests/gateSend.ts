/**
 * The requests-inbox rules on the send path of a 1:1, inside the send's transaction
 * (docs/subsystems/message-requests.md):
 * - the other person blocked the sender → the send becomes a shadow message (ADR 0005);
 * - the sender blocked the other person → `cannot_message` (unblock first);
 * - the other person had left (deleted the 1:1 or the request, or it expired) → they come back,
 *   in Requests if they do not follow the sender (a new request, budget-checked);
 * - the recipient of a pending request replies → that accepts it;
 * - the sender of a pending request may add `extraMessages` more, each at most `messageMaxChars`.
 * A deleted request's message count carries over, so a sender cannot tell "deleted" from "pending".
 */
import type { ConversationRow, DirectSendContext, MemberRow, Repo, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { messagingVerdict } from '../policy.js';
import { recordJoined } from '../conversations/record.js';
import { requestLimits } from './limits.js';
import { openRequest } from './openRequest.js';
import { acceptPending, closeRequest } from './resolveRequest.js';

type D = Pick<Deps, 'clock' | 'ids' | 'limits'>;

/** What the send already read in its transaction (`Repo.sendContext`), so the gate does not read it again. */
export interface GateContext {
  member: MemberRow;
  direct: DirectSendContext | null;
}

export async function gateSend(deps: D, tx: Repo, me: UserRow, conversation: ConversationRow, known: GateContext, text: string): Promise<'normal' | 'shadow'> {
  // Replying to a request accepts it (the reply itself tells the sender anyway).
  const mine = known.member;
  if (mine.folder === 'requests') {
    const mr = await tx.requestOf(conversation.id, me.id);
    await acceptPending(deps, tx, { member: mine, request: mr?.state === 'pending' ? mr : null, senderId: mr?.state === 'pending' ? mr.senderId : mine.addedBy });
  }
  if (conversation.kind !== 'direct') return 'normal';
  // Accepting above changes only the sender's own membership and request, none of these facts.
  if (!known.direct) throw notFound();
  const { otherId } = known.direct;
  if (known.direct.blockedByOther) return 'shadow';
  if (known.direct.blocksOther) throw new DomainError('cannot_message', 'You blocked this person; unblock them to send.');
  const l = requestLimits(deps.limits);
  const now = deps.clock.now();

  let request = known.direct.requestToOther;
  let otherMember = known.direct.otherMember;
  if (request?.state === 'pending' && request.expiresAt <= now) {
    if (otherMember?.folder === 'requests') await closeRequest(deps, tx, { member: otherMember, request, senderId: request.senderId }, 'expired');
    else await tx.putRequest({ ...request, state: 'expired', resolvedAt: now });
    request = { ...request, state: 'expired' };
    otherMember = await tx.member(conversation.id, otherId);
  }
  if (!otherMember) {
    const other = await tx.userById(otherId);
    if (!other || other.suspendedAt !== null) throw notFound();
    const verdict = await messagingVerdict(tx, me, other);
    if (!verdict.allowed) throw new DomainError('cannot_message', `${other.displayName} does not accept messages from you.`);
    await tx.addMember({ conversationId: conversation.id, userId: otherId, folder: verdict.folder, readSeq: conversation.lastSeq, muted: false, pinned: false, archived: false, addedBy: me.id, joinedAt: now });
    if (verdict.folder === 'requests') {
      const carried = request?.state === 'deleted' && request.senderId === me.id ? request.messagesSent : 0;
      await openRequest(deps, tx, me, otherId, conversation.id, { carriedMessages: carried });
      request = await tx.requestOf(conversation.id, otherId);
    }
    await recordJoined(deps, tx, conversation.id, otherId);
  }
  if (request?.state === 'pending' && request.senderId === me.id) {
    if (request.messagesSent >= 1 + l.extraMessages) {
      throw new DomainError('request_pending', 'Your request is pending; you can send more once it is accepted.', { max: 1 + l.extraMessages });
    }
    if ([...text].length > l.messageMaxChars) {
      throw new DomainError('too_large', `While your request is pending, a message is at most ${l.messageMaxChars} characters.`, { field: 'text', max: l.messageMaxChars });
    }
    await tx.putRequest({ ...request, messagesSent: request.messagesSent + 1 });
  }
  return 'normal';
}
