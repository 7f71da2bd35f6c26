#!/usr/bin/env node
/**
 * `npm run bench -- <workload> [options]`: starts (or finds) the server, runs one workload through
 * worker processes, prints a table, and with --json one JSON object as the last stdout line.
 * With `--peer ejabberd`, runs the same dm or room workload with the same client code against a
 * private ejabberd and prints both results and their ratio. Guide: docs/performance.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriverName } from './drivers/types.js';
import { parseOptions, type Options } from './options.js';
import { storageLabel } from './peers/ejabberd/config.js';
import { startEjabberd } from './peers/ejabberd/server.js';
import { newestProfile, summarizeProfile } from './profile.js';
import { log } from './progress.js';
import { comparison, table, type BenchResult } from './report.js';
import { startEmbedded } from './target/embedded.js';
import { clusterTarget, urlTarget, type Target } from './target/target.js';
import { runCatchup } from './workloads/catchup.js';
import type { RunContext } from './workloads/common.js';
import { runConnect } from './workloads/connect.js';
import { runDm } from './workloads/dm.js';
import { runRoom } from './workloads/room.js';

type Runner = (ctx: RunContext) => Promise<BenchResult>;

const RUNNERS: Record<Options['workload'], Runner> = {
  dm: runDm,
  catchup: runCatchup,
  connect: runConnect,
  room: runRoom,
};

async function backchannelTarget(opts: Options, profDir: string | null): Promise<Target> {
  if (opts.cluster) return clusterTarget();
  if (opts.url) return urlTarget(opts.url, opts.serverPid);
  return startEmbedded({ timeoutMs: 60_000, log, ...(profDir ? { cpuProfDir: profDir } : {}) });
}

async function runOn(opts: Options, driver: DriverName): Promise<{ result: BenchResult; profile: string | null }> {
  const profDir = driver === 'backchannel' && opts.cpuProf && !opts.url ? path.resolve(opts.cpuProf) : null;
  let target: Target;
  if (driver === 'ejabberd') {
    const inst = await startEjabberd({ storage: opts.peerStorage, timeoutMs: 60_000, log });
    target = { kind: 'peer', label: `ejabberd ${inst.wsUrl}`, urls: [inst.wsUrl], pids: [inst.pid], notes: { storage: storageLabel(opts.peerStorage) }, stop: inst.stop };
  } else {
    target = await backchannelTarget(opts, profDir);
  }
  let result: BenchResult;
  try {
    result = await RUNNERS[opts.workload]({ opts, target, driver });
  } finally {
    await target.stop();
  }
  let profile: string | null = null;
  if (profDir) {
    const file = newestProfile(profDir);
    profile = file ? summarizeProfile(file, result.loadWindowUs) : `no .cpuprofile found in ${profDir}`;
    if (file) for (const [name, w] of Object.entries(result.phaseWindowsUs ?? {})) profile += `\n\n${name}: ${summarizeProfile(file, w)}`;
  }
  return { result, profile };
}

const over = (a: number | null | undefined, b: number | null | undefined) => (a !== null && a !== undefined && b ? a / b : null);

/** Ours ÷ the peer's. For room, `throughput` is deliveries/s and `ack_p99` the delivery p99. */
function ratios(ours: BenchResult, peer: BenchResult): Record<string, number | null> {
  const out: Record<string, number | null> = {
    throughput: over(ours.throughput_per_s, peer.throughput_per_s),
    ack_p99: over(ours.latency_ms.p99, peer.latency_ms.p99),
    server_cpu: over(ours.server_cpu_s, peer.server_cpu_s),
    server_rss: over(ours.server_rss_mb, peer.server_rss_mb),
  };
  if (ours.workload === 'room') {
    const last = (r: BenchResult) => (r.details.last_listener_latency_ms as { p99?: number } | undefined)?.p99;
    out.last_listener_p99 = over(last(ours), last(peer));
    out.join_all_ms = over(ours.details.join_all_ms as number, peer.details.join_all_ms as number);
  }
  return out;
}

function jsonOf(r: BenchResult): Record<string, unknown> {
  const { loadWindowUs: _window, phaseWindowsUs: _phases, ...rest } = r;
  return rest;
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (opts.peer && opts.workload !== 'dm' && opts.workload !== 'room') {
    console.error('--peer runs the dm and room workloads only');
    return 2;
  }
  if (opts.cpuProf) fs.mkdirSync(opts.cpuProf, { recursive: true });
  log(`bench ${opts.workload} on ${os.cpus().length} cores, node ${process.version}`);
  const ours = await runOn(opts, 'backchannel');
  console.log(table(ours.result));
  if (ours.profile) console.log(`\n${ours.profile}`);
  let out: Record<string, unknown> = jsonOf(ours.result);
  if (opts.peer) {
    const peer = await runOn(opts, opts.peer);
    console.log(`\n${table(peer.result)}\n\n${comparison(ours.result, peer.result)}`);
    out = {
      ...out,
      peer: jsonOf(peer.result),
      ratio: ratios(ours.result, peer.result),
    };
  }
  if (opts.json) console.log(JSON.stringify(out));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
