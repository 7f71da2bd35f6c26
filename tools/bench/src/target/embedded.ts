/**
 * Starts the Backchannel server for one run: `node packages/server/dist/main.js` on 127.0.0.1, port
 * 0, a fresh temp data dir (removed afterwards), and waits for its JSON `"msg":"listening"` log line.
 *
 * Bench settings: every client comes from 127.0.0.1, so the per-IP and per-user rate limits that
 * protect production would throttle the load generator itself; they are raised here, and only here.
 * Durability settings are NOT touched: acks stay durable (synchronous=FULL).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileLimit } from '../procstat.js';
import { waitFor } from '../util.js';
import type { Target } from './target.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const SERVER_MAIN = path.join(REPO, 'packages/server/dist/main.js');

export const BENCH_SERVER_ENV: Record<string, string> = {
  BACKCHANNEL_AUTH_ATTEMPTS_PER_MINUTE: '100000',
  BACKCHANNEL_USER_WRITES_PER_MINUTE: '10000000',
  BACKCHANNEL_SOCKET_OPS_PER_MINUTE: '10000000',
  BACKCHANNEL_HASH_QUEUE_MAX: '100000',
  BACKCHANNEL_MAX_SOCKETS_PER_USER: '10000',
};

export interface EmbeddedOptions {
  cpuProfDir?: string;
  timeoutMs: number;
  env?: Record<string, string>;
  log: (line: string) => void;
}

/**
 * Raises the server's open-file limit to the hard limit when the soft one is lower (prlimit execs
 * the command, so the pid stays the server's). A limit below the socket count is reported by the
 * connect workload rather than silently capping it.
 */
function withRaisedNofile(argv: string[]): string[] {
  const soft = openFileLimit(process.pid);
  const hard = openFileLimit(process.pid, 'hard');
  if (soft === null || hard === null || soft >= hard || !Number.isFinite(hard) || !fs.existsSync('/usr/bin/prlimit')) return argv;
  return ['/usr/bin/prlimit', `--nofile=${hard}:${hard}`, ...argv];
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<Target> {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-backchannel-'));
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const [cmd, ...args] = withRaisedNofile([process.execPath, ...nodeArgs, SERVER_MAIN]);
  const child = spawn(cmd ?? process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, ...BENCH_SERVER_ENV, ...opts.env, PORT: '0', HOST: '127.0.0.1', BACKCHANNEL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string | null = null;
  let tail = '';
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (url !== null) return; // after start-up the logs are drained and dropped
    buffered += String(chunk);
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      tail = (tail + line + '\n').slice(-4000);
      try {
        const rec = JSON.parse(line) as { msg?: string; url?: string };
        if (rec.msg === 'listening' && typeof rec.url === 'string') url = rec.url;
      } catch {
        // not a JSON log line
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (tail = (tail + String(chunk)).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM'); // graceful: lets --cpu-prof write its profile
      const ok = await waitFor(() => exited, 30_000, 'server to exit').then(
        () => true,
        () => false,
      );
      if (!ok) child.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => url !== null || exited, opts.timeoutMs, 'the server to log "listening"', 25);
    if (url === null) throw new Error(`the server exited during start:\n${tail}`);
  } catch (err) {
    await stop();
    throw err;
  }
  const pid = child.pid ?? 0;
  const limit = openFileLimit(pid);
  opts.log(`backchannel ${url} (pid ${pid}, data ${dataDir}, open-file limit ${limit ?? 'unknown'})`);
  return {
    kind: 'embedded',
    label: `embedded ${url}`,
    urls: [url],
    pids: [pid],
    notes: { storage: 'SQLite (WAL, synchronous=FULL, group commit)', fd_limit: String(limit ?? 'unknown') },
    stop,
  };
}
