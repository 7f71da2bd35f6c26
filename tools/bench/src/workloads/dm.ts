/**
 * `dm`: U users online in 1:1s and small groups send to each other through the real protocol.
 * Coordinator: plan → setup (REST) → workers connect their share of users → load for the duration
 * → stop → wait (bounded) for every owed delivery → collect histograms and ledger → verdict.
 */
import { checkLedger } from '../ledger.js';
import { Progress, log } from '../progress.js';
import type { BenchResult } from '../report.js';
import { Histogram, nowUs } from '../stats.js';
import { waitUntil } from '../util.js';
import { WorkerPool } from '../worker/pool.js';
import type { Counters } from '../worker/protocol.js';
import { commitStats, provisioner, ServerMeter, setupProgress, type RunContext } from './common.js';

/** Pairs for 1:1s, then groups of `groupSize` from the remaining share of users. */
export function planConversations(users: number, groupShare: number, groupSize: number): number[][] {
  const inGroups = Math.floor((users * groupShare) / groupSize) * groupSize;
  const pairsEnd = Math.floor((users - inGroups) / 2) * 2;
  const convs: number[][] = [];
  for (let i = 0; i + 1 < pairsEnd; i += 2) convs.push([i, i + 1]);
  for (let i = pairsEnd; i + groupSize <= users; i += groupSize) convs.push(Array.from({ length: groupSize }, (_, k) => i + k));
  return convs;
}

const sum = (cs: Counters[], k: keyof Counters) => cs.reduce((n, c) => n + c[k], 0);

export async function runDm(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const plan = planConversations(opts.users, opts.groupShare, opts.groupSize);
  const label = `dm/${ctx.driver}`;
  log(`[${label}] setup: ${opts.users} users, ${plan.length} conversations`);
  const setup = await provisioner(ctx).setup(
    { users: opts.users, conversations: plan, concurrency: opts.setupConcurrency, deadlineMs: opts.setupTimeoutS * 1000 },
    setupProgress(label),
  );
  log(`[${label}] setup took ${(setup.setupMs / 1000).toFixed(1)} s`);
  const pool = new WorkerPool(Math.min(opts.workers, opts.users));
  try {
    const W = pool.size;
    pool.broadcast((i) => ({
      type: 'init',
      workerIndex: i,
      driver: ctx.driver,
      urls: ctx.target.urls,
      timeoutMs: opts.timeoutMs,
      users: setup.users.filter((u) => u.index % W === i),
      conversations: setup.conversations.filter((c) => c.members.some((m) => m % W === i)),
    }));
    const ready = await pool.collect('ready', opts.timeoutMs * 10 + opts.users * 50);
    log(`[${label}] ${ready.reduce((n, r) => n + r.connected, 0)} users connected in ${Math.max(...ready.map((r) => r.connectMs))} ms`);

    let ackP99 = 0;
    const perWorker: Counters[] = Array.from({ length: W }, () => ({ sent: 0, acked: 0, failed: 0, received: 0, owed: 0, errors: 0, inFlight: 0 }));
    for (let i = 0; i < W; i++) {
      pool.onWorker(i, (m) => {
        if (m.type === 'progress' || m.type === 'dm.stopped') perWorker[i] = m.counters;
        if (m.type === 'progress') ackP99 = Math.max(ackP99 * 0.5, m.ackP99Ms);
      });
    }
    const meter = new ServerMeter(ctx.target.pids);
    const commits0 = ctx.driver === 'backchannel' ? await commitStats(ctx.target.urls[0]) : null;
    const progress = new Progress(label);
    const t0 = Date.now();
    const fromUs = nowUs();
    pool.broadcast({
      type: 'dm.start',
      params: {
        durationMs: opts.durationS * 1000,
        ratePerS: opts.rate === null ? null : opts.rate / W,
        window: opts.window,
        messageBytes: opts.messageBytes,
        maxMessages: Math.ceil(opts.maxMessages / W),
      },
    });
    let lastAcked = 0;
    let lastT = t0;
    await waitUntil(() => {
      const now = Date.now();
      if (now - lastT >= 500) {
        const acked = sum(perWorker, 'acked');
        progress.update({ elapsedS: (now - t0) / 1000, rate: ((acked - lastAcked) * 1000) / (now - lastT), p99Ms: ackP99, errors: sum(perWorker, 'errors') });
        lastAcked = acked;
        lastT = now;
      }
      return now - t0 >= opts.durationS * 1000 || sum(perWorker, 'sent') >= opts.maxMessages;
    }, opts.durationS * 1000 + 1000, 100);
    pool.broadcast({ type: 'dm.stop' });
    const stopped = await pool.collect('dm.stopped', opts.timeoutMs * 2);
    const elapsedS = (Date.now() - t0) / 1000;
    const toUs = nowUs();
    stopped.forEach((s, i) => (perWorker[i] = s.counters));
    // Every owed delivery should arrive shortly after the last ack; bounded wait, then judge.
    await waitUntil(() => sum(perWorker, 'received') >= sum(perWorker, 'owed'), opts.timeoutMs, 50);
    progress.done();
    const serverCpu = meter.cpuS();
    const runqueueWait = meter.runqueueWaitS();
    const rss = meter.rssMb();
    const commits1 = commits0 ? await commitStats(ctx.target.urls[0]) : null;
    const batches = commits0 && commits1 ? commits1.commits - commits0.commits : null;
    const batchEvents = commits0 && commits1 ? commits1.events - commits0.events : null;
    // Both answers come back to back: listen for both before either can arrive.
    const answers = Promise.all([pool.collect('dm.result', opts.timeoutMs * 4), pool.collect('finished', opts.timeoutMs * 4)]);
    pool.broadcast({ type: 'finish' });
    const [results] = await answers;
    const ack = new Histogram();
    const delivery = new Histogram();
    for (const r of results) {
      ack.merge(r.ack);
      delivery.merge(r.delivery);
    }
    const v = checkLedger(
      results.map((r) => r.ledger),
      setup.conversations,
      ctx.driver === 'backchannel',
    );
    const groups = plan.filter((c) => c.length > 2).length;
    return {
      workload: 'dm',
      server: `${ctx.driver} (${ctx.target.label})`,
      parameters: {
        users: opts.users,
        conversations: plan.length,
        groups: `${groups}x${opts.groupSize}`,
        mode: opts.rate === null ? `closed(window ${opts.window})` : `open(${opts.rate}/s)`,
        duration_s: opts.durationS,
        message_bytes: opts.messageBytes,
        workers: W,
      },
      throughput_per_s: Math.round(v.acked / elapsedS),
      latency_ms: ack.percentilesMs(),
      sent: v.sent,
      acked: v.acked,
      delivered: v.delivered,
      lost: v.lost,
      duplicated: v.duplicated,
      server_rss_mb: rss,
      server_cpu_s: serverCpu,
      client_cpu_s: Math.round(results.reduce((n, r) => n + r.cpuS, 0) * 100) / 100,
      details: {
        delivery_latency_ms: delivery.percentilesMs(),
        deliveries_per_s: Math.round(v.delivered / elapsedS),
        expected_deliveries: v.expectedDeliveries,
        failed: v.failed,
        delivered_unacked: v.deliveredUnacked,
        delivered_failed: v.deliveredFailed,
        misrouted: v.misrouted,
        out_of_order: v.outOfOrder,
        server_runqueue_wait_s: runqueueWait ?? 'n/a',
        commits: batches ?? 'n/a',
        mean_events_per_commit: batches && batchEvents !== null ? Math.round((batchEvents / batches) * 10) / 10 : 'n/a',
        setup_s: Math.round(setup.setupMs / 100) / 10,
        storage: ctx.target.notes.storage ?? 'unknown',
      },
      errors: results.flatMap((r) => r.errorSamples),
      loadWindowUs: { from: fromUs, to: toUs },
    };
  } finally {
    await pool.close();
  }
}
