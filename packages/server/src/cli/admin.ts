#!/usr/bin/env node
/**
 * Operator commands: `npm run admin -- <command> …` (`npm run admin -- help` lists them).
 * Uses the same config (env / BACKCHANNEL_CONFIG) and storage as the server; every command is safe
 * to run while the server runs. Commands live in one file per area and are listed here.
 */
import { loadConfig, type Config } from '../config/config.js';
import { loadStreamCursors } from '../domain/auth/streamCursors.js';
import type { Deps } from '../domain/deps.js';
import { limitsFrom } from '../domain/limitsFrom.js';
import { openBus } from '../fanout/open.js';
import { argon2Hasher, randomIds, systemClock } from '../lib/system.js';
import { openStore } from '../storage/open.js';
import { accountCommands } from './accountCommands.js';
import { backupCommands } from './backupCommands.js';
import type { CliCommand, CliContext } from './command.js';
import { userCommands } from './userCommands.js';

const commands: Record<string, CliCommand> = { ...userCommands, ...accountCommands, ...backupCommands };

function help(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return ['usage: npm run admin -- <command> …', '', ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function openDeps(config: Config): Promise<{ deps: Deps; close(): Promise<void> }> {
  const store = await openStore(config);
  try {
    const bus = await openBus(config, store);
    const deps: Deps = {
      store,
      clock: systemClock,
      ids: randomIds,
      hasher: argon2Hasher(config.hashConcurrency, config.hashQueueMax),
      limits: limitsFrom(config),
      bus,
      cursors: await loadStreamCursors(store, systemClock),
    };
    return { deps, close: async () => (await bus.close(), await store.close()) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Runs one command; returns the exit code. `out` receives what the command prints. */
export async function runAdmin(argv: string[], opts: { env?: Record<string, string | undefined>; out?: (line: string) => void; err?: (line: string) => void } = {}): Promise<number> {
  const out = opts.out ?? ((l: string) => console.log(l));
  const err = opts.err ?? ((l: string) => console.error(l));
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help') {
    out(help());
    return 0;
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    err(help());
    return 64; // EX_USAGE
  }
  const opened: { deps?: Promise<Awaited<ReturnType<typeof openDeps>>> } = {};
  try {
    const config = loadConfig(opts.env);
    const ctx: CliContext = {
      config,
      out,
      deps: async () => (await (opened.deps ??= openDeps(config))).deps,
    };
    await command.run(ctx, args);
    return 0;
  } catch (e) {
    err(`admin ${name}: ${(e as Error).message}`);
    return 1;
  } finally {
    if (opened.deps) await (await opened.deps.catch(() => null))?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2)).then((code) => process.exit(code));
}
