/**
 * Smoke runs of the load tool: each workload for a few seconds with small numbers against a real
 * embedded server (packages/server/dist/main.js, built by `npm test`), through the CLI exactly as a
 * person runs it. Asserts correctness only — nothing lost, nothing duplicated, nothing failed —
 * never speed: these machines are shared and timing assertions would be flaky.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SERVER = fileURLToPath(new URL('../../../packages/server/dist/main.js', import.meta.url));

interface Json {
  workload: string;
  sent: number;
  acked: number;
  delivered: number;
  lost: number;
  duplicated: number;
  throughput_per_s: number;
  server_cpu_s: number | null;
  details: Record<string, unknown>;
  errors: string[];
}

/** Runs the CLI with --json and returns the last stdout line parsed; bounded by `timeoutMs`. */
function bench(args: string[], timeoutMs: number): Promise<Json> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench ${args.join(' ')} did not finish in ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`bench ${args.join(' ')} exited ${code}\n${err}\n${out}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as Json);
      } catch {
        reject(new Error(`no JSON on the last line:\n${out}`));
      }
    });
  });
}

describe('bench smoke', () => {
  it('has the builds it drives', () => {
    // A missing build is a failure, not a skip: `npm test` builds first; run `npm run build` by hand otherwise.
    expect(fs.existsSync(CLI), `${CLI} missing: run npm run build`).toBe(true);
    expect(fs.existsSync(SERVER), `${SERVER} missing: run npm run build`).toBe(true);
  });

  it('dm: every acked message reaches every member exactly once', { timeout: 120_000 }, async () => {
    const r = await bench(['dm', '--users', '24', '--duration', '2', '--group-share', '0.34', '--group-size', '4', '--workers', '2'], 110_000);
    expect(r.workload).toBe('dm');
    expect(r.acked).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.details.misrouted).toBe(0);
    expect(r.details.out_of_order).toBe(0);
    expect(r.details.failed).toBe(0);
    expect(r.delivered).toBe(r.details.expected_deliveries);
  });

  it('dm open loop at a fixed rate', { timeout: 120_000 }, async () => {
    const r = await bench(['dm', '--users', '10', '--duration', '2', '--rate', '200', '--workers', '1'], 110_000);
    expect(r.acked).toBeGreaterThan(100);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
  });

  // The reference peer is optional (apt-get install ejabberd erlang-p1-sqlite3 sqlite3); where it is
  // installed, its adapter is held to the same ledger.
  it.skipIf(!fs.existsSync('/usr/sbin/ejabberdctl'))('dm --peer ejabberd: same ledger on both servers', { timeout: 180_000 }, async () => {
    const r = (await bench(['dm', '--users', '10', '--duration', '2', '--workers', '1', '--peer', 'ejabberd'], 170_000)) as Json & { peer: Json };
    for (const side of [r, r.peer]) {
      expect(side.acked).toBeGreaterThan(0);
      expect(side.lost).toBe(0);
      expect(side.duplicated).toBe(0);
    }
  });

  it('room: every listener gets every acked message exactly once, and the DMs beside it too', { timeout: 150_000 }, async () => {
    const r = await bench(['room', '--listeners', '50', '--senders', '2', '--rate', '20', '--duration', '3', '--idle', '1', '--dm-pairs', '2', '--workers', '2'], 140_000);
    expect(r.workload).toBe('room');
    expect(r.acked).toBeGreaterThan(20);
    expect(r.details.listeners_joined).toBe(50);
    expect(r.details.expected_deliveries).toBe(r.acked * 50);
    expect(r.delivered).toBe(r.details.expected_deliveries);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.details.failed).toBe(0);
    expect(r.details.out_of_order).toBe(0);
    expect(r.details.listeners_closed_by_server).toBe(0);
    // The server counts the listeners and the one sender who is not the host.
    expect(r.details.server_listener_count).toBe(51);
    expect(r.details.dm_lost_duplicated).toBe('0 / 0');
  });

  it.skipIf(!fs.existsSync('/usr/sbin/ejabberdctl'))('room --peer ejabberd: same ledger on both servers (MUC)', { timeout: 200_000 }, async () => {
    const r = (await bench(['room', '--listeners', '20', '--duration', '2', '--idle', '1', '--dm-pairs', '1', '--workers', '1', '--peer', 'ejabberd'], 190_000)) as Json & { peer: Json };
    for (const side of [r, r.peer]) {
      expect(side.acked).toBeGreaterThan(10);
      expect(side.delivered).toBe(side.acked * 20);
      expect(side.lost).toBe(0);
      expect(side.duplicated).toBe(0);
    }
  });

  it('catchup: each replay holds exactly the missed messages', { timeout: 120_000 }, async () => {
    const r = await bench(['catchup', '--missed', '50,200', '--runs', '3'], 110_000);
    expect(r.workload).toBe('catchup');
    expect(r.delivered).toBe((50 + 200) * 3);
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.details.out_of_order).toBe(0);
  });

  it('connect: every socket connects, then reconnects in the storm', { timeout: 120_000 }, async () => {
    const r = await bench(['connect', '--sockets', '200', '--sockets-per-user', '20'], 110_000);
    expect(r.workload).toBe('connect');
    expect(r.acked).toBe(400);
    expect(r.lost).toBe(0);
    expect(r.details.failed).toBe(0);
  });
});
