#!/usr/bin/env node
/**
 * Operator commands: `npm run admin -- <command>`.
 *   invite [count]                 create invite codes (for BACKCHANNEL_SIGNUP_MODE=invite)
 *   grant-role <username> <role>   e.g. operator (moderation queue)
 *   revoke-role <username> <role>
 * Uses the same config (env / BACKCHANNEL_CONFIG) and storage as the server.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/config.js';
import { openStore } from '../storage/open.js';
import type { Store } from '../storage/store.js';

type Command = (store: Store, args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  async invite(store, [count = '1']) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error('count must be 1..1000');
    for (let i = 0; i < n; i++) {
      const code = randomBytes(9).toString('base64url');
      await store.write((tx) => tx.invites.insert(code, Date.now()));
      console.log(code);
    }
  },
  async 'grant-role'(store, [username, role]) {
    await changeRole(store, username, role, true);
  },
  async 'revoke-role'(store, [username, role]) {
    await changeRole(store, username, role, false);
  },
};

async function changeRole(store: Store, username: string | undefined, role: string | undefined, on: boolean): Promise<void> {
  if (!username || !role || !/^[a-z_]{1,32}$/.test(role)) throw new Error('usage: grant-role|revoke-role <username> <role>');
  const user = await store.read.users.byUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  const roles = on ? [...new Set([...user.roles, role])] : user.roles.filter((r) => r !== role);
  await store.write((tx) => tx.users.update(user.id, { roles }));
  console.log(`${username}: roles = ${roles.join(', ') || '(none)'}`);
}

export async function runAdmin(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`usage: admin <${Object.keys(commands).join('|')}> …`);
    return 64;
  }
  const store = await openStore(loadConfig());
  try {
    await command(store, args);
    return 0;
  } catch (err) {
    console.error(`admin ${name}: ${(err as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2)).then((code) => process.exit(code));
}
