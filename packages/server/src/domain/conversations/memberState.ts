/** A member's own state: settings (mute, pin, archive) and the read cursor. */
import type { Conversation, SettingsBody } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentConversation } from '../present.js';
import { signalAudience } from '../visibility/audience.js';
import { latestOwnShadow, ownLastSeq } from '../visibility/shadow.js';
import { accessConversation } from '../visibility/access.js';

type D = Pick<Deps, 'store' | 'clock'>;

export async function updateSettings(deps: D, me: UserRow, conversationId: string, patch: SettingsBody): Promise<Conversation> {
  await deps.store.write(async (tx) => {
    const { member } = await accessConversation(tx, me.id, conversationId);
    const next = { muted: patch.muted ?? member.muted, pinned: patch.pinned ?? member.pinned, archived: patch.archived ?? member.archived };
    await tx.members.update(conversationId, me.id, next);
    await tx.events.append({ type: 'conversation.settings_updated', conversationId, userId: me.id, payload: { conversationId, ...next }, createdAt: deps.clock.now() });
  });
  const r = deps.store.read;
  const { conversation, member } = await accessConversation(r, me.id, conversationId);
  return presentConversation(r, conversation, member);
}

/**
 * Moves the read cursor forward (never back). Other members get a receipt; a pending request's
 * reader tells nobody but their own devices, and blocks cut receipts both ways
 * (docs/subsystems/message-requests.md).
 */
export async function markRead(deps: D, me: UserRow, conversationId: string, seq: number): Promise<void> {
  await deps.store.write(async (tx) => {
    const { conversation, member } = await accessConversation(tx, me.id, conversationId);
    // A silently blocked sender may read up to their own last shadow message (ADR 0006).
    const lastSeq = seq > conversation.lastSeq ? ownLastSeq(conversation, await latestOwnShadow(tx, conversation, me.id)) : conversation.lastSeq;
    if (seq > lastSeq) throw new DomainError('bad_request', 'That message does not exist yet.', { field: 'seq', lastSeq });
    if (seq <= member.readSeq) return;
    await tx.members.update(conversationId, me.id, { readSeq: seq });
    // 'all' → one conversation event; otherwise one user event per allowed member, plus my devices.
    const audience = await signalAudience(tx, 'receipt', conversation, member);
    const payload = { conversationId, userId: me.id, seq };
    const createdAt = deps.clock.now();
    if (audience === 'all') {
      await tx.events.append({ type: 'read.updated', conversationId, userId: null, payload, createdAt });
      return;
    }
    for (const userId of [me.id, ...audience]) await tx.events.append({ type: 'read.updated', conversationId, userId, payload, createdAt });
  });
}
