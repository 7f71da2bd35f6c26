/**
 * A thin raw-`ws` Backchannel client for load: no SDK outbox, no optimistic state, no retries —
 * one JSON frame per op and a map from request id to pending ack, so the client's own cost per
 * message stays small next to the server's. It speaks the frames of packages/protocol/src/frames.ts:
 * `hello` on upgrade, `resume` → catch-up events → `ready`, `message.send` → `ack` | `error`.
 * Rooms (packages/protocol/src/rooms.ts): `POST /v1/rooms/{id}/join`, then `room.subscribe` →
 * `ack`, then `room.message_created` frames; `room.message.send` → `ack` after COMMIT. Room
 * listeners use the leaner leanSocket.ts.
 */
import type { ServerFrame } from '@backchannel/protocol';
import WebSocket from 'ws';
import type { BenchClient, BenchConversation, BenchRoom, BenchUser, ClientFactory, ClientHandlers, ConnectOptions } from '../types.js';
import { connectLeanListener } from './leanSocket.js';
import { joinRoomOverHttp } from './roomHttp.js';

interface Pending {
  resolve: () => void;
  reject: (err: Error) => void;
}

/** The token goes in the Authorization header: the server refuses session tokens in URLs. */
export function socketUrl(baseUrl: string): string {
  const u = new URL('/v1/socket', baseUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

class RawClient implements BenchClient {
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;
  /** The last opaque stream cursor seen (a durable event's `pos` or `ready.cursor`). */
  private pos: string | null = null;
  private closedByUs = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly handlers: ClientHandlers,
    private readonly onReady: (cursor: string, replayed: number) => void,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {
    ws.on('message', (data) => this.onFrame(String(data)));
    ws.on('close', (code, reason) => {
      for (const p of this.pending.values()) p.reject(new Error(`socket closed ${code}`));
      this.pending.clear();
      if (!this.closedByUs) handlers.onClose(`closed ${code} ${String(reason)}`);
    });
  }

  private onFrame(raw: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(raw) as ServerFrame;
    } catch {
      this.handlers.onError('server sent a frame that is not JSON');
      return;
    }
    // The server sends events in stream order, so the latest token is the position.
    if ('pos' in frame && typeof frame.pos === 'string') this.pos = frame.pos;
    switch (frame.type) {
      case 'message.created': {
        const m = frame.data.message;
        this.handlers.onMessage({ conversationId: m.conversationId, clientMessageId: m.clientMessageId ?? '', text: m.text, seq: m.seq });
        return;
      }
      case 'room.message_created': {
        const m = frame.data.message;
        this.handlers.onRoomMessage?.({ conversationId: frame.roomId, clientMessageId: m.clientMessageId ?? '', text: m.text, seq: frame.seq });
        return;
      }
      case 'ack':
      case 'error': {
        const p = frame.id === undefined ? undefined : this.pending.get(frame.id);
        if (!p) {
          if (frame.type === 'error') this.handlers.onError(`${frame.code}: ${frame.message}`);
          return;
        }
        this.pending.delete(frame.id ?? '');
        if (frame.type === 'ack') p.resolve();
        else p.reject(new Error(`${frame.code}: ${frame.message}`));
        return;
      }
      case 'ready':
        this.pos = frame.cursor;
        this.onReady(frame.cursor, frame.replayed);
        return;
      case 'resume_failed':
        this.handlers.onError(`resume_failed: ${frame.reason}`);
        return;
      default:
        return; // hello, other durable events, typing: only the cursor matters here
    }
  }

  /** Sends one op that expects an answer; resolves with its ack. */
  private request(op: Record<string, unknown>): Promise<void> {
    const id = (this.nextId++).toString(36);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...op, id }));
    });
  }

  send(conversation: BenchConversation, clientMessageId: string, text: string): Promise<void> {
    return this.request({ op: 'message.send', conversationId: conversation.id, clientMessageId, text });
  }

  async joinRoom(room: BenchRoom): Promise<void> {
    await joinRoomOverHttp(this.baseUrl, this.token, room);
    await this.request({ op: 'room.subscribe', roomId: room.id, afterSeq: null });
  }

  sendRoom(room: BenchRoom, clientMessageId: string, text: string): Promise<void> {
    return this.request({ op: 'room.message.send', roomId: room.id, clientMessageId, text });
  }

  resume(cursor: string | null): void {
    this.ws.send(JSON.stringify({ op: 'resume', id: 'resume', cursor }));
  }

  cursor(): string | null {
    return this.pos;
  }

  close(): void {
    this.closedByUs = true;
    this.ws.close();
  }
}

export class BackchannelClientFactory implements ClientFactory {
  constructor(private readonly baseUrl: string) {}

  /** Opens the socket, resumes (from `opts.resumeFrom`, default live) and resolves at `ready`. */
  connect(user: BenchUser, handlers: ClientHandlers, opts: ConnectOptions): Promise<BenchClient> {
    if (opts.listenerOnly) return connectLeanListener(this.baseUrl, user, handlers, opts.timeoutMs);
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(socketUrl(this.baseUrl), { headers: { authorization: `Bearer ${user.secret}` }, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: opts.timeoutMs });
      let settled = false;
      const timer = setTimeout(() => fail(new Error(`connect of ${user.name}: no ready within ${opts.timeoutMs} ms`)), opts.timeoutMs);
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.terminate();
        reject(err);
      };
      const client = new RawClient(
        ws,
        handlers,
        (cursor, replayed) => {
          opts.onReady?.({ cursor, replayed });
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(client);
        },
        this.baseUrl,
        user.secret,
      );
      ws.once('open', () => client.resume(opts.resumeFrom ?? null));
      ws.once('error', (err) => fail(err));
      ws.once('close', (code) => fail(new Error(`connect of ${user.name}: closed ${code} before ready`)));
    });
  }
}
