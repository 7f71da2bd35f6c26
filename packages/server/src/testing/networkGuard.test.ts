import net from 'node:net';
import { describe, expect, it } from 'vitest';

// scripts/test-network-guard.ts is a setup file of every test run: this proves it is active.
describe('the test network guard', () => {
  it.each(['10.255.255.1', '192.168.1.1', '8.8.8.8', 'example.com'])('refuses a connection to %s before any packet leaves', (host) => {
    expect(() => net.connect({ host, port: 80 })).toThrow(/refused outbound connection/);
  });

  it('allows loopback', async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve()));
      s.on('error', reject);
    });
    server.close();
  });
});
