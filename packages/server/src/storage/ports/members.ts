/**
 * Storage port of conversation membership. Joining and leaving also bound what the member's event
 * stream sees (member periods, docs/subsystems/delivery.md).
 */
import type { MemberPatch, MemberRow } from '../rows/members.js';

export interface MembersRepo {
  /** Adds (or re-adds) a member; their stream sees conversation events appended after this call. */
  add(member: MemberRow): Promise<void>;
  /** Removes a member; their stream sees no conversation event appended after this call. */
  remove(conversationId: string, userId: string): Promise<void>;
  get(conversationId: string, userId: string): Promise<MemberRow | null>;
  /** Every member, by joinedAt then user id. */
  list(conversationId: string): Promise<MemberRow[]>;
  /** Ids of every conversation the user is a member of now (for routing live events). */
  conversationIdsOf(userId: string): Promise<string[]>;
  update(conversationId: string, userId: string, patch: MemberPatch): Promise<void>;
}
