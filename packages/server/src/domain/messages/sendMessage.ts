/**
 * Sending a message: the write path of the delivery contract (docs/subsystems/delivery.md).
 * - Idempotent by (conversation, sender, clientMessageId): a retry returns the original message,
 *   even if its body differs, even after a restart or on another node.
 * - The seq comes from the conversation row inside the transaction; the event is recorded in the
 *   same transaction and published only after COMMIT; the caller is answered only after COMMIT.
 */
import type { Message, SendMessageBody } from '@backchannel/protocol';
import { UniqueViolation, type AttachmentRow, type MessageRow, type Tx, type UserRow } from '../../storage/store.js';
import { DomainError, notFound } from '../errors.js';
import { previewsAllowed } from './previews.js';
import type { Deps } from '../deps.js';
import { presentMessage, presentRows } from '../present.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { LINK_PREVIEW_KIND, LINK_PREVIEW_MAX_ATTEMPTS, linkPreviewJobKey } from '../../jobs/linkPreviewKind.js';
import { cleanMessageText, detectLinks } from '../text.js';
import { accessFromRows, accessMessage } from '../visibility/access.js';
import { gateSend } from '../requests/gateSend.js';
import { presentShadows, recordShadowMessage } from '../visibility/shadow.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

export interface SendResult {
  message: Message;
  /** False when this was a retry answered with the original message. */
  created: boolean;
}

export async function sendMessage(deps: D, me: UserRow, conversationId: string, input: SendMessageBody): Promise<SendResult> {
  const write = () =>
    deps.store.write(async (tx): Promise<SendResult> => {
      // Every read of the send in one call (one round trip on PostgreSQL).
      const ctx = await tx.messages.sendContext(conversationId, me.id, input.clientMessageId);
      if (ctx.original || ctx.shadow) {
        // Access is still checked: a former member cannot read by replaying an old id.
        accessFromRows(ctx.member, ctx.conversation);
        const message = ctx.original ? (await presentRows(tx, me.id, conversationId, [ctx.original]))[0]! : (await presentShadows(tx, conversationId, [ctx.shadow!]))[0]!;
        return { message, created: false };
      }
      const images = input.attachments ?? [];
      // With images the text is an optional caption.
      const text = images.length > 0 && input.text.trim() === '' ? '' : cleanMessageText(input.text);
      const { conversation, member } = accessFromRows(ctx.member, ctx.conversation);
      const quoted = input.replyToId === undefined ? null : await replyTarget(tx, me, conversationId, input.replyToId);
      const now = deps.clock.now();
      // Requests-inbox rules: blocks, re-adding a 1:1's other person, pending-request caps (gateSend.ts).
      if ((await gateSend(deps, tx, me, conversation, { member, direct: ctx.direct }, text)) === 'shadow') {
        return { message: await recordShadowMessage(deps, tx, me, conversation, input.clientMessageId, text, quoted), created: true };
      }
      const attachments = await takeUploads(tx, me, conversationId, images);
      const draft = { id: deps.ids.id(), conversationId, senderId: me.id, clientMessageId: input.clientMessageId, kind: 'text' as const, text, entities: detectLinks(text), system: null, createdAt: now };
      // Seq + message in one step; sending implies having read everything before it.
      const seq = await tx.messages.append(draft, { senderRead: true });
      if (attachments.length > 0) {
        await tx.messages.setAttachments(conversationId, seq, attachments);
        await tx.uploads.attach(images, conversationId, draft.id);
      }
      if (quoted) await tx.messageEdits.setReplyTo(conversationId, seq, quoted.seq);
      const message = presentMessage({ ...draft, seq, replyToSeq: quoted?.seq ?? null, ...(attachments.length > 0 ? { attachments } : {}) }, quoted);
      await tx.events.append({ type: 'message.created', conversationId, userId: null, payload: { message }, createdAt: now });
      // The preview is fetched after COMMIT by the jobs runner, never here (jobs/linkPreview.ts).
      if (deps.limits.linkPreviews && draft.entities.length > 0) {
        await enqueueJob(tx, deps, { kind: LINK_PREVIEW_KIND, maxAttempts: LINK_PREVIEW_MAX_ATTEMPTS }, linkPreviewJobKey(draft.id), { conversationId, seq, messageId: draft.id });
      }
      return { message, created: true };
    }, { key: conversationId });
  try {
    return await write();
  } catch (err) {
    // Another node committed the same clientMessageId first: answer with its message.
    if (err instanceof UniqueViolation && err.key === 'client_message_id') return write();
    throw err;
  }
}

/**
 * The uploads a send names: each must be the sender's and not sent yet (anything else is the same
 * `not_found`, so ids of others' uploads cannot be probed). No images while anyone in the
 * conversation still has it in Requests: a stranger's first messages stay text-only.
 */
async function takeUploads(tx: Tx, me: UserRow, conversationId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  const rows: AttachmentRow[] = [];
  for (const id of ids) {
    const u = await tx.uploads.byId(id);
    if (!u || u.ownerId !== me.id || u.messageId !== null) throw notFound('upload');
    rows.push({ id: u.id, kind: u.kind, contentType: u.contentType, width: u.width, height: u.height, size: u.size, placeholder: u.placeholder });
  }
  if (!(await previewsAllowed(tx, conversationId))) throw new DomainError('forbidden', 'Images can be sent once the request is accepted.', { field: 'attachments' });
  return rows;
}

/**
 * The message a reply quotes: one of this conversation that the sender may see (anything else is
 * `not_found('message')`, as a probe for ids must find nothing), not a system message, not unsent.
 */
async function replyTarget(tx: Tx, me: UserRow, conversationId: string, messageId: string): Promise<MessageRow> {
  const { message } = await accessMessage(tx, me.id, messageId, conversationId);
  if (message.kind === 'system') throw new DomainError('bad_request', 'A reply quotes a message, not a system note.', { field: 'replyToId' });
  if (message.tombstone) throw new DomainError('conflict', 'The message was unsent or removed.', { field: 'replyToId' });
  return message;
}
