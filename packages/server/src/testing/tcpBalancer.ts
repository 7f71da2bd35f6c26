/**
 * A loopback TCP load balancer for multi-node tests, standing in for nginx: each new connection
 * goes to the next backend that accepts it (round robin, skipping dead ones), so a client whose
 * node dies reconnects through the same address and lands on a live node.
 */
import net from 'node:net';

export interface TcpBalancer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startTcpBalancer(backendPorts: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const dial = (client: net.Socket, tried: number) => {
    if (tried >= backendPorts.length) return client.destroy();
    const port = backendPorts[next++ % backendPorts.length]!;
    const upstream = net.connect({ host: '127.0.0.1', port });
    sockets.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => undefined); // 'close' follows and decides
    upstream.once('close', () => {
      sockets.delete(upstream);
      if (connected) client.destroy();
      else if (!client.destroyed) dial(client, tried + 1);
    });
    client.once('close', () => upstream.destroy());
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.once('close', () => sockets.delete(client));
    dial(client, 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
