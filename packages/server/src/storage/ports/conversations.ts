/** Storage port of conversations: the rows, their seq counter, 1:1 pairs and each member's list. */
import type { Folder } from '@backchannel/protocol';
import type { ConversationRow } from '../rows/conversations.js';
import type { MemberRow } from '../rows/members.js';

export interface ConversationListItem {
  conversation: ConversationRow;
  member: MemberRow;
}

export interface ConversationListFilter {
  folder: Folder | 'archived';
  limit: number;
  beforeActivity?: { at: number; id: string };
}

export interface ConversationsRepo {
  /** The 1:1 of the pair (either order), if any. */
  directId(userA: string, userB: string): Promise<string | null>;
  /** The two participants of a 1:1 (whether or not they are members now). */
  directPair(conversationId: string): Promise<[string, string] | null>;
  /**
   * Creates the conversation; for `direct`, `directKey` is unique (one conversation per pair):
   * a second one raises `UniqueViolation('direct_pair')` and writes nothing.
   */
  insert(row: ConversationRow, directKey: string | null): Promise<void>;
  byId(id: string): Promise<ConversationRow | null>;
  setTitle(id: string, title: string | null): Promise<void>;
  setModerator(id: string, moderatorId: string | null): Promise<void>;
  /**
   * Moves the conversation's last seq up to `atLeast` (never down), activity time unchanged: after
   * a silent block ends, real messages go on after the blocked sender's own numbering (ADR 0006).
   */
  raiseSeq(conversationId: string, atLeast: number): Promise<void>;
  /** Increments and returns the conversation's next sequence number and bumps its activity time. */
  nextSeq(conversationId: string, at: number): Promise<number>;
  /**
   * The user's conversations, newest activity first. In the inbox, the first page (no
   * `beforeActivity`) puts pinned ones first and later pages hold only unpinned ones. Activity is
   * as the user sees it: the later of the conversation's `lastActivityAt` and the user's own latest
   * shadow message there (ADR 0006); the returned rows carry that value as `lastActivityAt`, and
   * `beforeActivity` pages by it.
   */
  listFor(userId: string, filter: ConversationListFilter): Promise<ConversationListItem[]>;
}
