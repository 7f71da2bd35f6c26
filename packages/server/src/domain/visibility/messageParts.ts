/** The parts of a presented message that real and shadow messages share (domain/present.ts, visibility/shadow.ts: here, since visibility imports no other area). */
import { LIMITS, type ReplyQuote, type Tombstone } from '@backchannel/protocol';
import type { MessageRow, TombstoneRow } from '../../storage/store.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** What a reply shows of the message it quotes, as that message is now. */
export const presentQuote = (q: Pick<MessageRow, 'id' | 'seq' | 'senderId' | 'text' | 'tombstone'>): ReplyQuote => ({
  messageId: q.id,
  seq: q.seq,
  senderId: q.senderId,
  snippet: q.tombstone ? '' : [...q.text].slice(0, LIMITS.replySnippetChars).join(''),
  unavailable: Boolean(q.tombstone),
});

export const presentTombstone = (t: TombstoneRow): Tombstone => ({ by: t.by, at: iso(t.at) });

/** The reply, edit and tombstone fields of a row that has a reply link (`replyToSeq`) and `quoted` is that message. */
export function changedFields(m: Pick<MessageRow, 'replyToSeq' | 'editedAt' | 'tombstone'>, quoted: MessageRow | null): { replyTo: ReplyQuote | null; editedAt: string | null; tombstone: Tombstone | null } {
  return {
    replyTo: quoted && m.replyToSeq === quoted.seq ? presentQuote(quoted) : null,
    editedAt: m.editedAt ? iso(m.editedAt) : null,
    tombstone: m.tombstone ? presentTombstone(m.tombstone) : null,
  };
}
