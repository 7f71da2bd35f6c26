/**
 * `room`: one live room, N listeners, a few senders posting at a fixed rate, and a few DM pairs
 * beside it (docs/performance.md, "room"). Coordinator: setup (REST) → the host creates the room →
 * workers join every listener (many sockets per worker) → DMs alone for `--idle` s (their idle
 * latency) → room chat and DMs together for `--duration` → stop → wait (bounded) for every owed
 * delivery → ledger verdict: every listener got every acked message exactly once.
 */
import { BackchannelProvisioner } from '../drivers/backchannel/provision.js';
import type { BenchUser } from '../drivers/types.js';
import { checkLedger } from '../ledger.js';
import { Progress, log } from '../progress.js';
import type { BenchResult } from '../report.js';
import { checkRoomLedger } from '../roomLedger.js';
import { sampleProc } from '../procstat.js';
import { Histogram, nowUs, type Percentiles } from '../stats.js';
import { waitUntil } from '../util.js';
import { WorkerPool } from '../worker/pool.js';
import type { RoomCounters } from '../worker/protocol.js';
import { provisioner, ServerMeter, setupProgress, type RunContext } from './common.js';
import { QaPhase } from './roomQa.js';

export interface RoomPlan {
  senders: number[];
  /** User index of each listener socket. */
  listenerSockets: number[];
  dmPairs: number[][];
  users: number;
}

/** Senders first (user 0 hosts), then the listeners' users, then the DM pairs. */
export function planRoom(senders: number, listeners: number, socketsPerUser: number, dmPairs: number): RoomPlan {
  const listenerUsers = Math.ceil(listeners / socketsPerUser);
  const first = senders + listenerUsers;
  return {
    senders: Array.from({ length: senders }, (_, i) => i),
    listenerSockets: Array.from({ length: listeners }, (_, k) => senders + (k % listenerUsers)),
    dmPairs: Array.from({ length: dmPairs }, (_, p) => [first + 2 * p, first + 2 * p + 1]),
    users: first + 2 * dmPairs,
  };
}

const sum = (cs: RoomCounters[], k: keyof RoomCounters) => cs.reduce((n, c) => n + c[k], 0);
const peak = (pids: number[]) => Math.round(pids.reduce((n, p) => n + (sampleProc(p)?.hwmMb ?? 0), 0) * 10) / 10;
const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 'n/a');

export async function runRoom(ctx: RunContext): Promise<BenchResult> {
  const { opts } = ctx;
  const rate = opts.rate ?? 20;
  const plan = planRoom(opts.senders, opts.listeners, opts.socketsPerUser, opts.dmPairs);
  const label = `room/${ctx.driver}`;
  log(`[${label}] setup: ${plan.users} users (${opts.senders} senders, ${opts.listeners} listener sockets, ${opts.dmPairs} DM pairs)`);
  const prov = provisioner(ctx);
  const setup = await prov.setup({ users: plan.users, conversations: plan.dmPairs, concurrency: opts.setupConcurrency, deadlineMs: opts.setupTimeoutS * 1000 }, setupProgress(label));
  log(`[${label}] setup took ${(setup.setupMs / 1000).toFixed(1)} s`);
  const user = (i: number): BenchUser => {
    const u = setup.users[i];
    if (!u) throw new Error(`setup: user ${i} missing`);
    return u;
  };
  const host = user(0);
  const room = await prov.createRoom(host, 'Bench room');
  log(`[${label}] room ${room.id}`);

  const pool = new WorkerPool(Math.max(1, Math.min(opts.workers, opts.listeners)));
  const W = pool.size;
  const dmWorker = W - 1;
  const dmUsers = plan.dmPairs.flat().map(user);
  try {
    pool.broadcast((i) => ({
      type: 'init',
      workerIndex: i,
      driver: ctx.driver,
      urls: ctx.target.urls,
      timeoutMs: opts.timeoutMs,
      users: i === dmWorker ? dmUsers : [],
      conversations: i === dmWorker ? setup.conversations : [],
    }));
    await pool.collect('ready', opts.timeoutMs * 10 + dmUsers.length * 50);

    // Join: every listener socket, spread round-robin over the workers; worker 0 also holds the senders.
    const meter = new ServerMeter(ctx.target.pids);
    const joinDeadlineMs = opts.timeoutMs * 4 + opts.listeners * 50;
    log(`[${label}] joining ${opts.listeners} listeners (${opts.concurrency} at a time per worker, ${W} workers)`);
    const joinT0 = Date.now();
    const joinFromUs = nowUs();
    pool.broadcast((i) => ({
      type: 'room.join',
      params: {
        room,
        listeners: plan.listenerSockets.filter((_, k) => k % W === i).map(user),
        senders: i === 0 ? plan.senders.map(user) : [],
        concurrency: opts.concurrency,
        deadlineMs: joinDeadlineMs,
      },
    }));
    const joins = await pool.collect('room.joined', joinDeadlineMs + opts.timeoutMs * 2);
    const joinMs = Date.now() - joinT0;
    const joinToUs = nowUs();
    const joined = joins.reduce((n, j) => n + j.joined, 0);
    const joinHist = new Histogram();
    for (const j of joins) joinHist.merge(j.hist);
    const joinCpu = meter.cpuS();
    const serverListenerCount = prov instanceof BackchannelProvisioner ? await prov.listenerCount(host, room) : null;
    log(`[${label}] ${joined}/${opts.listeners} listeners joined in ${joinMs} ms${serverListenerCount === null ? '' : ` (server counts ${serverListenerCount} listeners)`}`);
    const rssJoined = meter.rssMb();

    // DMs alone: their idle latency, the baseline for "during the room".
    let dmIdle: Percentiles | null = null;
    const dmParams = (durationS: number) => ({ durationMs: durationS * 1000, ratePerS: opts.dmRate, window: 64, messageBytes: 100, maxMessages: Math.ceil(opts.dmRate * durationS) + 1 });
    if (dmUsers.length > 0) {
      log(`[${label}] DMs alone for ${opts.idleS} s at ${opts.dmRate}/s`);
      pool.send(dmWorker, { type: 'dm.start', params: dmParams(opts.idleS) });
      await new Promise((r) => setTimeout(r, opts.idleS * 1000)); // the measured phase itself, bounded
      const stopped = pool.collect('dm.stopped', opts.timeoutMs * 2, [dmWorker]);
      pool.send(dmWorker, { type: 'dm.stop' });
      await stopped;
      const phased = pool.collect('dm.phased', opts.timeoutMs, [dmWorker]);
      pool.send(dmWorker, { type: 'dm.phase' });
      const [idle] = await phased;
      dmIdle = idle ? Histogram.from(idle.ack).percentilesMs() : null;
    }

    // `--qa`: Q&A on and the questions asked now; the votes go during the chat (roomQa.ts).
    const listenerUsers = [...new Set(plan.listenerSockets)].map(user);
    const qa = opts.qa && ctx.target.urls[0] ? new QaPhase(ctx.target.urls[0], host, room, listenerUsers, { ...opts.qa, concurrency: 64, timeoutMs: opts.timeoutMs }) : null;
    await qa?.prepare();

    // The room chat, with the DMs going on.
    const perWorker: RoomCounters[] = Array.from({ length: W }, () => ({ sent: 0, acked: 0, failed: 0, received: 0, errors: 0, closed: 0, inFlight: 0 }));
    let ackP99 = 0;
    let deliveryP99 = 0;
    for (let i = 0; i < W; i++) {
      pool.onWorker(i, (m) => {
        if (m.type === 'room.progress' || m.type === 'room.stopped') perWorker[i] = m.counters;
        if (m.type === 'room.progress') {
          if (i === 0) ackP99 = m.ackP99Ms;
          deliveryP99 = Math.max(deliveryP99 * 0.5, m.deliveryP99Ms);
        }
      });
    }
    // The DM worker's counters (its progress ticks until finish): the DMs' owed deliveries are waited for too.
    let dmCounters = { received: 0, owed: 0 };
    pool.onWorker(dmWorker, (m) => {
      if (m.type === 'progress' || m.type === 'dm.stopped') dmCounters = m.counters;
    });
    const loadMeter = new ServerMeter(ctx.target.pids);
    const progress = new Progress(label);
    const t0 = Date.now();
    const fromUs = nowUs();
    pool.broadcast({ type: 'room.start', params: { durationMs: opts.durationS * 1000, ratePerS: rate, window: opts.window, messageBytes: opts.messageBytes, maxMessages: opts.maxMessages } });
    if (dmUsers.length > 0) pool.send(dmWorker, { type: 'dm.start', params: dmParams(opts.durationS) });
    const qaRun = qa?.run();
    let lastReceived = 0;
    let lastT = t0;
    await waitUntil(() => {
      const now = Date.now();
      if (now - lastT >= 1000) {
        const received = sum(perWorker, 'received');
        progress.update({ elapsedS: (now - t0) / 1000, rate: ((received - lastReceived) * 1000) / (now - lastT), p99Ms: Math.max(ackP99, deliveryP99), errors: sum(perWorker, 'errors') });
        lastReceived = received;
        lastT = now;
      }
      return now - t0 >= opts.durationS * 1000 || sum(perWorker, 'sent') >= opts.maxMessages;
    }, opts.durationS * 1000 + 1000, 100);
    await qaRun;
    const roomStopped = pool.collect('room.stopped', opts.timeoutMs * 2);
    pool.broadcast({ type: 'room.stop' });
    const dmStopped = dmUsers.length > 0 ? pool.collect('dm.stopped', opts.timeoutMs * 2, [dmWorker]) : null;
    if (dmStopped) pool.send(dmWorker, { type: 'dm.stop' });
    const stoppedAll = await roomStopped;
    stoppedAll.forEach((s, i) => (perWorker[i] = s.counters));
    const clientUserS = stoppedAll.reduce((n, s) => n + s.userS, 0);
    const clientSystemS = stoppedAll.reduce((n, s) => n + s.systemS, 0);
    await dmStopped;
    const elapsedS = (Date.now() - t0) / 1000;
    const toUs = nowUs();
    // Every owed delivery should follow the last ack shortly; bounded wait, then judge.
    const owed = () => sum(perWorker, 'acked') * joined;
    await waitUntil(() => sum(perWorker, 'received') >= owed() && dmCounters.received >= dmCounters.owed, opts.timeoutMs, 100);
    progress.done();
    const serverCpu = loadMeter.cpuS();
    const runqueueWait = loadMeter.runqueueWaitS();
    const rss = loadMeter.rssMb();
    const rssPeak = peak(ctx.target.pids);

    const answers = Promise.all([
      pool.collect('room.result', opts.timeoutMs * 4),
      dmUsers.length > 0 ? pool.collect('dm.result', opts.timeoutMs * 4, [dmWorker]) : Promise.resolve([]),
      pool.collect('finished', opts.timeoutMs * 4),
    ]);
    pool.broadcast({ type: 'finish' });
    const [results, dmResults, finished] = await answers;
    const delivery = new Histogram();
    const ack = new Histogram();
    for (const r of results) {
      delivery.merge(r.delivery);
      ack.merge(r.ack);
    }
    const v = checkRoomLedger(
      results.map((r) => r.sends),
      results.map((r) => r.ledger),
    );
    const qaResult = qa ? await qa.result() : null;
    const dm = dmResults[0];
    const dmDuring = dm ? Histogram.from(dm.ack).percentilesMs() : null;
    const dmVerdict = dm ? checkLedger([dm.ledger], setup.conversations, ctx.driver === 'backchannel') : null;
    const closed = results.reduce((n, r) => n + r.counters.closed, 0);
    return {
      workload: 'room',
      server: `${ctx.driver} (${ctx.target.label})`,
      parameters: {
        listeners: opts.listeners,
        listener_users: plan.users - opts.senders - 2 * opts.dmPairs,
        senders: opts.senders,
        rate_per_s: rate,
        duration_s: opts.durationS,
        message_bytes: opts.messageBytes,
        dm_pairs: opts.dmPairs,
        dm_rate_per_s: opts.dmRate,
        workers: W,
      },
      throughput_per_s: Math.round(v.delivered / elapsedS),
      latency_ms: delivery.percentilesMs(),
      sent: v.sent,
      acked: v.acked,
      delivered: v.delivered,
      lost: v.lost,
      duplicated: v.duplicated,
      server_rss_mb: rss,
      server_cpu_s: serverCpu,
      client_cpu_s: Math.round(finished.reduce((n, f) => n + f.cpuS, 0) * 100) / 100,
      details: {
        last_listener_latency_ms: v.lastListener.percentilesMs(),
        send_ack_latency_ms: ack.percentilesMs(),
        messages_per_s: Math.round((v.acked / elapsedS) * 10) / 10,
        expected_deliveries: v.expectedDeliveries,
        incomplete_messages: v.incompleteMessages,
        failed: v.failed,
        delivered_unacked: v.deliveredUnacked,
        delivered_failed: v.deliveredFailed,
        out_of_order: v.outOfOrder,
        foreign_frames: v.foreign,
        listeners_joined: joined,
        listeners_closed_by_server: closed,
        server_listener_count: serverListenerCount ?? 'n/a',
        join_all_ms: joinMs,
        join_latency_ms: joinHist.percentilesMs(),
        join_server_cpu_s: joinCpu ?? 'n/a',
        dm_ack_idle_ms: dmIdle ?? 'n/a',
        dm_ack_during_room_ms: dmDuring ?? 'n/a',
        dm_ack_p99_during_over_idle: dmIdle && dmDuring ? ratio(dmDuring.p99, dmIdle.p99) : 'n/a',
        dm_lost_duplicated: dmVerdict ? `${dmVerdict.lost} / ${dmVerdict.duplicated}` : 'n/a',
        dm_failed: dmVerdict?.failed ?? 'n/a',
        client_cpu_load_s: `${Math.round((clientUserS + clientSystemS) * 100) / 100} (user ${Math.round(clientUserS * 100) / 100}, system ${Math.round(clientSystemS * 100) / 100})`,
        client_cpu_us_per_delivery: v.delivered > 0 ? Math.round(((clientUserS + clientSystemS) * 1e6 * 100) / v.delivered) / 100 : 'n/a',
        server_cpu_us_per_delivery: serverCpu !== null && v.delivered > 0 ? Math.round((serverCpu * 1e6 * 100) / v.delivered) / 100 : 'n/a',
        server_runqueue_wait_s: runqueueWait ?? 'n/a',
        server_rss_after_join_mb: rssJoined ?? 'n/a',
        server_peak_rss_mb: rssPeak,
        setup_s: Math.round(setup.setupMs / 100) / 10,
        storage: ctx.target.notes.storage ?? 'unknown',
        ...(qaResult ?? {}),
      },
      errors: results.flatMap((r) => r.errorSamples).slice(0, 20),
      loadWindowUs: { from: fromUs, to: toUs },
      phaseWindowsUs: { 'join phase': { from: joinFromUs, to: joinToUs } },
    };
  } finally {
    await pool.close();
  }
}
