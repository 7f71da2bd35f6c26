/**
 * `connect`: N idle sockets connect (each until `ready`), then all drop and reconnect at once (the
 * storm). Reports time to all connected and server memory per idle connection (RSS delta / N; the
 * kernel's socket buffers are not in RSS and are not counted).
 */
import { openFileLimit } from '../procstat.js';
import { log } from '../progress.js';
import type { BenchResult } from '../report.js';
import { Histogram } from '../stats.js';
import { WorkerPool } from '../worker/pool.js';
import { provisioner, ServerMeter, setupProgress, type RunContext } from './common.js';

const IDLE_WINDOW_MS = 5000;

export async function runConnect(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const label = `connect/${ctx.driver}`;
  const users = Math.ceil(opts.sockets / opts.socketsPerUser);
  const fdCaps = [...ctx.target.pids, process.pid].map((p) => openFileLimit(p) ?? Infinity);
  const cap = Math.min(...fdCaps);
  if (opts.sockets + 200 > cap) log(`[${label}] warning: open-file limit ${cap} is below ${opts.sockets} sockets + margin; expect failures (raise ulimit -n)`);
  const setup = await provisioner(ctx).setup(
    { users, conversations: [], concurrency: opts.setupConcurrency, deadlineMs: opts.setupTimeoutS * 1000 },
    setupProgress(label),
  );
  const pool = new WorkerPool(Math.min(opts.workers, opts.sockets));
  const W = pool.size;
  try {
    pool.broadcast((i) => ({ type: 'init', workerIndex: i, driver: ctx.driver, urls: ctx.target.urls, timeoutMs: opts.timeoutMs, users: [], conversations: [] }));
    await pool.collect('ready', opts.timeoutMs);
    const meter = new ServerMeter(ctx.target.pids);
    const rss0 = meter.rssMb();
    const sockets = Array.from({ length: opts.sockets }, (_, k) => setup.users[k % users]).filter((u) => u !== undefined);
    const budget = opts.timeoutMs * 20 + opts.sockets * 20;
    const phase = async (name: string) => {
      log(`[${label}] ${name}: opening ${opts.sockets} sockets`);
      pool.broadcast((i) => ({ type: 'connect.open', phase: name, params: { sockets: sockets.filter((_, k) => k % W === i), concurrency: opts.concurrency } }));
      const res = await pool.collect('connect.opened', budget);
      const hist = new Histogram();
      for (const r of res) hist.merge(r.hist);
      return {
        opened: res.reduce((n, r) => n + r.opened, 0),
        failed: res.reduce((n, r) => n + r.failed, 0),
        allMs: Math.max(...res.map((r) => r.allMs)),
        hist,
        errors: res.flatMap((r) => r.errorSamples),
      };
    };
    const first = await phase('initial');
    const rss1 = meter.rssMb();
    // Idle cost: with every socket open and nothing sent, how much CPU does the server burn
    // (heartbeats, timers, sweeps)? Measured over a fixed window — the measurement, not a sleep.
    const idleFrom = meter.cpuS();
    await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
    const idleTo = meter.cpuS();
    const idleCpuPerS = idleFrom !== null && idleTo !== null ? Math.round(((idleTo - idleFrom) * 1000 * 1000) / IDLE_WINDOW_MS) / 1000 : null;
    pool.broadcast({ type: 'connect.drop' });
    await pool.collect('connect.dropped', budget);
    const storm = await phase('storm');
    const cpu = meter.cpuS();
    const runqueueWait = meter.runqueueWaitS();
    const perConnKb = rss0 !== null && rss1 !== null && first.opened > 0 ? ((rss1 - rss0) * 1024) / first.opened : null;
    const finished = pool.collect('finished', opts.timeoutMs);
    pool.broadcast({ type: 'finish' });
    const fin = await finished;
    return {
      workload: 'connect',
      server: `${ctx.driver} (${ctx.target.label})`,
      parameters: { sockets: opts.sockets, users, concurrency_per_worker: opts.concurrency, workers: W },
      throughput_per_s: Math.round((first.opened * 1000) / Math.max(1, first.allMs)),
      latency_ms: first.hist.percentilesMs(),
      sent: opts.sockets * 2,
      acked: first.opened + storm.opened,
      delivered: first.opened + storm.opened,
      // For connect, a "message" is a connection attempt: lost = attempts that never reached ready.
      lost: first.failed + storm.failed,
      duplicated: 0,
      server_rss_mb: rss1,
      server_cpu_s: cpu,
      client_cpu_s: Math.round(fin.reduce((n, r) => n + r.cpuS, 0) * 100) / 100,
      details: {
        server_runqueue_wait_s: runqueueWait ?? 'n/a',
        all_connected_ms: first.allMs,
        storm_all_connected_ms: storm.allMs,
        storm_latency_ms: storm.hist.percentilesMs(),
        failed: first.failed + storm.failed,
        server_rss_before_mb: rss0,
        server_idle_cpu_s_per_s: idleCpuPerS ?? 'n/a',
        server_kb_per_idle_connection: perConnKb === null ? null : Math.round(perConnKb * 10) / 10,
        fd_limit: Number.isFinite(cap) ? cap : 'unlimited',
      },
      errors: [...first.errors, ...storm.errors],
    };
  } finally {
    await pool.close();
  }
}
