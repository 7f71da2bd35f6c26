/**
 * A loopback TCP proxy for fault drills in tests: put it between a node and PostgreSQL or NATS to
 * take the service "down" (`cut`: drop every connection and refuse new ones), bring it back on the
 * same port (`restore`), or kill a connection the moment the client sends some bytes (e.g. a
 * COMMIT), without touching the shared service other tests use.
 */
import net from 'node:net';

export interface TcpFaultProxy {
  /** host:port of the proxy, to put in the client's URL. */
  readonly port: number;
  /** Replaces host:port of `url` with the proxy's. */
  url(url: string): string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** The next client packet containing `marker` kills its connection before reaching the server. */
  killOnClientBytes(marker: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpFaultProxy(target: { host: string; port: number }): Promise<TcpFaultProxy> {
  const sockets = new Set<net.Socket>();
  let trap: { marker: Buffer; fired: () => void } | null = null;
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const pair = [client, upstream];
    for (const s of pair) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        for (const o of pair) o.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      if (trap && chunk.includes(trap.marker)) {
        const t = trap;
        trap = null;
        client.destroy();
        upstream.destroy();
        t.fired();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  const stop = async () => {
    const closed = new Promise<void>((r) => server.close(() => r()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    port,
    url: (url) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut: stop,
    restore: async () => void (await listen(port)),
    killOnClientBytes: (marker) => new Promise<void>((fired) => (trap = { marker: Buffer.from(marker), fired })),
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
