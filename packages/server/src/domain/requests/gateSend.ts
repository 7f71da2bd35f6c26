/**
 * The requests-inbox rules on the send path of a 1:1, inside the send's transaction
 * (docs/subsystems/message-requests.md):
 * - the sender blocked the other person → `cannot_message` (unblock first);
 * - the recipient of a pending request replies → that accepts it;
 * - the other person had left (deleted the 1:1, or it expired) → they come back, in Requests if
 *   they do not follow the sender (a new request, budget-checked); a request the sender still sees
 *   as pending (they deleted it) comes back as it was;
 * - while the sender sees their request as pending, each message counts against the caps;
 * - the other person blocked the sender → all of the above runs on the sender's side alone, and
 *   the send becomes a shadow message (ADR 0005, ADR 0006). The sender cannot tell (senderRule.ts).
 */
import type { RequestRow } from '../../storage/store.js';
import type { ConversationRow, DirectSendContext, MemberRow, Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { messagingVerdict, metInRoomSince } from '../visibility/messaging.js';
import { recordJoined } from '../record.js';
import { isShadowedWrite } from '../visibility/shadow.js';
import { openRequest } from './openRequest.js';
import { acceptPending, expirePending } from './resolveRequest.js';
import { countRequestMessage, openToSender } from './senderRule.js';

type D = Pick<Deps, 'clock' | 'ids' | 'limits'>;

/** What the send already read in its transaction (`tx.messages.sendContext`), so the gate does not read it again. */
export interface GateContext {
  member: MemberRow;
  direct: DirectSendContext | null;
}

export async function gateSend(deps: D, tx: Tx, me: UserRow, conversation: ConversationRow, known: GateContext, text: string): Promise<'normal' | 'shadow'> {
  // Replying to a request accepts it (the reply itself tells the sender anyway).
  const mine = known.member;
  if (mine.folder === 'requests') {
    const mr = await tx.requests.of(conversation.id, me.id);
    await acceptPending(deps, tx, { member: mine, request: mr?.state === 'pending' ? mr : null, senderId: mr?.state === 'pending' ? mr.senderId : mine.addedBy });
  }
  if (conversation.kind !== 'direct') return 'normal';
  // Accepting above changes only the sender's own membership and request, none of these facts.
  if (!known.direct) throw notFound();
  // First: the sender knows they blocked; a block both ways must look like theirs alone.
  if (known.direct.blocksOther) throw new DomainError('cannot_message', 'You blocked this person; unblock them to send.');
  const now = deps.clock.now();
  let request = known.direct.requestToOther;
  let otherMember = known.direct.otherMember;
  if (request?.state === 'pending' && request.expiresAt <= now) {
    await expirePending(deps, tx, request);
    request = { ...request, state: 'expired' };
    otherMember = await tx.members.get(conversation.id, known.direct.otherId);
  }
  const open = openToSender(request, me.id, now) ? request : null;
  if (isShadowedWrite(known.direct)) {
    // Nothing reaches them; the sender's side goes exactly as if they simply had not answered.
    const counted = open ?? (otherMember ? null : await requestFor(deps, tx, me, conversation, known.direct.otherId, 'blocked'));
    if (counted) await countRequestMessage(deps, tx, counted, text);
    return 'shadow';
  }
  if (!otherMember) {
    request = open ? await restore(deps, tx, conversation, open) : await requestFor(deps, tx, me, conversation, known.direct.otherId, 'pending');
    await recordJoined(deps, tx, conversation.id, known.direct.otherId);
  }
  if (request && openToSender(request, me.id, now)) await countRequestMessage(deps, tx, request, text);
  return 'normal';
}

/**
 * The other person is not in the 1:1 and no request of the sender's is open: what the send does
 * depends on who may message them, as for a new conversation. 'pending' adds them (to Requests
 * with a new, budget-checked request, or to the inbox if they follow the sender); 'blocked' makes
 * the same checks and request on the sender's side only.
 */
async function requestFor(deps: D, tx: Tx, me: UserRow, conversation: ConversationRow, otherId: string, state: 'pending' | 'blocked'): Promise<RequestRow | null> {
  const other = await tx.users.byId(otherId);
  if (!other || other.suspendedAt !== null) throw notFound();
  const verdict = await messagingVerdict(tx, me, other, metInRoomSince(deps));
  if (!verdict.allowed) throw new DomainError('cannot_message', `${other.displayName} does not accept messages from you.`);
  if (state === 'pending') {
    const now = deps.clock.now();
    await tx.members.add({ conversationId: conversation.id, userId: otherId, folder: verdict.folder, readSeq: conversation.lastSeq, muted: false, pinned: false, archived: false, addedBy: me.id, joinedAt: now });
  }
  return verdict.folder === 'requests' ? openRequest(deps, tx, me, otherId, conversation.id, { state }) : null;
}

/** A request the recipient deleted (or blocked, then unblocked) comes back to their Requests as it was. */
async function restore(deps: D, tx: Tx, conversation: ConversationRow, request: RequestRow): Promise<RequestRow> {
  const other = await tx.requests.pendingBetween(request.senderId, request.recipientId);
  if (other && other.conversationId !== conversation.id) throw new DomainError('request_pending', 'You already have a pending request to this person.', { conversationId: other.conversationId });
  await tx.members.add({ conversationId: conversation.id, userId: request.recipientId, folder: 'requests', readSeq: conversation.lastSeq, muted: false, pinned: false, archived: false, addedBy: request.senderId, joinedAt: deps.clock.now() });
  const pending: RequestRow = { ...request, state: 'pending', resolvedAt: null };
  await tx.requests.put(pending);
  return pending;
}
