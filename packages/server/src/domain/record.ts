/**
 * Helpers that record a conversation's changes and their events in the same transaction (the
 * outbox). Events leave only after COMMIT, through the relay. Shared by domain/conversations and
 * domain/requests (which must not import each other, .dependency-cruiser.cjs).
 */
import type { SystemEvent } from '@backchannel/protocol';
import type { ConversationRow, MessageRow, Tx } from '../storage/store.js';
import type { Deps } from './deps.js';
import { memberPreview } from './visibility/listed.js';
import { presentConversation, presentMessage, presentUserSummary } from './present.js';

type D = Pick<Deps, 'clock' | 'ids'>;
/** The recorders below only stamp the time. */
type C = Pick<Deps, 'clock'>;

/** Appends a system message ("Ada renamed the group") with the next seq and its event. */
export async function recordSystemMessage(deps: D, tx: Tx, conversationId: string, system: SystemEvent): Promise<MessageRow> {
  const now = deps.clock.now();
  const seq = await tx.conversations.nextSeq(conversationId, now);
  const row: MessageRow = { id: deps.ids.id(), conversationId, seq, senderId: system.actorId, clientMessageId: null, kind: 'system', text: '', entities: [], system, createdAt: now };
  await tx.messages.insert(row);
  await tx.events.append({ type: 'message.created', conversationId, userId: null, payload: { message: presentMessage(row) }, createdAt: now });
  return row;
}

/** Tells one user they gained access, with the conversation as they see it. */
export async function recordJoined(deps: C, tx: Tx, conversationId: string, userId: string): Promise<void> {
  const conversation = (await tx.conversations.byId(conversationId))!;
  const member = (await tx.members.get(conversationId, userId))!;
  await tx.events.append({ type: 'conversation.joined', conversationId, userId, payload: { conversation: await presentConversation(tx, conversation, member) }, createdAt: deps.clock.now() });
}

/**
 * Tells every current member the shared facts changed (title, moderator, who is in it). Carries
 * the header's few people and the count, not the member list: the same size with 3 members or
 * 1,000, so adding N people one by one costs O(N), not O(N²) (docs/architecture.md, "Visibility").
 */
export async function recordUpdated(deps: C, tx: Tx, c: ConversationRow): Promise<void> {
  const preview = await memberPreview(tx, c);
  await tx.events.append({
    type: 'conversation.updated',
    conversationId: c.id,
    userId: null,
    payload: { conversationId: c.id, title: c.title, moderatorId: c.moderatorId, members: preview.users.map(presentUserSummary), memberCount: preview.count },
    createdAt: deps.clock.now(),
  });
}

/** `readOnly`: a backstage the person keeps reading up to here (domain/rooms/backstage.ts). */
export async function recordLeft(deps: C, tx: Tx, conversationId: string, userId: string, opts: { readOnly?: true } = {}): Promise<void> {
  await tx.events.append({ type: 'conversation.left', conversationId, userId, payload: { conversationId, ...opts }, createdAt: deps.clock.now() });
}
