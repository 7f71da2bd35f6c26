/**
 * Storage port of conversation membership. Joining and leaving also bound what the member's event
 * stream sees (member periods, docs/subsystems/delivery.md).
 */
import type { MemberPatch, MemberRow } from '../rows/members.js';

/** A place in a conversation's member order (the last row of the previous page). */
export interface MemberPosition {
  joinedAt: number;
  userId: string;
}

export interface MembersRepo {
  /** Adds (or re-adds) a member; their stream sees conversation events appended after this call. */
  add(member: MemberRow): Promise<void>;
  /** Removes a member; their stream sees no conversation event appended after this call. */
  remove(conversationId: string, userId: string): Promise<void>;
  get(conversationId: string, userId: string): Promise<MemberRow | null>;
  /** Every member, by joinedAt then user id. */
  list(conversationId: string): Promise<MemberRow[]>;
  /** Up to `limit` members after `after` in the order of `list` (joinedAt, then user id). */
  page(conversationId: string, opts: { after?: MemberPosition; limit: number }): Promise<MemberRow[]>;
  count(conversationId: string): Promise<number>;
  /**
   * People the conversation lists (members and ghost members) whom `blockerId` blocked. Walks the
   * blocker's blocks, not the member list (domain/visibility/blocks.ts).
   */
  listedBlockedBy(conversationId: string, blockerId: string): Promise<string[]>;
  /** Members other than `userId` with a block with `userId` in either direction (domain/visibility/audience.ts). */
  withBlock(conversationId: string, userId: string): Promise<string[]>;
  /** Ids of every conversation the user is a member of now (for routing live events). */
  conversationIdsOf(userId: string): Promise<string[]>;
  update(conversationId: string, userId: string, patch: MemberPatch): Promise<void>;
}
