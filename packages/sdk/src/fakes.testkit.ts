/**
 * Test doubles shared by the SDK's tests: an in-memory WebSocket whose "server side" the test drives,
 * a fetch that answers from a queue, and protocol-shaped fixtures. Not part of the build.
 */
import type { ClientFrame, DurableEvent, Message, ServerFrame } from '@backchannel/protocol';
import type { FetchLike } from './http.js';
import type { WebSocketLike } from './websocket.js';

export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
    readonly options?: { headers?: Record<string, string> },
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(code?: number, reason?: string): void {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }

  // --- The server's side. ---
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  push(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  hello(heartbeatMs = 30_000): void {
    this.open();
    this.push({ type: 'hello', heartbeatMs, userId: 'me', connectionId: 'c1' });
  }

  drop(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  ops<O extends ClientFrame['op']>(op: O): Array<Extract<ClientFrame, { op: O }>> {
    return this.sent.filter((f): f is Extract<ClientFrame, { op: O }> => f.op === op);
  }
}

/** A WebSocket class that records every instance it creates. */
export function fakeWebSocketClass() {
  const sockets: FakeWebSocket[] = [];
  class Ctor extends FakeWebSocket {
    constructor(url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }) {
      super(url, protocols, options);
      sockets.push(this);
    }
  }
  const last = (): FakeWebSocket => {
    const ws = sockets[sockets.length - 1];
    if (!ws) throw new Error('no socket was opened');
    return ws;
  };
  return { Ctor, sockets, last };
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Each call takes the next answer: a Response, or an Error to reject with (a network failure). */
export function queuedFetch(answers: Array<Response | Error>) {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${init.method} ${url}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    senderId: 'u2',
    clientMessageId: null,
    kind: 'text',
    text: `hello ${seq}`,
    entities: [],
    system: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    replyTo: null,
    editedAt: null,
    tombstone: null,
    reactions: [],
    ...overrides,
  };
}

/** A `message.created` whose opaque `pos` token is `p<n>` (tokens have no order; `n` only names it). */
export function created(n: number, msg: Message = message(n)): DurableEvent {
  return { type: 'message.created', pos: `p${n}`, data: { message: msg } };
}
