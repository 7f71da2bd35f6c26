/** Storage port of the users area: accounts, profiles and people search (storage/searchTerms.ts). */
import type { UserRow } from '../rows/users.js';

export type UserPatch = Partial<Pick<UserRow, 'displayName' | 'bio' | 'whoCanMessage' | 'roles' | 'suspendedAt'>>;

export interface UsersRepo {
  /** Raises `UniqueViolation('username')` when the username (case-insensitively) is taken. */
  insert(user: UserRow): Promise<void>;
  byId(id: string): Promise<UserRow | null>;
  /** The users that exist, in the order of `ids`. */
  byIds(ids: readonly string[]): Promise<UserRow[]>;
  /** Case-insensitive. */
  byUsername(username: string): Promise<UserRow | null>;
  update(id: string, patch: UserPatch): Promise<void>;
  /** People whose username, display name or a word of either starts with `prefix`, by username. */
  search(prefix: string, limit: number): Promise<UserRow[]>;
}
