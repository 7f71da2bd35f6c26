/**
 * Test setup: refuse any outbound connection that is not to loopback (127.0.0.0/8, ::1, localhost)
 * or a unix socket, and fail loudly. No test traffic ever leaves the machine.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+|\[::1\])$/i;

export function assertLoopback(host: string | undefined): void {
  if (host === undefined || host === '') return; // Node defaults to localhost
  if (!LOOPBACK.test(host)) {
    throw new Error(`test network guard: refused outbound connection to ${host} (tests may only reach loopback)`);
  }
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  if (Array.isArray(first)) {
    const opts = first[0] as net.NetConnectOpts | undefined;
    if (opts && 'host' in opts) assertLoopback(opts.host);
  } else if (typeof first === 'object' && first !== null) {
    const opts = first as { host?: string; path?: string };
    if (!opts.path) assertLoopback(opts.host);
  } else if (typeof first === 'number') {
    assertLoopback(typeof args[1] === 'string' ? args[1] : undefined);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
