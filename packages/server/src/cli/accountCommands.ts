/**
 * Account lifecycle from the admin CLI: create, reset password, suspend, delete, export, list
 * operators, stats (docs/subsystems/accounts.md). Sessions ended here close their sockets on every
 * node: at once over NATS, within BACKCHANNEL_SESSION_RECHECK_SECONDS on the embedded store.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { signup } from '../domain/auth/signup.js';
import { logoutEverywhere } from '../domain/auth/logout.js';
import { deleteAccount } from '../domain/account/deleteAccount.js';
import { exportUserData } from '../domain/account/exportData.js';
import { issuePasswordReset, RESET_TTL_MS } from '../domain/account/passwordReset.js';
import { setSuspendedByCli } from '../domain/account/suspension.js';
import type { Deps } from '../domain/deps.js';
import { zipJsonFiles } from '../lib/zipExport.js';
import { applyRetention, retentionCutoff } from '../jobs/retention.js';
import type { UserRow } from '../storage/store.js';
import type { CliCommand } from './command.js';

/** Who the audit log names for what the CLI did. */
export const CLI_OPERATOR = 'admin-cli';

async function userNamed(deps: Deps, username: string | undefined, usage: string): Promise<UserRow> {
  if (!username) throw new Error(`usage: ${usage}`);
  const user = await deps.store.read.users.byUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export const accountCommands: Record<string, CliCommand> = {
  'create-user': {
    usage: 'create-user <username> [--display-name <name>] [--operator]',
    summary: 'creates an account with a random password (printed once); works in invite mode too',
    async run(ctx, args) {
      const [username] = args;
      if (!username || username.startsWith('--')) throw new Error(`usage: ${this.usage}`);
      const deps = await ctx.deps();
      const password = randomBytes(15).toString('base64url');
      const { user } = await signup({ ...deps, limits: { ...deps.limits, signupMode: 'open' } }, { username, displayName: flag(args, '--display-name') ?? username, password });
      // The sign-up's own session is not for anyone: the person logs in with the password.
      await logoutEverywhere(deps, user.id);
      if (args.includes('--operator')) await deps.store.write((tx) => tx.users.update(user.id, { roles: ['operator'] }));
      ctx.out(`created ${user.username} (${user.id})${args.includes('--operator') ? ' with role operator' : ''}`);
      ctx.out(`password: ${password}`);
    },
  },
  'reset-password': {
    usage: 'reset-password <username>',
    summary: 'prints a one-time link (valid 24 h) to set a new password; using it ends every session',
    async run(ctx, [username]) {
      const deps = await ctx.deps();
      const user = await userNamed(deps, username, this.usage);
      const token = await issuePasswordReset(deps, user.id);
      const base = ctx.config.publicUrl ?? '';
      ctx.out(`${base}/reset-password#token=${token}`);
      ctx.out(`valid for ${RESET_TTL_MS / 3_600_000} h, once; ${base ? '' : 'prefix it with the server\'s address (set BACKCHANNEL_PUBLIC_URL to have it printed); '}or POST /v1/auth/reset-password {"token","password"}`);
    },
  },
  suspend: {
    usage: 'suspend <username> [--note <text>]',
    summary: 'no login, every session ends and its sockets close; audited',
    async run(ctx, args) {
      const deps = await ctx.deps();
      const user = await userNamed(deps, args[0], this.usage);
      const changed = await setSuspendedByCli(deps, user.id, true, CLI_OPERATOR, flag(args, '--note') ?? '');
      ctx.out(changed ? `${user.username} is suspended` : `${user.username} was already suspended`);
    },
  },
  unsuspend: {
    usage: 'unsuspend <username> [--note <text>]',
    summary: 'lets a suspended account log in again (not a deleted one); audited',
    async run(ctx, args) {
      const deps = await ctx.deps();
      const user = await userNamed(deps, args[0], this.usage);
      const changed = await setSuspendedByCli(deps, user.id, false, CLI_OPERATOR, flag(args, '--note') ?? '');
      ctx.out(changed ? `${user.username} may log in again` : `${user.username} was not suspended`);
    },
  },
  'delete-user': {
    usage: 'delete-user <username> --yes',
    summary: 'deletes the account as self-service deletion does (docs/subsystems/accounts.md); audited',
    async run(ctx, args) {
      const deps = await ctx.deps();
      const user = await userNamed(deps, args[0], this.usage);
      if (!args.includes('--yes')) throw new Error(`this erases ${user.username}'s profile and ends their sessions; add --yes to go ahead`);
      await deleteAccount(deps, user.id, CLI_OPERATOR);
      await deps.store.write((tx) => tx.audit.insert({ id: deps.ids.id(), operatorId: CLI_OPERATOR, action: 'user.deleted', reportId: null, targetId: user.id, note: flag(args, '--note') ?? '', createdAt: deps.clock.now() }));
      ctx.out(`deleted ${user.username} (${user.id})`);
    },
  },
  export: {
    usage: 'export <username> <file.zip>',
    summary: "writes the person's data export (what they can read, as \"download my data\" gives it)",
    async run(ctx, [username, file]) {
      const deps = await ctx.deps();
      const user = await userNamed(deps, username, this.usage);
      if (!file) throw new Error(`usage: ${this.usage}`);
      let failure: unknown = null;
      await pipeline(zipJsonFiles(exportUserData(deps, user), new Date(deps.clock.now()), (err) => (failure = err)), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (failure) throw failure as Error;
      ctx.out(`wrote ${file} (${fs.statSync(file).size} bytes)`);
    },
  },
  retention: {
    usage: 'retention [--dry-run] [--days <n>]',
    summary: 'deletes messages older than BACKCHANNEL_MESSAGE_RETENTION_DAYS (or --days) now; --dry-run only counts them',
    async run(ctx, args) {
      const days = args.includes('--days') ? Number(flag(args, '--days')) : ctx.config.messageRetentionDays;
      if (!Number.isInteger(days) || days < 1) throw new Error('no retention: set BACKCHANNEL_MESSAGE_RETENTION_DAYS or pass --days <n> (n >= 1)');
      const deps = await ctx.deps();
      const cutoff = retentionCutoff(deps.clock.now(), days);
      const count = await deps.store.read.accounts.countMessagesBefore(cutoff);
      if (args.includes('--dry-run')) {
        ctx.out(`${count} messages are older than ${days} days (before ${new Date(cutoff).toISOString()}); nothing deleted`);
        return;
      }
      ctx.out(`deleted ${await applyRetention(deps, cutoff)} of ${count} messages older than ${days} days`);
    },
  },
  'list-operators': {
    usage: 'list-operators',
    summary: 'accounts with the operator role',
    async run(ctx) {
      const deps = await ctx.deps();
      const ops = await deps.store.read.accounts.operators();
      for (const u of ops) ctx.out(`${u.username}\t${u.id}\t${u.suspendedAt === null ? '' : 'suspended'}`);
      if (ops.length === 0) ctx.out('(no operators: npm run admin -- grant-role <username> operator)');
    },
  },
  stats: {
    usage: 'stats',
    summary: 'users, conversations, messages, rooms, open reports, and the sockets of a server on this machine',
    async run(ctx) {
      const deps = await ctx.deps();
      const s = await deps.store.read.accounts.stats();
      for (const [k, v] of Object.entries(s)) ctx.out(`${k}\t${v}`);
      ctx.out(`sockets\t${await socketsOf(`http://127.0.0.1:${ctx.config.port}/metrics`)}`);
    },
  },
};

/** The open sockets of the server on this machine, read from its /metrics (this node only). */
async function socketsOf(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const line = (await res.text()).split('\n').find((l) => l.startsWith('backchannel_sockets '));
    return line ? line.split(' ')[1]! : 'unknown (no backchannel_sockets in /metrics)';
  } catch {
    return `unknown (no server answers at ${url})`;
  }
}
