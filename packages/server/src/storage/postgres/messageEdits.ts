/** PostgreSQL side of the message-edits port (replies, edits with versions, tombstones; shadows too). */
import type { LinkEntity } from '@backchannel/protocol';
import type { MessageEditsRepo } from '../ports/messageEdits.js';
import { toVersion } from '../rows/messageChanges.js';
import { toMessage, type TombstoneRow } from '../rows/messages.js';
import { toShadow } from '../rows/shadows.js';
import type { PgHandle } from './handle.js';

export class PgMessageEdits implements MessageEditsRepo {
  constructor(private readonly h: PgHandle) {}

  async bySeqs(conversationId: string, seqs: readonly number[]) {
    if (seqs.length === 0) return [];
    return (await this.h.q('SELECT * FROM messages WHERE conversation_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq', [conversationId, [...new Set(seqs)]])).map(toMessage);
  }
  async setReplyTo(conversationId: string, seq: number, replyToSeq: number) {
    await this.h.q('UPDATE messages SET reply_to_seq = $3 WHERE conversation_id = $1 AND seq = $2', [conversationId, seq, replyToSeq]);
  }
  async edit(conversationId: string, seq: number, text: string, entities: LinkEntity[], at: number) {
    // One statement: the version is taken from the row as it was before this UPDATE.
    await this.h.q(
      `WITH old AS (
         SELECT conversation_id, seq, text, entities, COALESCE(edited_at, created_at) AS at FROM messages
         WHERE conversation_id = $1 AND seq = $2 AND tombstone_at IS NULL FOR UPDATE
       ), kept AS (
         INSERT INTO message_versions (conversation_id, seq, version, text, entities, created_at)
         SELECT o.conversation_id, o.seq, (SELECT COUNT(*) + 1 FROM message_versions v WHERE v.conversation_id = o.conversation_id AND v.seq = o.seq), o.text, o.entities, o.at FROM old o
       )
       UPDATE messages m SET text = $3, entities = $4, edited_at = $5 FROM old WHERE m.conversation_id = old.conversation_id AND m.seq = old.seq`,
      [conversationId, seq, text, JSON.stringify(entities), at],
    );
  }
  async versions(conversationId: string, seq: number) {
    return (await this.h.q('SELECT * FROM message_versions WHERE conversation_id = $1 AND seq = $2 ORDER BY version', [conversationId, seq])).map(toVersion);
  }
  async tombstone(conversationId: string, seq: number, t: TombstoneRow) {
    const rows = await this.h.q(
      `WITH done AS (
         UPDATE messages SET text = '', entities = '[]', previews = NULL, tombstone_at = $3, tombstone_by = $4
         WHERE conversation_id = $1 AND seq = $2 AND tombstone_at IS NULL RETURNING seq
       ), dropped AS (
         DELETE FROM message_versions WHERE conversation_id = $1 AND seq IN (SELECT seq FROM done)
       )
       SELECT COUNT(*)::int AS n FROM done`,
      [conversationId, seq, t.at, t.by],
    );
    return (rows[0]?.n as number) > 0;
  }
  async shadowById(conversationId: string, senderId: string, id: string) {
    const r = await this.h.one('SELECT * FROM shadow_messages WHERE conversation_id = $1 AND id = $2 AND sender_id = $3', [conversationId, id, senderId]);
    return r ? toShadow(r) : null;
  }
  async setShadowReplyTo(conversationId: string, id: string, replyToSeq: number) {
    await this.h.q('UPDATE shadow_messages SET reply_to_seq = $3 WHERE conversation_id = $1 AND id = $2', [conversationId, id, replyToSeq]);
  }
  async editShadow(conversationId: string, id: string, text: string, entities: LinkEntity[], at: number) {
    await this.h.q('UPDATE shadow_messages SET text = $3, entities = $4, edited_at = $5 WHERE conversation_id = $1 AND id = $2 AND tombstone_at IS NULL', [conversationId, id, text, JSON.stringify(entities), at]);
  }
  async tombstoneShadow(conversationId: string, id: string, t: TombstoneRow) {
    const rows = await this.h.q(
      `UPDATE shadow_messages SET text = '', entities = '[]', tombstone_at = $3, tombstone_by = $4 WHERE conversation_id = $1 AND id = $2 AND tombstone_at IS NULL RETURNING id`,
      [conversationId, id, t.at, t.by],
    );
    return rows.length > 0;
  }
}
