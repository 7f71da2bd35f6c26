/**
 * A listener-only WebSocket client for the room workload, on a raw `net` socket: the HTTP upgrade
 * (RFC 6455 §4.1), unmasked server frames parsed in place (§5.2), masked client frames for the few
 * ops a listener sends (`resume`, `room.subscribe`), ping → pong, close → close.
 *
 * Why not `ws`: a room of 8,000 listeners at 20 msgs/s is 160,000 frames/s on the two cores the
 * server also runs on; through `ws` each frame costs an event, a 700-byte string and a scan (about
 * 7 µs of client CPU here, more than the server's own cost per delivery). This reads a
 * `room.message_created` frame straight from the receive buffer (`Buffer.indexOf` is native) and
 * makes only the few short strings the ledger needs; other frames are parsed as JSON.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { ServerFrame } from '@backchannel/protocol';
import type { BenchClient, BenchRoom, BenchUser, ClientHandlers, ReceivedMessage } from '../types.js';
import { joinRoomOverHttp } from './roomHttp.js';

const PREFIX = Buffer.from('{"type":"room.message_created","roomId":"');
const SEQ = Buffer.from('","seq":');
const CMID = Buffer.from('"clientMessageId":"');
const TEXT = Buffer.from('","text":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Frames larger than this are refused (a listener never needs one). */
const MAX_FRAME = 4 * 1024 * 1024;

/** Reads a room message frame's fields from the payload bytes, or null to fall back to JSON. */
export function readRoomMessage(buf: Buffer, start: number, end: number): ReceivedMessage | null {
  if (end - start < PREFIX.length || buf.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0) return null;
  const idStart = start + PREFIX.length;
  const idEnd = buf.indexOf(SEQ, idStart);
  if (idEnd < 0 || idEnd >= end) return null;
  let seq = 0;
  let i = idEnd + SEQ.length;
  for (let c = buf[i] ?? 0; c >= 0x30 && c <= 0x39; c = buf[++i] ?? 0) seq = seq * 10 + (c - 0x30);
  const c0 = buf.indexOf(CMID, i);
  if (c0 < 0 || c0 >= end) return null;
  const cStart = c0 + CMID.length;
  const t0 = buf.indexOf(TEXT, cStart);
  if (t0 < 0 || t0 >= end) return null;
  const tStart = t0 + TEXT.length;
  const tEnd = buf.indexOf(QUOTE, tStart);
  if (tEnd < 0 || tEnd >= end) return null;
  for (let k = cStart; k < t0; k++) if (buf[k] === QUOTE || buf[k] === BACKSLASH) return null;
  for (let k = tStart; k < tEnd; k++) if (buf[k] === BACKSLASH) return null;
  return { conversationId: buf.toString('latin1', idStart, idEnd), seq, clientMessageId: buf.toString('latin1', cStart, t0), text: buf.toString('utf8', tStart, tEnd) };
}

/** One masked client frame (RFC 6455 §5.3: every client frame is masked). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = crypto.randomBytes(4);
  mask.copy(out, head);
  for (let k = 0; k < len; k++) out[head + 4 + k] = (payload[k] ?? 0) ^ (mask[k & 3] ?? 0);
  return out;
}

interface Pending {
  resolve: () => void;
  reject: (err: Error) => void;
}

class LeanListener implements BenchClient {
  private buf: Buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;
  private closedByUs = false;
  private closed = false;
  private fragments: Buffer[] = [];

  constructor(
    private readonly sock: net.Socket,
    private readonly handlers: ClientHandlers,
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly onReady: () => void,
    private readonly onFail: (err: Error) => void,
  ) {
    sock.on('data', (chunk: Buffer) => this.onData(chunk));
    sock.on('error', (err) => this.onFail(err));
    sock.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('socket closed'));
      this.pending.clear();
      if (!this.closedByUs) this.handlers.onClose(`closed ${this.closeReason}`);
      this.onFail(new Error(`closed ${this.closeReason} before ready`));
    });
  }

  private closeReason = 'without a close frame';

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    if (!this.upgraded) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.toString('latin1', 0, end);
      if (!head.startsWith('HTTP/1.1 101')) {
        this.onFail(new Error(`upgrade refused: ${head.split('\r\n')[0] ?? ''}`));
        this.sock.destroy();
        return;
      }
      this.upgraded = true;
      this.buf = this.buf.subarray(end + 4);
      this.sendText(JSON.stringify({ op: 'resume', id: 'resume', cursor: null }));
    }
    let off = 0;
    const b = this.buf;
    while (b.length - off >= 2) {
      const b0 = b[off] ?? 0;
      const b1 = b[off + 1] ?? 0;
      let len = b1 & 0x7f;
      let p = off + 2;
      if (len === 126) {
        if (b.length - off < 4) break;
        len = b.readUInt16BE(off + 2);
        p = off + 4;
      } else if (len === 127) {
        if (b.length - off < 10) break;
        len = Number(b.readBigUInt64BE(off + 2));
        p = off + 10;
      }
      if (len > MAX_FRAME) {
        this.handlers.onError(`frame of ${len} bytes refused`);
        this.sock.destroy();
        return;
      }
      if (b.length - p < len) break;
      this.onFrame(b0 & 0x0f, (b0 & 0x80) !== 0, b, p, p + len);
      off = p + len;
    }
    this.buf = off === b.length ? Buffer.alloc(0) : b.subarray(off);
  }

  private onFrame(opcode: number, fin: boolean, b: Buffer, start: number, end: number): void {
    if (opcode === 0x1 && fin) return this.onText(b, start, end);
    if (opcode === 0x1 || opcode === 0x0) {
      this.fragments.push(Buffer.from(b.subarray(start, end)));
      if (fin) {
        const whole = Buffer.concat(this.fragments);
        this.fragments = [];
        this.onText(whole, 0, whole.length);
      }
      return;
    }
    if (opcode === 0x9) this.sock.write(clientFrame(0xa, Buffer.from(b.subarray(start, end))));
    else if (opcode === 0x8) {
      const code = end - start >= 2 ? b.readUInt16BE(start) : 1005;
      this.closeReason = `${code} ${b.toString('utf8', start + 2, end)}`;
      if (!this.closedByUs) this.sock.end(clientFrame(0x8, Buffer.from(b.subarray(start, Math.min(end, start + 2)))));
    }
  }

  private onText(b: Buffer, start: number, end: number): void {
    const room = readRoomMessage(b, start, end);
    if (room) {
      this.handlers.onRoomMessage?.(room);
      return;
    }
    let frame: ServerFrame;
    try {
      frame = JSON.parse(b.toString('utf8', start, end)) as ServerFrame;
    } catch {
      this.handlers.onError('server sent a frame that is not JSON');
      return;
    }
    if (frame.type === 'ready') return this.onReady();
    if (frame.type === 'room.message_created') {
      const m = frame.data.message;
      this.handlers.onRoomMessage?.({ conversationId: frame.roomId, seq: frame.seq, clientMessageId: m.clientMessageId ?? '', text: m.text });
      return;
    }
    if (frame.type !== 'ack' && frame.type !== 'error') return; // hello, counts, other events
    const p = frame.id === undefined ? undefined : this.pending.get(frame.id);
    if (!p) {
      if (frame.type === 'error') this.handlers.onError(`${frame.code}: ${frame.message}`);
      return;
    }
    this.pending.delete(frame.id ?? '');
    if (frame.type === 'ack') p.resolve();
    else p.reject(new Error(`${frame.code}: ${frame.message}`));
  }

  private sendText(s: string): void {
    if (!this.closed) this.sock.write(clientFrame(0x1, Buffer.from(s)));
  }

  private request(op: Record<string, unknown>): Promise<void> {
    const id = `l${(this.nextId++).toString(36)}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.sendText(JSON.stringify({ ...op, id }));
    });
  }

  async joinRoom(room: BenchRoom): Promise<void> {
    await joinRoomOverHttp(this.baseUrl, this.token, room);
    await this.request({ op: 'room.subscribe', roomId: room.id, afterSeq: null });
  }

  send(): Promise<void> {
    return Promise.reject(new Error('a lean listener does not send messages'));
  }

  sendRoom(): Promise<void> {
    return Promise.reject(new Error('a lean listener does not send messages'));
  }

  cursor(): string | null {
    return null;
  }

  close(): void {
    this.closedByUs = true;
    if (this.closed) return;
    this.sock.end(clientFrame(0x8, Buffer.from([0x03, 0xe8]))); // 1000, normal closure
    setTimeout(() => this.sock.destroy(), 2000).unref();
  }
}

/** Opens a listener socket and resolves at `ready` (live from now). */
export function connectLeanListener(baseUrl: string, user: BenchUser, handlers: ClientHandlers, timeoutMs: number): Promise<BenchClient> {
  const url = new URL('/v1/socket', baseUrl);
  return new Promise((resolve, reject) => {
    let settled = false;
    const sock = net.connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    const timer = setTimeout(() => fail(new Error(`connect of ${user.name}: no ready within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      reject(err);
    };
    const client = new LeanListener(
      sock,
      handlers,
      baseUrl,
      user.secret,
      () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(client);
      },
      fail,
    );
    sock.once('connect', () => {
      const key = crypto.randomBytes(16).toString('base64');
      sock.write(
        `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${user.secret}\r\n\r\n`,
      );
    });
  });
}
