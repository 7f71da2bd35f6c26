/**
 * Reactions: one emoji per reaction, set or taken back (the same body twice changes nothing),
 * capped per message (distinct emoji) and per person (their reactions on one message). Who learns
 * of a reaction is visibility/audience.ts's `reaction` rule: every other member, except anyone
 * with a block with the reactor either way (they never see it, live or in history). Someone
 * reading a pending request cannot react (the sender must not learn it was opened).
 */
import { LIMITS, type Reaction } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentRows } from '../present.js';
import { signalAudience } from '../visibility/audience.js';
import { accessMessage } from '../visibility/access.js';

// Built at run time: the `v` flag (Unicode sets, for RGI_Emoji) is newer than the compile target.
const ONE_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

/** Exactly one emoji (RGI: with its skin tone, ZWJ sequence or flag), nothing else. */
export function cleanEmoji(raw: string): string {
  const e = raw.normalize('NFC');
  if (!ONE_EMOJI.test(e)) throw new DomainError('bad_request', 'A reaction is exactly one emoji.', { field: 'emoji' });
  return e;
}

export async function reactToMessage(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, conversationId: string, messageId: string, input: { emoji: string; reacted: boolean }): Promise<Reaction[]> {
  const emoji = cleanEmoji(input.emoji);
  return deps.store.write(async (tx) => {
    const { conversation, member, message } = await accessMessage(tx, me.id, messageId, conversationId);
    if (message.kind === 'system') throw new DomainError('forbidden', 'System messages take no reactions.');
    if (message.tombstone) throw new DomainError('conflict', 'The message was unsent or removed.');
    if (member.folder === 'requests') throw new DomainError('forbidden', 'Accept the request to react.');
    const held = await tx.reactions.of(conversationId, [message.seq]);
    if (input.reacted && !held.some((r) => r.userId === me.id && r.emoji === emoji)) {
      if (!held.some((r) => r.emoji === emoji) && new Set(held.map((r) => r.emoji)).size >= LIMITS.reactionEmojiPerMessage) {
        throw new DomainError('too_large', `A message takes at most ${LIMITS.reactionEmojiPerMessage} different emoji.`, { field: 'emoji', max: LIMITS.reactionEmojiPerMessage });
      }
      if (held.filter((r) => r.userId === me.id).length >= LIMITS.reactionsPerUserPerMessage) {
        throw new DomainError('too_large', `You can put at most ${LIMITS.reactionsPerUserPerMessage} reactions on one message.`, { field: 'emoji', max: LIMITS.reactionsPerUserPerMessage });
      }
    }
    const now = deps.clock.now();
    const changed = input.reacted
      ? await tx.reactions.add({ conversationId, seq: message.seq, userId: me.id, emoji, createdAt: now })
      : await tx.reactions.remove(conversationId, message.seq, me.id, emoji);
    if (changed) {
      const payload = { conversationId, messageId: message.id, seq: message.seq, userId: me.id, emoji, reacted: input.reacted };
      const audience = await signalAudience(tx, 'reaction', conversation, member);
      // 'all': one conversation event; else each allowed member, and the reactor's own devices.
      const to = audience === 'all' ? [null] : [me.id, ...audience];
      for (const userId of to) await tx.events.append({ type: 'message.reaction', conversationId, userId, payload, createdAt: now });
    }
    const row = (await tx.messages.bySeq(conversationId, message.seq))!;
    return (await presentRows(tx, me.id, conversationId, [row]))[0]!.reactions;
  }, { key: conversationId });
}
