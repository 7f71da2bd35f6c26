/** PostgreSQL side of the messages port: the send path is two prepared statements (sendSql.ts). */
import type { LinkPreview } from '@backchannel/protocol';
import type { HistoryRange, MessagesRepo } from '../ports/messages.js';
import { toMessage, type MessageRow } from '../rows/messages.js';
import type { AttachmentRow } from '../rows/uploads.js';
import type { PgHandle } from './handle.js';
import { APPEND_MESSAGE, SEND_CONTEXT, toSendContext } from './sendSql.js';

export class PgMessages implements MessagesRepo {
  constructor(private readonly h: PgHandle) {}

  async sendContext(conversationId: string, senderId: string, clientMessageId: string) {
    return toSendContext((await this.h.hot(SEND_CONTEXT, [conversationId, senderId, clientMessageId]))!);
  }
  async append(m: Omit<MessageRow, 'seq'>, opts: { senderRead?: boolean } = {}) {
    const r = await this.h.hot(APPEND_MESSAGE, [
      m.conversationId, m.id, m.senderId, m.clientMessageId, m.kind, m.text, JSON.stringify(m.entities), m.system ? JSON.stringify(m.system) : null, m.createdAt, opts.senderRead ?? false,
    ]);
    if (!r) throw new Error(`appendMessage: no conversation ${m.conversationId}`);
    return r.seq as number;
  }
  async insert(m: MessageRow) {
    await this.h.q(
      `INSERT INTO messages (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [m.conversationId, m.seq, m.id, m.senderId, m.clientMessageId, m.kind, m.text, JSON.stringify(m.entities), m.system ? JSON.stringify(m.system) : null, m.createdAt],
    );
  }
  async byClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = await this.h.one('SELECT * FROM messages WHERE conversation_id = $1 AND sender_id = $2 AND client_message_id = $3', [conversationId, senderId, clientMessageId]);
    return r ? toMessage(r) : null;
  }
  async bySeq(conversationId: string, seq: number) {
    const r = await this.h.one('SELECT * FROM messages WHERE conversation_id = $1 AND seq = $2', [conversationId, seq]);
    return r ? toMessage(r) : null;
  }
  async history(conversationId: string, range: HistoryRange) {
    if (range.after !== undefined) {
      return (await this.h.q('SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [conversationId, range.after, range.limit])).map(toMessage);
    }
    const before = range.before ?? Number.MAX_SAFE_INTEGER;
    const rows = await this.h.q('SELECT * FROM messages WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3', [conversationId, before, range.limit]);
    return rows.map(toMessage).reverse();
  }
  async locate(messageId: string) {
    const r = (await this.h.q('SELECT conversation_id, seq FROM messages WHERE id = $1', [messageId]))[0];
    return r ? { conversationId: r.conversation_id as string, seq: Number(r.seq) } : null;
  }
  async replaceContent(conversationId: string, seq: number, text: string) {
    await this.h.q("UPDATE messages SET text = $1, entities = '[]', previews = NULL WHERE conversation_id = $2 AND seq = $3", [text, conversationId, seq]);
  }
  async setAttachments(conversationId: string, seq: number, attachments: AttachmentRow[]) {
    await this.h.q('UPDATE messages SET attachments = $1 WHERE conversation_id = $2 AND seq = $3', [JSON.stringify(attachments), conversationId, seq]);
  }
  async setPreviews(conversationId: string, seq: number, previews: LinkPreview[] | null, removed: boolean) {
    await this.h.q('UPDATE messages SET previews = $1, previews_removed = $2 WHERE conversation_id = $3 AND seq = $4', [previews ? JSON.stringify(previews) : null, removed, conversationId, seq]);
  }
}
