/**
 * A local HTTP server for link-preview tests, on 127.0.0.1 port 0: routes are handlers by path,
 * each hit is counted. Also records every outbound connect() of the process while `watchConnects`
 * is on, so a test can prove that a refused URL never reached a socket.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Resolver } from './policy.js';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface FixtureServer {
  port: number;
  /** `http://<host>:<port>`; host defaults to 127.0.0.1. */
  origin(host?: string): string;
  hits: Map<string, number>;
  route(path: string, h: Handler): void;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Handler> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const h = table.get(path);
    if (!h) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    h(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: (host = '127.0.0.1') => `http://${host}:${port}`,
    hits,
    route: (path, h) => void table.set(path, h),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A resolver from a fixed table (never real DNS). An array of answers is used one per call, the last one repeating. */
export function tableResolver(table: Record<string, string | string[] | string[][]>, calls: string[] = []): Resolver {
  const count = new Map<string, number>();
  return async (hostname) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    let answer: string[];
    if (Array.isArray(entry) && Array.isArray(entry[0])) {
      const n = count.get(hostname) ?? 0;
      count.set(hostname, n + 1);
      const seq = entry as string[][];
      answer = seq[Math.min(n, seq.length - 1)]!;
    } else {
      answer = Array.isArray(entry) ? (entry as string[]) : [entry];
    }
    return answer.map((address) => ({ address, family: net.isIP(address) }));
  };
}

/** Records the host of every net.Socket connect() while on (wraps the test network guard's wrapper). */
export function watchConnects(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function recording(this: net.Socket, ...args: unknown[]) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; port?: number } | number | undefined;
    if (typeof first === 'object' && first !== null) hosts.push(`${first.host ?? 'localhost'}:${first.port}`);
    else if (typeof first === 'number') hosts.push(`${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return { hosts, stop: () => void (net.Socket.prototype.connect = original) };
}
