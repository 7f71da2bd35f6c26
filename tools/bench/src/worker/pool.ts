/**
 * Coordinator side of the workers: fork N processes, broadcast commands, and await one answer of a
 * given type from each, always with a deadline. A worker that dies or reports `fatal` fails the run
 * with its message instead of hanging it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from './protocol.js';

const ENTRY = fileURLToPath(new URL('./worker.js', import.meta.url));
/**
 * `BENCH_WORKER_CPU_PROF=DIR` profiles the worker processes (the load tool's own clients), one
 * .cpuprofile each in DIR: on two shared cores the clients' cost decides what a run can show.
 */
const PROF_DIR = process.env.BENCH_WORKER_CPU_PROF;
const EXEC_ARGV = PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`] : [];

type Listener = (msg: FromWorker) => void;

export class WorkerPool {
  private readonly children: ChildProcess[] = [];
  private readonly listeners = new Set<{ index: number; fn: Listener }>();
  private failure: Error | null = null;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const child = fork(ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', execArgv: EXEC_ARGV });
      child.on('message', (msg: FromWorker) => {
        if (msg.type === 'fatal') this.fail(new Error(`worker ${i}: ${msg.message}`));
        for (const l of this.listeners) if (l.index === i || l.index === -1) l.fn(msg);
      });
      child.on('exit', (code, signal) => {
        if (code !== 0 && code !== null) this.fail(new Error(`worker ${i} exited with ${code}`));
        if (signal) this.fail(new Error(`worker ${i} killed by ${signal}`));
      });
      this.children.push(child);
    }
  }

  get size(): number {
    return this.children.length;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const l of this.listeners) l.fn({ type: 'fatal', message: err.message });
  }

  send(index: number, msg: ToWorker): void {
    this.children[index]?.send(msg);
  }

  broadcast(msg: ToWorker | ((i: number) => ToWorker)): void {
    this.children.forEach((c, i) => c.send(typeof msg === 'function' ? msg(i) : msg));
  }

  /** Subscribes to every worker's messages (e.g. progress); returns the unsubscribe function. */
  on(fn: Listener): () => void {
    const entry = { index: -1, fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Subscribes to one worker's messages. */
  onWorker(index: number, fn: Listener): () => void {
    const entry = { index, fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Waits for one message of `type` from each worker in `indexes` (default all). */
  collect<T extends FromWorker['type']>(type: T, timeoutMs: number, indexes?: number[]): Promise<Extract<FromWorker, { type: T }>[]> {
    const want = indexes ?? this.children.map((_, i) => i);
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const got = new Map<number, Extract<FromWorker, { type: T }>>();
      const entries: { index: number; fn: Listener }[] = [];
      const done = (err: Error | null) => {
        clearTimeout(timer);
        for (const e of entries) this.listeners.delete(e);
        if (err) reject(err);
        else resolve(want.map((i) => got.get(i) as Extract<FromWorker, { type: T }>));
      };
      const timer = setTimeout(() => done(new Error(`workers did not answer '${type}' within ${timeoutMs} ms (${got.size}/${want.length})`)), timeoutMs);
      for (const i of want) {
        const e = {
          index: i,
          fn: (msg: FromWorker) => {
            if (msg.type === 'fatal') return done(new Error(msg.message));
            if (msg.type !== type) return;
            got.set(i, msg as Extract<FromWorker, { type: T }>);
            if (got.size === want.length) done(null);
          },
        };
        entries.push(e);
        this.listeners.add(e);
      }
    });
  }

  /** Asks workers to finish, then makes sure each process is gone (bounded). */
  async close(): Promise<void> {
    const exits = this.children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const t = setTimeout(() => (c.kill('SIGKILL'), resolve()), 10_000);
          c.once('exit', () => (clearTimeout(t), resolve()));
        }),
    );
    for (const c of this.children) if (c.connected) c.disconnect();
    await Promise.all(exits);
  }
}
