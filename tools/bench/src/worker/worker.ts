/**
 * Worker process entry (forked by the coordinator). Holds client sockets and runs one task at a
 * time on command; reports counters, histograms and ledger parts back over IPC. A worker whose
 * coordinator disappears exits (the IPC channel closes), so no orphan keeps sockets open.
 */
import type { BenchUser, ClientFactory, DriverName } from '../drivers/types.js';
import { BackchannelClientFactory } from '../drivers/backchannel/client.js';
import { EjabberdClientFactory } from '../peers/ejabberd/client.js';
import { selfCpuS } from '../procstat.js';
import { runCatchup } from './catchupTask.js';
import { ConnectTask } from './connectTask.js';
import { DmTask } from './dmTask.js';
import { RoomTask } from './roomTask.js';
import type { FromWorker, ToWorker } from './protocol.js';

function send(msg: FromWorker): void {
  // After the coordinator let go of us there is nobody to tell; writing would raise EPIPE.
  if (process.connected) process.send?.(msg);
}

function factories(driver: DriverName, urls: string[]): (u: BenchUser) => ClientFactory {
  const list = urls.map((url) => (driver === 'ejabberd' ? new EjabberdClientFactory(url) : new BackchannelClientFactory(url)));
  // Spread users over the target's nodes (one node today; --cluster gives several).
  return (u) => list[u.index % list.length] ?? (list[0] as ClientFactory);
}

let factoryFor: (u: BenchUser) => ClientFactory = () => {
  throw new Error('worker not initialised');
};
let timeoutMs = 10_000;
let dm: DmTask | null = null;
let connect: ConnectTask | null = null;
let room: RoomTask | null = null;
let progressTimer: NodeJS.Timeout | null = null;
let roomTimer: NodeJS.Timeout | null = null;
let roomCpu0: NodeJS.CpuUsage | null = null;
const cpuStart = process.cpuUsage();

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      factoryFor = factories(msg.driver, msg.urls);
      timeoutMs = msg.timeoutMs;
      const started = Date.now();
      if (msg.users.length > 0) {
        dm = new DmTask(factoryFor, msg.users, msg.conversations, timeoutMs, msg.driver === 'backchannel');
        await dm.connectAll();
      }
      connect = new ConnectTask(factoryFor, timeoutMs);
      send({ type: 'ready', connected: msg.users.length, connectMs: Date.now() - started });
      return;
    }
    case 'dm.start': {
      const task = dm;
      if (!task) throw new Error('dm.start before init with users');
      if (progressTimer) clearInterval(progressTimer);
      progressTimer = setInterval(() => send({ type: 'progress', counters: { ...task.counters }, ackP99Ms: task.ack.quantile(0.99) / 1000 }), 500);
      await task.run(msg.params);
      return;
    }
    case 'dm.stop': {
      if (!dm) return;
      await dm.stop();
      send({ type: 'dm.stopped', counters: { ...dm.counters } });
      return;
    }
    case 'dm.phase': {
      if (!dm) throw new Error('dm.phase before init with users');
      send({ type: 'dm.phased', ...dm.nextPhase() });
      return;
    }
    case 'room.join': {
      const task = new RoomTask(factoryFor, timeoutMs);
      room = task;
      const r = await task.join(msg.params);
      send({ type: 'room.joined', joined: r.joined, failed: r.failed, allMs: r.allMs, hist: r.hist.toJSON(), errorSamples: [...task.errorSamples] });
      return;
    }
    case 'room.start': {
      const task = room;
      if (!task) throw new Error('room.start before room.join');
      if (roomTimer) clearInterval(roomTimer);
      roomCpu0 = process.cpuUsage();
      // Until `finish`: the coordinator waits on these counters for the last deliveries.
      roomTimer = setInterval(() => send({ type: 'room.progress', counters: { ...task.counters }, ackP99Ms: task.ack.quantile(0.99) / 1000, deliveryP99Ms: task.delivery.quantile(0.99) / 1000 }), 500);
      await task.run(msg.params);
      return;
    }
    case 'room.stop': {
      if (!room) return;
      const cpu = process.cpuUsage(roomCpu0 ?? undefined);
      await room.stop();
      send({ type: 'room.stopped', counters: { ...room.counters }, userS: cpu.user / 1e6, systemS: cpu.system / 1e6 });
      return;
    }
    case 'catchup.run': {
      const o = await runCatchup(factoryFor, msg.params, timeoutMs);
      send({
        type: 'catchup.result',
        perMissed: o.perMissed.map((x) => ({ missed: x.missed, hist: x.hist.toJSON(), fillMs: x.fillMs })),
        ledger: { lost: o.lost, duplicated: o.duplicated, outOfOrder: o.outOfOrder, expected: o.expected },
        cpuS: selfCpuS(cpuStart),
        errorSamples: o.errorSamples,
      });
      return;
    }
    case 'connect.open': {
      const task = connect ?? new ConnectTask(factoryFor, timeoutMs);
      connect = task;
      const r = await task.open(msg.params);
      send({ type: 'connect.opened', phase: msg.phase, opened: r.opened, failed: r.failed, allMs: r.allMs, hist: r.hist.toJSON(), errorSamples: task.errorSamples });
      return;
    }
    case 'connect.drop':
      connect?.drop();
      send({ type: 'connect.dropped' });
      return;
    case 'finish': {
      if (progressTimer) clearInterval(progressTimer);
      if (roomTimer) clearInterval(roomTimer);
      if (room) {
        send({ type: 'room.result', ledger: room.ledgerPart(), sends: room.sends, delivery: room.delivery.toJSON(), ack: room.ack.toJSON(), counters: { ...room.counters }, errorSamples: room.errorSamples });
        room.closeAll();
      }
      if (dm) {
        send({ type: 'dm.result', ack: dm.ack.toJSON(), delivery: dm.delivery.toJSON(), ledger: dm.ledger, counters: dm.counters, cpuS: selfCpuS(cpuStart), errorSamples: dm.errorSamples });
        dm.closeAll();
      }
      connect?.drop();
      send({ type: 'finished', cpuS: selfCpuS(cpuStart) });
      return;
    }
  }
}

process.on('message', (msg: ToWorker) => {
  handle(msg).catch((err: unknown) => send({ type: 'fatal', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});
process.on('disconnect', () => process.exit(0));
