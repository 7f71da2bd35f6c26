/**
 * `catchup`: a client misses M messages and reconnects with resume; we time socket open → `ready`
 * over `runs` reconnects for each M (default 1,000 and 10,000; target: 1,000 in < 200 ms p99).
 */
import { log } from '../progress.js';
import type { BenchResult } from '../report.js';
import { Histogram } from '../stats.js';
import { WorkerPool } from '../worker/pool.js';
import { provisioner, ServerMeter, setupProgress, type RunContext } from './common.js';

export async function runCatchup(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const label = `catchup/${ctx.driver}`;
  const setup = await provisioner(ctx).setup(
    { users: 2, conversations: [[0, 1]], concurrency: 2, deadlineMs: opts.setupTimeoutS * 1000 },
    setupProgress(label),
  );
  const [reader, sender] = setup.users;
  const conversation = setup.conversations[0];
  if (!reader || !sender || !conversation) throw new Error('catchup setup incomplete');
  const pool = new WorkerPool(1);
  try {
    pool.broadcast({ type: 'init', workerIndex: 0, driver: ctx.driver, urls: ctx.target.urls, timeoutMs: opts.timeoutMs, users: [], conversations: [] });
    await pool.collect('ready', opts.timeoutMs);
    const meter = new ServerMeter(ctx.target.pids);
    const t0 = Date.now();
    log(`[${label}] missing ${opts.missed.join(', ')} messages, ${opts.runs} reconnects each`);
    pool.broadcast({ type: 'catchup.run', params: { missed: opts.missed, runs: opts.runs, messageBytes: opts.messageBytes, reader, sender, conversation } });
    const budget = opts.timeoutMs * (opts.runs + 10) * opts.missed.length + opts.missed.reduce((a, b) => a + b, 0) * 10;
    const [res] = await pool.collect('catchup.result', budget);
    if (!res) throw new Error('catchup: no result');
    const elapsedS = (Date.now() - t0) / 1000;
    const per = res.perMissed.map((p) => ({ missed: p.missed, hist: Histogram.from(p.hist), fillMs: p.fillMs }));
    const first = per[0];
    const replayed = per.reduce((n, p) => n + p.missed * p.hist.count, 0);
    const details: Record<string, unknown> = {};
    for (const p of per) {
      details[`ready_ms_missed_${p.missed}`] = p.hist.percentilesMs();
      details[`fill_${p.missed}_msgs_per_s`] = Math.round((p.missed * 1000) / Math.max(1, p.fillMs));
    }
    details.out_of_order = res.ledger.outOfOrder;
    details.server_runqueue_wait_s = meter.runqueueWaitS() ?? 'n/a';
    details.storage = ctx.target.notes.storage ?? 'unknown';
    return {
      workload: 'catchup',
      server: `${ctx.driver} (${ctx.target.label})`,
      parameters: { missed: opts.missed.join(','), runs: opts.runs, message_bytes: opts.messageBytes },
      throughput_per_s: Math.round(replayed / Math.max(0.001, per.reduce((n, p) => n + p.hist.sum / 1e6, 0))),
      latency_ms: (first?.hist ?? new Histogram()).percentilesMs(),
      sent: opts.missed.reduce((a, b) => a + b, 0),
      acked: opts.missed.reduce((a, b) => a + b, 0),
      delivered: res.ledger.expected - res.ledger.lost,
      lost: res.ledger.lost,
      duplicated: res.ledger.duplicated,
      server_rss_mb: meter.rssMb(),
      server_cpu_s: meter.cpuS(),
      client_cpu_s: Math.round(res.cpuS * 100) / 100,
      details: { ...details, elapsed_s: Math.round(elapsedS * 10) / 10 },
      errors: res.errorSamples,
    };
  } finally {
    const finished = pool.collect('finished', opts.timeoutMs).catch(() => undefined);
    pool.broadcast({ type: 'finish' });
    await finished;
    await pool.close();
  }
}
