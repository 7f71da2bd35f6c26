/**
 * The worker side of `connect`: open many idle sockets (each waits for `ready`), report how long
 * the whole batch took, keep them open while the coordinator measures the server, then drop them
 * all at once and open them again (the reconnect storm).
 */
import type { BenchClient, BenchUser, ClientFactory } from '../drivers/types.js';
import { Histogram, nowUs } from '../stats.js';
import type { ConnectParams } from './protocol.js';

export class ConnectTask {
  private clients: BenchClient[] = [];
  readonly errorSamples: string[] = [];
  closedByServer = 0;

  constructor(private readonly factoryFor: (u: BenchUser) => ClientFactory, private readonly timeoutMs: number) {}

  async open(p: ConnectParams): Promise<{ opened: number; failed: number; allMs: number; hist: Histogram }> {
    const hist = new Histogram();
    const t0 = Date.now();
    let next = 0;
    let failed = 0;
    const deadline = Date.now() + this.timeoutMs * 10;
    const lane = async () => {
      while (next < p.sockets.length && Date.now() < deadline) {
        const u = p.sockets[next++];
        if (!u) continue;
        const s = nowUs();
        try {
          const c = await this.factoryFor(u).connect(
            u,
            { onMessage: () => undefined, onClose: () => this.closedByServer++, onError: (r) => this.sample(r) },
            { timeoutMs: this.timeoutMs },
          );
          hist.record(nowUs() - s);
          this.clients.push(c);
        } catch (err) {
          failed++;
          this.sample((err as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, p.concurrency) }, lane));
    return { opened: this.clients.length, failed, allMs: Date.now() - t0, hist };
  }

  private sample(m: string): void {
    if (this.errorSamples.length < 10) this.errorSamples.push(m);
  }

  drop(): void {
    for (const c of this.clients) c.close();
    this.clients = [];
  }
}
