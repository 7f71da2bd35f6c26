/** Rows of the users area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

export type WhoCanMessage = 'everyone' | 'rooms' | 'following' | 'nobody';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  passwordHash: string;
  createdAt: number;
  roles: string[];
  whoCanMessage: WhoCanMessage;
  suspendedAt: number | null;
}

export const toUser = (r: Row): UserRow => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  bio: r.bio as string,
  passwordHash: r.password_hash as string,
  createdAt: r.created_at as number,
  roles: JSON.parse(r.roles as string) as string[],
  whoCanMessage: r.who_can_message as UserRow['whoCanMessage'],
  suspendedAt: (r.suspended_at as number | null) ?? null,
});
