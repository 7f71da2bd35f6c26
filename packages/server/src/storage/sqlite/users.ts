/** SQLite side of the users port. */
import type Database from 'better-sqlite3';
import type { UserPatch, UsersRepo } from '../ports/users.js';
import type { Row } from '../rows/row.js';
import { toUser, type UserRow } from '../rows/users.js';
import { translateUnique } from './errors.js';
import { SqliteUserSearch } from './userSearch.js';
import { StatementCache } from './statements.js';

export class SqliteUsers implements UsersRepo {
  private readonly s;
  private readonly search_: SqliteUserSearch;
  private readonly dynamic: StatementCache;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.search_ = new SqliteUserSearch(db);
    this.dynamic = new StatementCache(db);
    this.s = {
      insert: p(`INSERT INTO users (id, username, username_lower, display_name, display_lower, bio, password_hash, created_at, roles, who_can_message, suspended_at)
        VALUES (@id, @username, @usernameLower, @displayName, @displayLower, @bio, @passwordHash, @createdAt, @roles, @whoCanMessage, @suspendedAt)`),
      byId: p('SELECT * FROM users WHERE id = ?'),
      byUsername: p('SELECT * FROM users WHERE username_lower = ?'),
    };
  }

  async insert(u: UserRow): Promise<void> {
    try {
      this.s.insert.run({
        ...u,
        usernameLower: u.username.toLowerCase(),
        displayLower: u.displayName.toLowerCase(),
        roles: JSON.stringify(u.roles),
      });
    } catch (err) {
      translateUnique(err);
    }
    this.search_.reindex(u.id);
  }
  async byId(id: string) {
    const r = this.s.byId.get(id) as Row | undefined;
    return r ? toUser(r) : null;
  }
  async byIds(ids: readonly string[]) {
    const out: UserRow[] = [];
    for (const id of ids) {
      const r = this.s.byId.get(id) as Row | undefined;
      if (r) out.push(toUser(r));
    }
    return out;
  }
  async byUsername(username: string) {
    const r = this.s.byUsername.get(username.toLowerCase()) as Row | undefined;
    return r ? toUser(r) : null;
  }
  async update(id: string, patch: UserPatch) {
    const sets: string[] = [];
    const vals: Record<string, unknown> = { id };
    if (patch.displayName !== undefined) {
      sets.push('display_name = @displayName', 'display_lower = @displayLower');
      vals.displayName = patch.displayName;
      vals.displayLower = patch.displayName.toLowerCase();
    }
    const simple: Array<[keyof typeof patch, string, unknown]> = [
      ['bio', 'bio', patch.bio],
      ['whoCanMessage', 'who_can_message', patch.whoCanMessage],
      ['roles', 'roles', patch.roles === undefined ? undefined : JSON.stringify(patch.roles)],
      ['suspendedAt', 'suspended_at', patch.suspendedAt],
    ];
    for (const [key, column, value] of simple) {
      if (value === undefined) continue;
      sets.push(`${column} = @${key}`);
      vals[key] = value;
    }
    if (sets.length === 0) return;
    this.dynamic.get(`UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run(vals);
    if (patch.displayName !== undefined) this.search_.reindex(id);
  }
  async search(prefix: string, limit: number) {
    return this.search_.find(prefix, limit).map(toUser);
  }
}
