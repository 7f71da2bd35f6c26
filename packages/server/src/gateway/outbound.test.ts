/**
 * Frames built once (fanout/wireFrame.ts) and written by Outbound straight to the socket under
 * `ws` arrive at a standard `ws` client as the same text messages, in order — across the length
 * encodings of RFC 6455 (7-bit, 16-bit, 64-bit), multi-byte UTF-8, and several frames coalesced
 * into one write — and interleave correctly with frames `ws` itself sends.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { frameText, textFrame } from '../fanout/wireFrame.js';
import { Outbound, OutputScheduler } from './outbound.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise((r) => s.close(r));
  }
});

async function pair(): Promise<{ server: WebSocket; client: WebSocket; received: string[] }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  servers.push(wss);
  await once(wss, 'listening');
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false);
    received.push(String(data));
  });
  const [server] = (await once(wss, 'connection')) as [WebSocket];
  await once(client, 'open');
  return { server, client, received };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('Outbound and wire frames', () => {
  it('frames every payload length encoding and multi-byte text exactly as ws would', () => {
    for (const text of ['', 'a', 'x'.repeat(125), 'x'.repeat(126), 'é'.repeat(40_000), 'y'.repeat(65_535), 'z'.repeat(65_536), '🎙️ room']) {
      expect(frameText(textFrame(text))).toBe(text);
    }
  });

  it('delivers the same frame bytes to many sockets, coalesced per turn, in order', async () => {
    const a = await pair();
    const b = await pair();
    const texts = ['hello', 'x'.repeat(126), '«é»'.repeat(30_000), 'z'.repeat(70_000), '{"type":"room.message_created"}'];
    const scheduler = new OutputScheduler(0);
    const outA = new Outbound(a.server, 1 << 22, scheduler);
    const outB = new Outbound(b.server, 1 << 22, scheduler);
    for (const t of texts) {
      const frame = textFrame(t);
      expect(outA.push(frame)).toBe(true);
      expect(outB.push(frame)).toBe(true);
    }
    // ws's own frames go out between ours, never inside one.
    a.server.send('from ws');
    await until(() => a.received.length === texts.length + 1 && b.received.length === texts.length);
    expect(a.received).toEqual(['from ws', ...texts]);
    expect(b.received).toEqual(texts);
  });

  it('holds room frames for one write per interval, and any other frame takes them along in order', async () => {
    const a = await pair();
    const b = await pair();
    const scheduler = new OutputScheduler(50);
    const outA = new Outbound(a.server, 1 << 22, scheduler);
    const outB = new Outbound(b.server, 1 << 22, scheduler);
    const writes = { a: 0, b: 0 };
    const raw = (ws: WebSocket) => (ws as unknown as { _socket: { write: (c: Buffer) => boolean } })._socket;
    for (const [key, ws] of [['a', a.server], ['b', b.server]] as const) {
      const socket = raw(ws);
      const write = socket.write.bind(socket);
      socket.write = (c: Buffer) => {
        writes[key]++;
        return write(c);
      };
    }
    // The first room frame after a quiet spell leaves at once; the next ones of the interval wait
    // and leave together.
    outA.push(textFrame('r1'), 'room');
    outB.push(textFrame('r1'), 'room');
    await until(() => a.received.length === 1 && b.received.length === 1);
    for (const t of ['r2', 'r3', 'r4']) {
      outA.push(textFrame(t), 'room');
      outB.push(textFrame(t), 'room');
    }
    // A frame that may not wait (an ack) takes the held room frames with it, in order.
    outA.push(textFrame('ack'));
    await until(() => a.received.length === 5 && b.received.length === 4);
    expect(a.received).toEqual(['r1', 'r2', 'r3', 'r4', 'ack']);
    expect(b.received).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(writes).toEqual({ a: 2, b: 2 });
  });

  it('refuses a frame past the cap and writes nothing after the socket closed', async () => {
    const a = await pair();
    const out = new Outbound(a.server, 100, new OutputScheduler(0));
    expect(out.push(textFrame('x'.repeat(50)))).toBe(true);
    expect(out.push(textFrame('y'.repeat(60)))).toBe(false);
    out.discard();
    expect(out.push(textFrame('ok'))).toBe(true);
    a.server.close(1000, 'bye');
    const [code] = (await once(a.client, 'close')) as [number];
    expect(code).toBe(1000);
    expect(a.received).toEqual([]);
  });
});
