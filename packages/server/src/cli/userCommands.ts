/** Account administration: invites, roles (docs/deploy/admin.md). */
import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/store.js';
import type { CliCommand } from './command.js';

async function changeRole(store: Store, username: string | undefined, role: string | undefined, on: boolean): Promise<string> {
  if (!username || !role || !/^[a-z_]{1,32}$/.test(role)) throw new Error('usage: grant-role|revoke-role <username> <role>');
  const user = await store.read.users.byUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  const roles = on ? [...new Set([...user.roles, role])] : user.roles.filter((r) => r !== role);
  await store.write((tx) => tx.users.update(user.id, { roles }));
  return `${username}: roles = ${roles.join(', ') || '(none)'}`;
}

export const userCommands: Record<string, CliCommand> = {
  invite: {
    usage: 'invite [count]',
    summary: 'create invite codes (for BACKCHANNEL_SIGNUP_MODE=invite)',
    async run(ctx, [count = '1']) {
      const n = Number(count);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error('count must be 1..1000');
      const { store } = await ctx.deps();
      for (let i = 0; i < n; i++) {
        const code = randomBytes(9).toString('base64url');
        await store.write((tx) => tx.invites.insert(code, Date.now()));
        ctx.out(code);
      }
    },
  },
  'grant-role': {
    usage: 'grant-role <username> <role>',
    summary: 'e.g. operator (moderation queue)',
    async run(ctx, [username, role]) {
      ctx.out(await changeRole((await ctx.deps()).store, username, role, true));
    },
  },
  'revoke-role': {
    usage: 'revoke-role <username> <role>',
    summary: 'takes a role away',
    async run(ctx, [username, role]) {
      ctx.out(await changeRole((await ctx.deps()).store, username, role, false));
    },
  },
};
