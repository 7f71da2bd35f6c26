/**
 * Messages between the coordinator (cli) and its worker processes over the fork IPC channel.
 * Workers own the client sockets; the coordinator owns the server, the plan and the verdict.
 */
import type { BenchConversation, BenchRoom, BenchUser, DriverName } from '../drivers/types.js';
import type { LedgerPart } from '../ledger.js';
import type { RoomLedgerPart, RoomSendPart } from '../roomLedger.js';
import type { HistogramData } from '../stats.js';

export interface DmParams {
  durationMs: number;
  /** Total target rate across all workers (open loop), or null for closed loop. */
  ratePerS: number | null;
  /** Closed loop: sends in flight per user. Open loop: cap on sends in flight per user. */
  window: number;
  messageBytes: number;
  /** Upper bound on sends by this worker. */
  maxMessages: number;
}

export interface CatchupParams {
  missed: number[];
  runs: number;
  messageBytes: number;
  /** The user who misses messages, the one who sends them, and their 1:1. */
  reader: BenchUser;
  sender: BenchUser;
  conversation: BenchConversation;
}

export interface ConnectParams {
  /** One entry per socket to open (users repeat when they own several sockets). */
  sockets: BenchUser[];
  concurrency: number;
}

export interface RoomJoinParams {
  room: BenchRoom;
  /** One entry per listener socket (a user repeats when it owns several sockets). */
  listeners: BenchUser[];
  /** The users who post (worker 0 only; the room's host is the first). */
  senders: BenchUser[];
  /** Joins in flight in this worker. */
  concurrency: number;
  deadlineMs: number;
}

export interface RoomRunParams {
  durationMs: number;
  /** Messages per second from all senders together. */
  ratePerS: number;
  /** Sends in flight per sender before the loop waits (the server is behind). */
  window: number;
  messageBytes: number;
  maxMessages: number;
}

export interface RoomCounters {
  sent: number;
  acked: number;
  failed: number;
  /** First copies received by this worker's listeners. */
  received: number;
  errors: number;
  /** Sockets the server closed (a slow consumer, among others). */
  closed: number;
  inFlight: number;
}

export type ToWorker =
  | { type: 'init'; workerIndex: number; driver: DriverName; urls: string[]; timeoutMs: number; users: BenchUser[]; conversations: BenchConversation[] }
  | { type: 'dm.start'; params: DmParams }
  | { type: 'dm.stop' }
  /** Returns the dm histograms so far (`dm.phased`) and starts new ones: the next dm.start measures afresh. */
  | { type: 'dm.phase' }
  | { type: 'room.join'; params: RoomJoinParams }
  | { type: 'room.start'; params: RoomRunParams }
  | { type: 'room.stop' }
  | { type: 'catchup.run'; params: CatchupParams }
  | { type: 'connect.open'; params: ConnectParams; phase: string }
  | { type: 'connect.drop' }
  | { type: 'finish' };

export interface Counters {
  sent: number;
  acked: number;
  failed: number;
  /** Deliveries this worker's clients received (all messages of this run). */
  received: number;
  /** Deliveries the acked messages of this worker's senders owe (members × acked). */
  owed: number;
  errors: number;
  inFlight: number;
}

export type FromWorker =
  | { type: 'ready'; connected: number; connectMs: number }
  | { type: 'progress'; counters: Counters; ackP99Ms: number }
  | { type: 'dm.stopped'; counters: Counters }
  | { type: 'dm.phased'; ack: HistogramData; delivery: HistogramData }
  | { type: 'room.joined'; joined: number; failed: number; allMs: number; hist: HistogramData; errorSamples: string[] }
  | { type: 'room.progress'; counters: RoomCounters; ackP99Ms: number; deliveryP99Ms: number }
  /** `userS`/`systemS`: this worker's CPU from room.start to room.stop (the clients' own cost under load). */
  | { type: 'room.stopped'; counters: RoomCounters; userS: number; systemS: number }
  | { type: 'room.result'; ledger: RoomLedgerPart; sends: RoomSendPart; delivery: HistogramData; ack: HistogramData; counters: RoomCounters; errorSamples: string[] }
  | { type: 'dm.result'; ack: HistogramData; delivery: HistogramData; ledger: LedgerPart; counters: Counters; cpuS: number; errorSamples: string[] }
  | { type: 'catchup.result'; perMissed: { missed: number; hist: HistogramData; fillMs: number }[]; ledger: { lost: number; duplicated: number; outOfOrder: number; expected: number }; cpuS: number; errorSamples: string[] }
  | { type: 'connect.opened'; phase: string; opened: number; failed: number; allMs: number; hist: HistogramData; errorSamples: string[] }
  | { type: 'connect.dropped' }
  | { type: 'finished'; cpuS: number }
  | { type: 'fatal'; message: string };
