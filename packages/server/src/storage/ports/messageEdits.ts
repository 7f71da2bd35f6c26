/**
 * Storage port of what changes a sent message: its reply link, edits (with the earlier versions
 * kept for moderators) and tombstones, on real messages and on a silently blocked sender's shadow
 * messages alike (their sender must be able to do everything they could do with a delivered one,
 * ADR 0006). Separate from the messages port, whose send path is tuned on its own.
 */
import type { LinkEntity } from '@backchannel/protocol';
import type { MessageVersionRow } from '../rows/messageChanges.js';
import type { MessageRow, TombstoneRow } from '../rows/messages.js';
import type { ShadowMessageRow } from '../rows/shadows.js';

export interface MessageEditsRepo {
  /** The conversation's messages with these seqs (unknown ones are left out), ascending. */
  bySeqs(conversationId: string, seqs: readonly number[]): Promise<MessageRow[]>;
  setReplyTo(conversationId: string, seq: number, replyToSeq: number): Promise<void>;
  /**
   * Keeps the message's current text as its next version (numbered from 1) and replaces it with
   * `text`, marked edited at `at`. Nothing happens to a tombstone.
   */
  edit(conversationId: string, seq: number, text: string, entities: LinkEntity[], at: number): Promise<void>;
  /** Earlier versions, oldest first. */
  versions(conversationId: string, seq: number): Promise<MessageVersionRow[]>;
  /**
   * Turns the message into a tombstone: text and entities emptied, its kept versions deleted. The
   * first tombstone stays (a second call changes nothing and returns false).
   */
  tombstone(conversationId: string, seq: number, tombstone: TombstoneRow): Promise<boolean>;

  /** A shadow message by id, only if `senderId` sent it. */
  shadowById(conversationId: string, senderId: string, id: string): Promise<ShadowMessageRow | null>;
  setShadowReplyTo(conversationId: string, id: string, replyToSeq: number): Promise<void>;
  /** A shadow's edit (its sender alone sees it, so no versions are kept). */
  editShadow(conversationId: string, id: string, text: string, entities: LinkEntity[], at: number): Promise<void>;
  tombstoneShadow(conversationId: string, id: string, tombstone: TombstoneRow): Promise<boolean>;
}
