/** PostgreSQL side of the users port. */
import type { UserPatch, UsersRepo } from '../ports/users.js';
import { toUser, type UserRow } from '../rows/users.js';
import type { PgHandle } from './handle.js';
import { PgUserSearch } from './userSearch.js';

export class PgUsers implements UsersRepo {
  private readonly search_: PgUserSearch;

  constructor(private readonly h: PgHandle) {
    this.search_ = new PgUserSearch((sql, params) => h.q(sql, params));
  }

  async insert(u: UserRow) {
    await this.h.q(
      `INSERT INTO users (id, username, username_lower, display_name, display_lower, bio, password_hash, created_at, roles, who_can_message, suspended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [u.id, u.username, u.username.toLowerCase(), u.displayName, u.displayName.toLowerCase(), u.bio, u.passwordHash, u.createdAt, JSON.stringify(u.roles), u.whoCanMessage, u.suspendedAt],
    );
    await this.search_.reindex(u.id, u.username.toLowerCase(), u.displayName.toLowerCase());
  }
  async byId(id: string) {
    const r = await this.h.one('SELECT * FROM users WHERE id = $1', [id]);
    return r ? toUser(r) : null;
  }
  async byIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const byId = new Map((await this.h.q('SELECT * FROM users WHERE id = ANY($1::text[])', [ids])).map((r) => [r.id as string, toUser(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
  async byUsername(username: string) {
    const r = await this.h.one('SELECT * FROM users WHERE username_lower = $1', [username.toLowerCase()]);
    return r ? toUser(r) : null;
  }
  async update(id: string, patch: UserPatch) {
    const sets: string[] = [];
    const vals: unknown[] = [id];
    const set = (col: string, v: unknown) => (vals.push(v), sets.push(`${col} = $${vals.length}`));
    if (patch.displayName !== undefined) {
      set('display_name', patch.displayName);
      set('display_lower', patch.displayName.toLowerCase());
    }
    if (patch.bio !== undefined) set('bio', patch.bio);
    if (patch.whoCanMessage !== undefined) set('who_can_message', patch.whoCanMessage);
    if (patch.roles !== undefined) set('roles', JSON.stringify(patch.roles));
    if (patch.suspendedAt !== undefined) set('suspended_at', patch.suspendedAt);
    if (sets.length === 0) return;
    const [names] = await this.h.q(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING username_lower, display_lower`, vals);
    if (names && patch.displayName !== undefined) await this.search_.reindex(id, names.username_lower as string, names.display_lower as string);
  }
  async search(prefix: string, limit: number) {
    return (await this.search_.find(prefix, limit)).map(toUser);
  }
}
