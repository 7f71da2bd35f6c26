/** Storage port of messages: the send path (one read call, one write call), history, lookups. */
import type { LinkPreview } from '@backchannel/protocol';
import type { ConversationRow } from '../rows/conversations.js';
import type { MemberRow } from '../rows/members.js';
import type { MessageRow } from '../rows/messages.js';
import type { AttachmentRow } from '../rows/uploads.js';
import type { RequestRow } from '../rows/requests.js';
import type { ShadowMessageRow } from '../rows/shadows.js';

export interface HistoryRange {
  before?: number;
  after?: number;
  limit: number;
}

/**
 * Everything a send reads before it writes, in one call (one round trip on PostgreSQL): the retry
 * lookup, the sender's access, and for a 1:1 the requests-inbox facts about the other person.
 */
export interface SendContext {
  /** The sender's message with this client id (a retry), if any. */
  original: MessageRow | null;
  /** The sender's shadow message with this client id, if any (only looked for when `original` is null). */
  shadow: ShadowMessageRow | null;
  conversation: ConversationRow | null;
  /** The sender's membership. */
  member: MemberRow | null;
  /** Set for a conversation with a 1:1 pair that includes the sender. */
  direct: DirectSendContext | null;
}

export interface DirectSendContext {
  otherId: string;
  /** The other person blocked the sender (the send becomes a shadow message). */
  blockedByOther: boolean;
  /** The sender blocked the other person. */
  blocksOther: boolean;
  otherMember: MemberRow | null;
  /** The request row addressed to the other person in this conversation. */
  requestToOther: RequestRow | null;
}

export interface MessagesRepo {
  /** The reads of a send, in one call (see SendContext). */
  sendContext(conversationId: string, senderId: string, clientMessageId: string): Promise<SendContext>;
  /**
   * `conversations.nextSeq` + `insert` in one step: takes the conversation's next seq (activity
   * time = `row.createdAt`), stores the message with it and returns the seq. With `senderRead`,
   * the sender's readSeq moves to that seq (sending implies having read what came before). Raises
   * `UniqueViolation('client_message_id')` like `insert`; like any port error inside a write, it
   * ends the write (PostgreSQL aborts the statement's transaction), which takes no seq.
   */
  append(row: Omit<MessageRow, 'seq'>, opts?: { senderRead?: boolean }): Promise<number>;
  /**
   * Raises `UniqueViolation('client_message_id')` for a sender's second message with one client id
   * in one conversation. A message id is unique within its conversation (a second one raises
   * `UniqueViolation('other')`); ids come from the id generator, so they are unique overall in
   * practice, but the schema keys them by conversation so that it distributes by conversation.
   */
  insert(row: MessageRow): Promise<void>;
  byClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRow | null>;
  bySeq(conversationId: string, seq: number): Promise<MessageRow | null>;
  /** Newest-first when `before` (or neither) is given, oldest-first when `after` is given; always returned in ascending seq. */
  history(conversationId: string, range: HistoryRange): Promise<MessageRow[]>;
  /** Any message by id (for reports and removal); access is checked by the caller. Served by the `messages_id` index. */
  locate(messageId: string): Promise<{ conversationId: string; seq: number } | null>;
  /** Replaces a message's text and entities (a moderator's tombstone). */
  replaceContent(conversationId: string, seq: number, text: string): Promise<void>;
  /** Sets a message's link previews (null: none) and whether its sender removed them. */
  setPreviews(conversationId: string, seq: number, previews: LinkPreview[] | null, removed: boolean): Promise<void>;
  /** Sets the images a message carries (in the send's write, right after `append`). */
  setAttachments(conversationId: string, seq: number, attachments: AttachmentRow[]): Promise<void>;
}
