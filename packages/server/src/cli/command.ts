/** What an admin command gets (cli/admin.ts): the config, the store opened on first use, and output. */
import type { Config } from '../config/config.js';
import type { Deps } from '../domain/deps.js';

export interface CliContext {
  config: Config;
  /**
   * Opens the store (and the bus, so that sessions revoked here close sockets on every node of a
   * NATS deployment) on first call. Commands that must not create a database (restore) never call it.
   */
  deps(): Promise<Deps>;
  /** Standard output (a test captures it). */
  out(line: string): void;
}

export interface CliCommand {
  usage: string;
  summary: string;
  run(ctx: CliContext, args: string[]): Promise<void>;
}
