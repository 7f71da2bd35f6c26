/** SQLite side of the messages port. */
import type Database from 'better-sqlite3';
import type { LinkPreview } from '@backchannel/protocol';
import type { HistoryRange, MessagesRepo } from '../ports/messages.js';
import type { Row } from '../rows/row.js';
import { toMessage, type MessageRow } from '../rows/messages.js';
import type { AttachmentRow } from '../rows/uploads.js';
import { translateUnique } from './errors.js';
import { composeSendContext, type SendContextReads } from './sendContext.js';

export class SqliteMessages implements MessagesRepo {
  private readonly s;

  /** `tx` is the composed transaction this repo belongs to: `sendContext` reads through its other areas. */
  constructor(db: Database.Database, private readonly tx: () => SendContextReads) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      nextSeq: p('UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq'),
      insert: p(`INSERT INTO messages (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at)
        VALUES (@conversationId, @seq, @id, @senderId, @clientMessageId, @kind, @text, @entities, @system, @createdAt)`),
      markRead: p('UPDATE members SET read_seq = ? WHERE conversation_id = ? AND user_id = ?'),
      byClientId: p('SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?'),
      bySeq: p('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?'),
      historyBefore: p('SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?'),
      historyAfter: p('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?'),
      locate: p('SELECT conversation_id, seq FROM messages WHERE id = ?'),
      replaceContent: p("UPDATE messages SET text = ?, entities = '[]', previews = NULL WHERE conversation_id = ? AND seq = ?"),
      setPreviews: p('UPDATE messages SET previews = ?, previews_removed = ? WHERE conversation_id = ? AND seq = ?'),
      setAttachments: p('UPDATE messages SET attachments = ? WHERE conversation_id = ? AND seq = ?'),
    };
  }

  async sendContext(conversationId: string, senderId: string, clientMessageId: string) {
    return composeSendContext(this.tx(), conversationId, senderId, clientMessageId);
  }
  async append(row: Omit<MessageRow, 'seq'>, opts: { senderRead?: boolean } = {}) {
    const r = this.s.nextSeq.get(row.createdAt, row.conversationId) as { last_seq: number } | undefined;
    if (!r) throw new Error(`nextSeq: no conversation ${row.conversationId}`);
    const seq = r.last_seq;
    this.insertRow({ ...row, seq });
    if (opts.senderRead) this.s.markRead.run(seq, row.conversationId, row.senderId);
    return seq;
  }
  async insert(m: MessageRow) {
    this.insertRow(m);
  }
  private insertRow(m: MessageRow): void {
    try {
      this.s.insert.run({ ...m, entities: JSON.stringify(m.entities), system: m.system ? JSON.stringify(m.system) : null });
    } catch (err) {
      translateUnique(err);
    }
  }
  async byClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = this.s.byClientId.get(conversationId, senderId, clientMessageId) as Row | undefined;
    return r ? toMessage(r) : null;
  }
  async bySeq(conversationId: string, seq: number) {
    const r = this.s.bySeq.get(conversationId, seq) as Row | undefined;
    return r ? toMessage(r) : null;
  }
  async history(conversationId: string, range: HistoryRange) {
    if (range.after !== undefined) return (this.s.historyAfter.all(conversationId, range.after, range.limit) as Row[]).map(toMessage);
    const before = range.before ?? Number.MAX_SAFE_INTEGER;
    return (this.s.historyBefore.all(conversationId, before, range.limit) as Row[]).map(toMessage).reverse();
  }
  async locate(messageId: string) {
    const r = this.s.locate.get(messageId) as Row | undefined;
    return r ? { conversationId: r.conversation_id as string, seq: r.seq as number } : null;
  }
  async replaceContent(conversationId: string, seq: number, text: string) {
    this.s.replaceContent.run(text, conversationId, seq);
  }
  async setAttachments(conversationId: string, seq: number, attachments: AttachmentRow[]) {
    this.s.setAttachments.run(JSON.stringify(attachments), conversationId, seq);
  }
  async setPreviews(conversationId: string, seq: number, previews: LinkPreview[] | null, removed: boolean) {
    this.s.setPreviews.run(previews ? JSON.stringify(previews) : null, removed ? 1 : 0, conversationId, seq);
  }
}
