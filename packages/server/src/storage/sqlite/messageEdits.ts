/** SQLite side of the message-edits port (replies, edits with versions, tombstones; shadows too). */
import type Database from 'better-sqlite3';
import type { LinkEntity } from '@backchannel/protocol';
import type { MessageEditsRepo } from '../ports/messageEdits.js';
import type { Row } from '../rows/row.js';
import { toVersion } from '../rows/messageChanges.js';
import { toMessage, type TombstoneRow } from '../rows/messages.js';
import { toShadow } from '../rows/shadows.js';

export class SqliteMessageEdits implements MessageEditsRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      bySeqs: p('SELECT m.* FROM messages m JOIN json_each(?) j ON m.seq = j.value WHERE m.conversation_id = ? ORDER BY m.seq'),
      setReplyTo: p('UPDATE messages SET reply_to_seq = ? WHERE conversation_id = ? AND seq = ?'),
      keepVersion: p(`INSERT INTO message_versions (conversation_id, seq, version, text, entities, created_at)
        SELECT conversation_id, seq, (SELECT COUNT(*) + 1 FROM message_versions v WHERE v.conversation_id = m.conversation_id AND v.seq = m.seq), text, entities, COALESCE(edited_at, created_at)
        FROM messages m WHERE conversation_id = ? AND seq = ? AND tombstone_at IS NULL`),
      edit: p('UPDATE messages SET text = ?, entities = ?, edited_at = ? WHERE conversation_id = ? AND seq = ? AND tombstone_at IS NULL'),
      versions: p('SELECT * FROM message_versions WHERE conversation_id = ? AND seq = ? ORDER BY version'),
      tombstone: p(`UPDATE messages SET text = '', entities = '[]', previews = NULL, tombstone_at = ?, tombstone_by = ? WHERE conversation_id = ? AND seq = ? AND tombstone_at IS NULL`),
      dropVersions: p('DELETE FROM message_versions WHERE conversation_id = ? AND seq = ?'),
      shadowById: p('SELECT * FROM shadow_messages WHERE conversation_id = ? AND id = ? AND sender_id = ?'),
      setShadowReplyTo: p('UPDATE shadow_messages SET reply_to_seq = ? WHERE conversation_id = ? AND id = ?'),
      editShadow: p('UPDATE shadow_messages SET text = ?, entities = ?, edited_at = ? WHERE conversation_id = ? AND id = ? AND tombstone_at IS NULL'),
      tombstoneShadow: p(`UPDATE shadow_messages SET text = '', entities = '[]', tombstone_at = ?, tombstone_by = ? WHERE conversation_id = ? AND id = ? AND tombstone_at IS NULL`),
    };
  }

  async bySeqs(conversationId: string, seqs: readonly number[]) {
    if (seqs.length === 0) return [];
    return (this.s.bySeqs.all(JSON.stringify([...new Set(seqs)]), conversationId) as Row[]).map(toMessage);
  }
  async setReplyTo(conversationId: string, seq: number, replyToSeq: number) {
    this.s.setReplyTo.run(replyToSeq, conversationId, seq);
  }
  async edit(conversationId: string, seq: number, text: string, entities: LinkEntity[], at: number) {
    this.db.transaction(() => {
      this.s.keepVersion.run(conversationId, seq);
      this.s.edit.run(text, JSON.stringify(entities), at, conversationId, seq);
    })();
  }
  async versions(conversationId: string, seq: number) {
    return (this.s.versions.all(conversationId, seq) as Row[]).map(toVersion);
  }
  async tombstone(conversationId: string, seq: number, t: TombstoneRow) {
    return this.db.transaction(() => {
      const changed = this.s.tombstone.run(t.at, t.by, conversationId, seq).changes > 0;
      if (changed) this.s.dropVersions.run(conversationId, seq);
      return changed;
    })();
  }
  async shadowById(conversationId: string, senderId: string, id: string) {
    const r = this.s.shadowById.get(conversationId, id, senderId) as Row | undefined;
    return r ? toShadow(r) : null;
  }
  async setShadowReplyTo(conversationId: string, id: string, replyToSeq: number) {
    this.s.setShadowReplyTo.run(replyToSeq, conversationId, id);
  }
  async editShadow(conversationId: string, id: string, text: string, entities: LinkEntity[], at: number) {
    this.s.editShadow.run(text, JSON.stringify(entities), at, conversationId, id);
  }
  async tombstoneShadow(conversationId: string, id: string, t: TombstoneRow) {
    return this.s.tombstoneShadow.run(t.at, t.by, conversationId, id).changes > 0;
  }
}
