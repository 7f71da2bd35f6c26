#!/usr/bin/env node
/**
 * `npm run bench -- <workload> [options]`: starts (or finds) the server, runs one workload through
 * worker processes, prints a table, and with --json one JSON object as the last stdout line.
 * With `--peer ejabberd`, runs the same dm workload with the same client code against a private
 * ejabberd and prints both results and their ratio. Guide: docs/performance.md.
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

type Runner = (ctx: RunContext) => Promise<BenchResult>;

const RUNNERS: Record<Options['workload'], Runner> = {
  dm: runDm,
  catchup: runCatchup,
  connect: runConnect,
  // Rooms are not in the server yet: add workloads/room.ts (one sender, many listeners; build the
  // frame once server-side) and register it here.
  room: () => Promise.reject(new Error('the room workload comes with rooms (see workloads/ in docs/performance.md)')),
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
  }
  return { result, profile };
}

function jsonOf(r: BenchResult): Record<string, unknown> {
  const { loadWindowUs: _window, ...rest } = r;
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
  if (opts.peer && opts.workload !== 'dm') {
    console.error('--peer runs the dm workload only');
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
      ratio: {
        throughput: peer.result.throughput_per_s ? ours.result.throughput_per_s / peer.result.throughput_per_s : null,
        ack_p99: peer.result.latency_ms.p99 ? ours.result.latency_ms.p99 / peer.result.latency_ms.p99 : null,
      },
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
