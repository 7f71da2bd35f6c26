/**
 * Silent block (ADR 0005, ADR 0006): a blocked sender's message is stored for its sender only,
 * consumes no conversation seq and reaches nobody else. The sender sees it like any sent message:
 * the same ack, a `message.created` event on their own devices, and in their history, numbered in
 * the sender's own view (last + 1), with the preview, activity time and order that go with it.
 * When the block ends, the conversation's real seq moves past that numbering (`endShadowRun`).
 */
import type { Message } from '@backchannel/protocol';
import type { ConversationRow, DirectSendContext, MessageRow, Tx, UserRow } from '../../storage/store.js';
import { changedFields } from './messageParts.js';
import type { ShadowMessageRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { detectLinks } from '../text.js';

/** `quoted`: the real message it replies to, when it does (as for presentMessage). */
export const presentShadow = (s: ShadowMessageRow, quoted: MessageRow | null = null): Message => ({
  id: s.id,
  conversationId: s.conversationId,
  seq: s.afterSeq,
  senderId: s.senderId,
  clientMessageId: s.clientMessageId,
  kind: 'text',
  text: s.text,
  entities: s.entities,
  system: null,
  createdAt: new Date(s.createdAt).toISOString(),
  ...changedFields(s, quoted),
  reactions: [],
});

/** Shadow messages with the real messages they quote, in one read. */
export async function presentShadows(repo: Tx, conversationId: string, rows: readonly ShadowMessageRow[]): Promise<Message[]> {
  const seqs = rows.flatMap((s) => (s.replyToSeq != null ? [s.replyToSeq] : []));
  const quoted = new Map((await repo.messageEdits.bySeqs(conversationId, seqs)).map((m) => [m.seq, m]));
  return rows.map((s) => presentShadow(s, s.replyToSeq != null ? (quoted.get(s.replyToSeq) ?? null) : null));
}

/**
 * Whether a write into a 1:1 is shadowed: the other person blocked the writer. Groups never
 * shadow (a hidden message would be a gap for the others, ADR 0005); the requests rules on the
 * sender's side still run as if the other person simply had not answered (requests/gateSend.ts).
 */
export const isShadowedWrite = (direct: Pick<DirectSendContext, 'blockedByOther'> | null): boolean => direct?.blockedByOther === true;

/** The viewer's own latest shadow message in a 1:1, if any. */
export async function latestOwnShadow(repo: Tx, c: Pick<ConversationRow, 'id' | 'kind'>, viewerId: string): Promise<ShadowMessageRow | null> {
  if (c.kind !== 'direct') return null;
  return (await repo.shadows.before(c.id, viewerId, Number.MAX_SAFE_INTEGER, 1))[0] ?? null;
}

/** The last seq of the conversation as this viewer sees it (their own shadows included). */
export const ownLastSeq = (c: ConversationRow, latest: ShadowMessageRow | null): number => Math.max(c.lastSeq, latest?.afterSeq ?? 0);

export async function recordShadowMessage(deps: Pick<Deps, 'clock' | 'ids'>, tx: Tx, me: UserRow, c: ConversationRow, clientMessageId: string, text: string, quoted: MessageRow | null = null): Promise<Message> {
  const now = deps.clock.now();
  // Numbered as if it had been delivered: one after whatever the sender last saw or sent.
  const seq = ownLastSeq(c, await latestOwnShadow(tx, c, me.id)) + 1;
  const row: ShadowMessageRow = { id: deps.ids.id(), conversationId: c.id, senderId: me.id, afterSeq: seq, clientMessageId, text, entities: detectLinks(text), createdAt: now };
  await tx.shadows.insert(row);
  if (quoted) {
    await tx.messageEdits.setShadowReplyTo(c.id, row.id, quoted.seq);
    row.replyToSeq = quoted.seq;
  }
  // Sending implies having read everything before it, as for a real send.
  await tx.members.update(c.id, me.id, { readSeq: seq });
  const message = presentShadow(row, quoted);
  // Addressed to the sender alone: the router and streamAfter deliver it to no one else.
  await tx.events.append({ type: 'message.created', conversationId: c.id, userId: me.id, payload: { message }, createdAt: now });
  return message;
}

/**
 * A block between these two people ended: the 1:1's real seq moves past the blocked person's own
 * numbering, so the next real message is last + 1 for both of them and collides with nothing. The
 * blocker, who never saw those seqs, has them counted as read if they were caught up.
 */
export async function endShadowRun(tx: Tx, blockerId: string, blockedId: string): Promise<void> {
  const id = await tx.conversations.directId(blockerId, blockedId);
  const c = id ? await tx.conversations.byId(id) : null;
  if (!c) return;
  const latest = await latestOwnShadow(tx, c, blockedId);
  if (!latest || latest.afterSeq <= c.lastSeq) return;
  await tx.conversations.raiseSeq(c.id, latest.afterSeq);
  const blocker = await tx.members.get(c.id, blockerId);
  if (blocker && blocker.readSeq >= c.lastSeq) await tx.members.update(c.id, blockerId, { readSeq: latest.afterSeq });
}
