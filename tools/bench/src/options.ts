/**
 * Command-line options. Every run is bounded: a duration, a message cap and a setup deadline always
 * apply, with defaults when not given.
 */
import { parseArgs } from 'node:util';
import { PEER_STORAGES, type PeerStorage } from './peers/ejabberd/config.js';

export const WORKLOADS = ['dm', 'catchup', 'connect', 'room'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export interface Options {
  workload: WorkloadName;
  url: string | null;
  serverPid: number | null;
  cluster: boolean;
  peer: 'ejabberd' | null;
  peerStorage: PeerStorage;
  json: boolean;
  cpuProf: string | null;
  workers: number;
  users: number;
  durationS: number;
  rate: number | null;
  window: number;
  messageBytes: number;
  maxMessages: number;
  groupShare: number;
  groupSize: number;
  missed: number[];
  runs: number;
  sockets: number;
  socketsPerUser: number;
  listeners: number;
  senders: number;
  dmPairs: number;
  dmRate: number;
  idleS: number;
  concurrency: number;
  setupConcurrency: number;
  setupTimeoutS: number;
  timeoutMs: number;
  /** room: the Q&A vote phase during the chat (workloads/roomQa.ts); null: off. */
  qa: { questions: number; windowS: number; duplicateShare: number; probes: number } | null;
}

export const USAGE = `usage: npm run bench -- <dm|catchup|connect|room> [options]

target      --url http://127.0.0.1:PORT [--server-pid PID]   drive a running loopback server
            --cluster                                        (not yet: see target/target.ts)
            (default: start packages/server/dist/main.js embedded, port 0, temp data dir)
            --cpu-prof DIR      embedded server runs with --cpu-prof; a summary is printed
peer        --peer ejabberd [--peer-storage sqlite-wal|sqlite|mnesia|none]   dm and room
output      --json              one JSON object on the last line of stdout
common      --workers N (2)  --duration S (20)  --message-bytes B (100)  --timeout-ms MS (15000)
            --setup-concurrency N (16)  --setup-timeout S (600)
dm          --users N (1000)  --rate R (closed loop when absent)  --window N (1 closed, 64 open)
            --max-messages N (2000000)  --group-share F (0.2)  --group-size N (4)
catchup     --missed 1000,10000  --runs N (20)
connect     --sockets N (10000)  --sockets-per-user N (100)  --concurrency N (256 per worker)
room        --listeners N (8000)  --rate R msgs/s from all senders (20)  --senders N (2)
            --sockets-per-user N (1: every listener its own user)  --concurrency N (joins, 64 per worker)
            --dm-pairs N (10)  --dm-rate R (100)  --idle S (5: DMs alone before the room chat)
            --qa: every listener votes once on --qa-questions N (20) within --qa-window S (10) during the chat;
            --qa-duplicates F (0.1: votes sent twice)  --qa-probes N (10: sockets counting vote frames)
            --window N (64 sends in flight per sender)  --max-messages N  --message-bytes B (100, max 500)`;

function num(v: string | undefined, name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number in [${min}, ${max}], got ${v}`);
  return n;
}

export function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'server-pid': { type: 'string' },
      cluster: { type: 'boolean' },
      peer: { type: 'string' },
      'peer-storage': { type: 'string' },
      json: { type: 'boolean' },
      'cpu-prof': { type: 'string' },
      workers: { type: 'string' },
      users: { type: 'string' },
      duration: { type: 'string' },
      rate: { type: 'string' },
      window: { type: 'string' },
      'message-bytes': { type: 'string' },
      'max-messages': { type: 'string' },
      'group-share': { type: 'string' },
      'group-size': { type: 'string' },
      missed: { type: 'string' },
      runs: { type: 'string' },
      sockets: { type: 'string' },
      'sockets-per-user': { type: 'string' },
      listeners: { type: 'string' },
      senders: { type: 'string' },
      'dm-pairs': { type: 'string' },
      'dm-rate': { type: 'string' },
      idle: { type: 'string' },
      concurrency: { type: 'string' },
      'setup-concurrency': { type: 'string' },
      'setup-timeout': { type: 'string' },
      'timeout-ms': { type: 'string' },
      qa: { type: 'boolean' },
      'qa-questions': { type: 'string' },
      'qa-window': { type: 'string' },
      'qa-duplicates': { type: 'string' },
      'qa-probes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const workload = positionals[0] as WorkloadName | undefined;
  if (values.help || !workload) throw new Error(USAGE);
  if (!WORKLOADS.includes(workload)) throw new Error(`unknown workload ${workload}\n${USAGE}`);
  if (values.peer !== undefined && values.peer !== 'ejabberd') throw new Error(`unknown peer ${values.peer} (known: ejabberd)`);
  const peerStorage = (values['peer-storage'] ?? 'sqlite-wal') as PeerStorage;
  if (!PEER_STORAGES.includes(peerStorage)) throw new Error(`--peer-storage must be one of ${PEER_STORAGES.join(', ')}`);
  // A room always runs open loop (a chat has a rate, not a window); 20 msgs/s is the target.
  const rate = values.rate === undefined ? (workload === 'room' ? 20 : null) : num(values.rate, 'rate', 0, 1, 1_000_000);
  const room = workload === 'room';
  const peer = values.peer === 'ejabberd' ? 'ejabberd' : null;
  return {
    workload,
    url: values.url ?? null,
    serverPid: values['server-pid'] === undefined ? null : num(values['server-pid'], 'server-pid', 0, 1),
    cluster: values.cluster ?? false,
    peer,
    peerStorage,
    json: values.json ?? false,
    cpuProf: values['cpu-prof'] ?? null,
    workers: num(values.workers, 'workers', 2, 1, 64),
    users: num(values.users, 'users', 1000, 2, 100_000),
    durationS: num(values.duration, 'duration', 20, 0.5, 3600),
    rate,
    window: num(values.window, 'window', rate === null ? 1 : 64, 1, 10_000),
    messageBytes: num(values['message-bytes'], 'message-bytes', 100, 40, room ? 500 : 4000),
    maxMessages: num(values['max-messages'], 'max-messages', 2_000_000, 1, 100_000_000),
    // The ejabberd peer runs 1:1 only, and so does its Backchannel side, for a like-for-like pair.
    groupShare: peer ? 0 : num(values['group-share'], 'group-share', 0.2, 0, 1),
    groupSize: num(values['group-size'], 'group-size', 4, 3, 100),
    missed: (values.missed ?? '1000,10000').split(',').map((s) => num(s, 'missed', 0, 1, 1_000_000)),
    runs: num(values.runs, 'runs', 20, 1, 1000),
    sockets: num(values.sockets, 'sockets', 10_000, 1, 1_000_000),
    // XMPP binds one resource per login in the peer client: one socket per user there.
    socketsPerUser: peer && room ? 1 : num(values['sockets-per-user'], 'sockets-per-user', room ? 1 : 100, 1, 10_000),
    concurrency: num(values.concurrency, 'concurrency', room ? 64 : 256, 1, 100_000),
    listeners: num(values.listeners, 'listeners', 8000, 1, 200_000),
    senders: num(values.senders, 'senders', 2, 1, 100),
    dmPairs: num(values['dm-pairs'], 'dm-pairs', 10, 0, 10_000),
    dmRate: num(values['dm-rate'], 'dm-rate', 100, 1, 100_000),
    idleS: num(values.idle, 'idle', 5, 0.5, 600),
    setupConcurrency: num(values['setup-concurrency'], 'setup-concurrency', 16, 1, 1000),
    setupTimeoutS: num(values['setup-timeout'], 'setup-timeout', 600, 1, 7200),
    timeoutMs: num(values['timeout-ms'], 'timeout-ms', 15_000, 100, 600_000),
    qa:
      room && values.qa
        ? {
            questions: num(values['qa-questions'], 'qa-questions', 20, 1, 1000),
            windowS: num(values['qa-window'], 'qa-window', 10, 0.5, 600),
            duplicateShare: num(values['qa-duplicates'], 'qa-duplicates', 0.1, 0, 1),
            probes: num(values['qa-probes'], 'qa-probes', 10, 1, 1000),
          }
        : null,
  };
}
