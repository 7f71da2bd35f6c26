/**
 * Starts and stops a private ejabberd for one run — never the system service: its own config,
 * spool (Mnesia), logs and Erlang node name in a temp dir, on a loopback port below 32768. It runs
 * as the `ejabberd` user (ejabberdctl run as root drops the open-file limit to 1,024) with the
 * open-file limit raised as far as the hard limit allows.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../../util.js';
import { ejabberdConfig, type PeerStorage } from './config.js';

const CTL = '/usr/sbin/ejabberdctl';
const SCHEMA = '/usr/share/ejabberd/sql/lite.sql';

export interface EjabberdInstance {
  wsUrl: string;
  /** beam.smp: the process whose CPU and memory we report. */
  pid: number;
  dir: string;
  stop(): Promise<void>;
}

export function ejabberdAvailable(): string | null {
  if (!fs.existsSync(CTL)) return 'ejabberd is not installed (apt-get install -y ejabberd erlang-p1-sqlite3 sqlite3)';
  return null;
}

/** A free loopback port in [20000, 32000): below the ephemeral range, so it cannot collide with clients. */
async function freeLowPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free loopback port found below 32768');
}

function hardNofile(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim()) || 1024;
  } catch {
    return 1024;
  }
}

function prepareSqlite(file: string, wal: boolean): void {
  // ejabberd 23.01 does not create its SQL schema; ejabberd has no WAL option either, so the
  // database file is created in WAL mode here (the journal mode is persistent in the file).
  const sql = `${wal ? 'PRAGMA journal_mode=WAL;\n' : ''}${fs.readFileSync(SCHEMA, 'utf8')}`;
  execFileSync('sqlite3', [file], { input: sql });
}

export async function startEjabberd(opts: { storage: PeerStorage; timeoutMs: number; log: (s: string) => void }): Promise<EjabberdInstance> {
  const missing = ejabberdAvailable();
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ejabberd-'));
  const port = await freeLowPort();
  const sqlitePath = path.join(dir, 'mam.db');
  if (opts.storage === 'sqlite' || opts.storage === 'sqlite-wal') prepareSqlite(sqlitePath, opts.storage === 'sqlite-wal');
  fs.writeFileSync(path.join(dir, 'ejabberd.yml'), ejabberdConfig({ port, storage: opts.storage, sqlitePath }));
  fs.writeFileSync(path.join(dir, 'ejabberdctl.cfg'), '# empty: keeps /etc/ejabberd/ejabberdctl.cfg out of this run\n');
  fs.mkdirSync(path.join(dir, 'spool'));
  fs.mkdirSync(path.join(dir, 'logs'));
  const node = `bench${port}@localhost`;
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'ejabberd:ejabberd', dir]);
  const nofile = hardNofile();
  const ctlArgs = [CTL, '--config', `${dir}/ejabberd.yml`, '--ctl-config', `${dir}/ejabberdctl.cfg`, '--spool', `${dir}/spool`, '--logs', `${dir}/logs`, '--node', node, 'foreground'];
  const argv = asRoot
    ? ['prlimit', `--nofile=${nofile}:${nofile}`, 'setpriv', '--reuid', 'ejabberd', '--regid', 'ejabberd', '--init-groups', ...ctlArgs]
    : ['prlimit', `--nofile=${nofile}:${nofile}`, ...ctlArgs];
  // HOME holds the Erlang cookie; the ejabberd user cannot read root's.
  const child: ChildProcess = spawn(argv[0] ?? 'prlimit', argv.slice(1), {
    env: { ...process.env, HOME: dir, EJABBERD_BYPASS_WARNINGS: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() ends the whole tree and nothing else
  });
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + String(d)).slice(-4000)));
  child.stderr?.on('data', (d) => (output = (output + String(d)).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (!exited && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
        const gone = await waitFor(() => exited, 15_000, 'ejabberd to stop').then(
          () => true,
          () => false,
        );
        if (!gone) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => exited || listening(port), opts.timeoutMs, `ejabberd to listen on ${port}`, 200);
    if (exited) throw new Error(`ejabberd exited during start:\n${output}`);
    const pid = beamPid(node);
    if (pid === null) throw new Error('ejabberd is listening but its beam.smp process was not found');
    opts.log(`ejabberd ${node} on 127.0.0.1:${port}, data in ${dir}`);
    return { wsUrl: `ws://127.0.0.1:${port}/ws`, pid, dir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// Checked synchronously from the waitFor loop: /proc/net/tcp lists listening sockets (state 0A).
function listening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  try {
    return fs
      .readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .some((l) => l.includes(`:${hex} `) && / 0A /.test(l));
  } catch {
    return false;
  }
}

function beamPid(node: string): number | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('beam') && cmd.includes(node)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return null;
}
