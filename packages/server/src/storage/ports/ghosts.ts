/**
 * Storage port of ghost members: people a group lists who are not in it (silent blocks and refused
 * group requests, docs/subsystems/message-requests.md, "One rule for the sender").
 */
import type { GhostMemberRow } from '../rows/ghosts.js';
import type { MemberPosition } from './members.js';

export interface GhostsRepo {
  /** Inserts, or replaces the row of the same (conversation, user). */
  put(row: GhostMemberRow): Promise<void>;
  get(conversationId: string, userId: string): Promise<GhostMemberRow | null>;
  /** The group's ghost members, by joinedAt then user id. */
  list(conversationId: string): Promise<GhostMemberRow[]>;
  /** Up to `limit` ghost members after `after` in the order of `list`. */
  page(conversationId: string, opts: { after?: MemberPosition; limit: number }): Promise<GhostMemberRow[]>;
  count(conversationId: string): Promise<number>;
  /** False when there was none. */
  remove(conversationId: string, userId: string): Promise<boolean>;
  /** Removes ghost members with expiresAt <= `now`; returns how many. */
  removeExpired(now: number): Promise<number>;
}
