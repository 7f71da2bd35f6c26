/**
 * BackchannelSocket: one logical, self-healing connection to `/v1/socket`.
 * Lifecycle: open → `hello` → send `resume {cursor}` → replayed durable events → `ready` → live.
 * On close it reconnects with full-jitter backoff and resumes from the last durable `pos` token it
 * delivered (dropping repeats of a token); a `resume_failed` triggers an HTTP re-sync. See docs/sdk.md and RELIABILITY.md.
 */
import { CLOSE_CODES, type ClientFrame, type DurableEvent, type Message, type ResumeFailedReason, type ServerFrame, type SyncHead } from '@backchannel/protocol';
import { DEFAULT_RECONNECT_BACKOFF, DEFAULT_SEND_BACKOFF, delayWithRetryAfter, fullJitterDelay, type BackoffOptions } from './backoff.js';
import { BackchannelError, errorFromBody, isRetryable } from './errors.js';
import { Emitter, isDurableEventType, type SocketEventMap, type SocketEventName, type SocketHandler } from './events.js';
import { Heartbeat } from './heartbeat.js';
import { newClientMessageId } from './ids.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { PendingRequests } from './requests.js';
import { realTimers, type TimerHandle, type Timers } from './timers.js';
import type { SocketDeps, SocketOptions } from './socketOptions.js';
import { StreamCursor } from './streamCursor.js';
import { browserWakeSignals } from './wake.js';
import { inBrowser, socketUrl, WS_OPEN, type WebSocketConstructor, type WebSocketLike } from './websocket.js';

export type { CursorStore, SocketDeps, SocketOptions } from './socketOptions.js';

export type SocketPhase = 'idle' | 'connecting' | 'resuming' | 'ready' | 'waiting' | 'stopped';

/** Our own close code for "resync over HTTP failed"; 4000–4999 are free for applications (RFC 6455 §7.4.2). */
const RESYNC_FAILED = 4000;

export class BackchannelSocket {
  private readonly emitter = new Emitter<SocketEventMap>();
  private readonly outbox = new Outbox();
  private readonly heartbeat: Heartbeat;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly reconnectBackoff: BackoffOptions;
  private readonly sendBackoff: BackoffOptions;
  private readonly WebSocketCtor: WebSocketConstructor;
  private readonly authHeader: boolean;
  /** Bumped per dial, so a ticket that arrives after close() or a newer dial is dropped. */
  private dialGeneration = 0;
  private ws: WebSocketLike | null = null;
  private phaseValue: SocketPhase = 'idle';
  private readonly position: StreamCursor;
  private userId: string | null = null;
  private attempt = 0;
  private reconnectTimer: TimerHandle | null = null;
  /** The server asked for this wait (4008); a wake signal does not cut it short. */
  private waitIsServerImposed = false;
  private stopWakeSignals: (() => void) | null = null;
  private readonly sendRetryTimers = new Map<string, TimerHandle>();
  /** Latest read mark per conversation not yet sent; read marks only move forward, so the last wins. */
  private readonly pendingReads = new Map<string, number>();
  private requestCounter = 0;
  /** Answers awaited by `request` (room ops), by op id. */
  private readonly requests = new PendingRequests();

  constructor(
    private readonly deps: SocketDeps,
    private readonly options: SocketOptions = {},
  ) {
    const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('No WebSocket implementation: in Node 20 pass the `ws` package class as options.WebSocket');
    this.WebSocketCtor = Ctor;
    this.authHeader = options.authHeader ?? !inBrowser();
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.reconnectBackoff = { ...DEFAULT_RECONNECT_BACKOFF, ...options.reconnectBackoff };
    this.sendBackoff = { ...DEFAULT_SEND_BACKOFF, ...options.sendBackoff };
    this.position = new StreamCursor(options.cursor, options.cursorStore);
    this.heartbeat = new Heartbeat(this.timers, () => this.sendFrame({ op: 'ping', id: this.nextRequestId('p') }), () =>
      this.abort(CLOSE_CODES.heartbeatTimeout, 'heartbeat timeout'),
    );
  }

  get phase(): SocketPhase {
    return this.phaseValue;
  }

  /** The last durable `pos` token delivered, or the server's cursor after `ready` (null before). */
  get cursor(): string | null {
    return this.position.current;
  }

  on<K extends SocketEventName>(name: K, handler: SocketHandler<K>): () => void {
    return this.emitter.on(name, handler);
  }

  off<K extends SocketEventName>(name: K, handler: SocketHandler<K>): void {
    this.emitter.off(name, handler);
  }

  /** Starts (or restarts after `close()`) the connection; a no-op while already running. */
  connect(): void {
    if (this.phaseValue !== 'idle' && this.phaseValue !== 'stopped') return;
    this.phaseValue = 'connecting';
    const signals = this.options.wakeSignals === undefined ? browserWakeSignals() : this.options.wakeSignals;
    this.stopWakeSignals ??= signals?.subscribe(() => this.wake()) ?? null;
    void this.position.load().then(() => this.open());
  }

  /** Closes for good: no reconnect. Pending sends stay queued for a later `connect()`. */
  close(): void {
    this.phaseValue = 'stopped';
    this.stopListeningForWake();
    this.clearTimer(this.reconnectTimer);
    this.reconnectTimer = null;
    for (const handle of this.sendRetryTimers.values()) this.timers.clearTimeout(handle);
    this.sendRetryTimers.clear();
    if (this.ws) this.abort(CLOSE_CODES.normal, 'client closed');
  }

  /**
   * Optimistic send: returns the pending entry at once and delivers it when connected, retrying
   * with the same clientMessageId until the outcome is definite. Watch `outbox` events or await
   * `whenSettled(entry.clientMessageId)`.
   */
  send(conversationId: string, text: string, opts: { clientMessageId?: string; replyToId?: string } = {}): OutboxEntry {
    const entry = this.outbox.add(conversationId, text, opts.clientMessageId ?? newClientMessageId(), opts.replyToId);
    this.emitter.emit('outbox', entry);
    this.transmit(entry.clientMessageId);
    return entry;
  }

  /** Re-sends a failed message with the same clientMessageId. */
  retry(clientMessageId: string): OutboxEntry | undefined {
    const entry = this.outbox.retry(clientMessageId);
    if (!entry) return undefined;
    this.emitter.emit('outbox', entry);
    this.transmit(clientMessageId);
    return entry;
  }

  discard(clientMessageId: string): boolean {
    this.clearSendRetry(clientMessageId);
    return this.outbox.discard(clientMessageId);
  }

  /** Pending and failed sends, oldest first. */
  pendingSends(): OutboxEntry[] {
    return this.outbox.list();
  }

  /** Call it right after `send`/`retry`: sent entries are forgotten once reported via `outbox`. */
  whenSettled(clientMessageId: string): Promise<OutboxEntry> {
    return this.outbox.whenSettled(clientMessageId);
  }

  /** Sends now, or when next caught up; only the highest seq per conversation is kept meanwhile. */
  markRead(conversationId: string, seq: number): void {
    this.pendingReads.set(conversationId, Math.max(seq, this.pendingReads.get(conversationId) ?? 0));
    if (this.phaseValue === 'ready') this.flushReads();
  }

  /**
   * Sends an op the server answers by id (the room ops, docs/sdk.md "Rooms") and resolves with the
   * ack's data, or rejects with the error frame's BackchannelError. Not queued: while the socket is
   * not ready, and when it closes before the answer, it rejects with `network_error`.
   */
  request<T>(frame: { op: string; [field: string]: unknown }): Promise<T> {
    if (this.phaseValue !== 'ready') return Promise.reject(new BackchannelError('network_error', `${frame.op}: the socket is not connected`));
    const id = this.nextRequestId('r');
    const answer = this.requests.add(id) as Promise<T>;
    // The caller names the op; the server validates the frame (and answers `bad_frame` if it is not one).
    if (!this.sendFrame({ ...frame, id } as unknown as ClientFrame)) this.requests.fail(id, new BackchannelError('network_error', `${frame.op}: the socket is not connected`));
    return answer;
  }

  /** Ephemeral: dropped while disconnected, because a late typing indicator is worse than none. */
  typing(conversationId: string): void {
    if (this.phaseValue === 'ready') this.sendFrame({ op: 'typing', conversationId });
  }

  /** Dials with the bearer header at once, or first fetches a fresh single-use ticket (browsers). */
  private open(): void {
    if (this.phaseValue === 'stopped') return;
    this.phaseValue = 'connecting';
    this.reconnectTimer = null;
    const generation = ++this.dialGeneration;
    if (this.authHeader) {
      const token = this.deps.getToken();
      this.dial(socketUrl(this.deps.baseUrl), token === undefined ? undefined : { authorization: `Bearer ${token}` });
      return;
    }
    const current = () => generation === this.dialGeneration && this.phaseValue === 'connecting';
    this.deps.socketTicket().then(
      ({ ticket }) => {
        if (current()) this.dial(socketUrl(this.deps.baseUrl, ticket));
      },
      (err: unknown) => {
        if (!current()) return;
        // No ticket for a dead session: stop like a revoked socket. Anything else (network, 5xx,
        // 429) is another failed attempt, retried after the usual backoff.
        const refused = err instanceof BackchannelError && (err.code === 'unauthorized' || err.code === 'account_suspended');
        this.handleClose(refused ? CLOSE_CODES.unauthorized : 1006, refused ? 'socket ticket refused: the session ended' : 'socket ticket request failed');
      },
    );
  }

  private dial(url: string, headers?: Record<string, string>): void {
    const Ctor = this.WebSocketCtor;
    let ws: WebSocketLike;
    try {
      ws = headers ? new Ctor(url, undefined, { headers }) : new Ctor(url);
    } catch (err) {
      this.handleClose(1006, err instanceof Error ? err.message : 'connect failed');
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      if (this.ws === ws) this.onFrame(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.ws === ws) this.handleClose(ev.code, ev.reason);
    };
    // An `error` is always followed by `close` (WHATWG WebSockets), which does the work.
    ws.onerror = () => {};
    this.heartbeat.expectWithin(this.options.connectTimeoutMs ?? 10_000);
  }

  private onFrame(data: unknown): void {
    this.heartbeat.touch();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data)) as ServerFrame;
    } catch {
      return; // the server only sends JSON text; anything else is not ours to interpret
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    switch (frame.type) {
      case 'hello': {
        this.userId = frame.userId;
        const ping = this.options.pingIntervalMs ?? Math.max(1000, Math.floor(frame.heartbeatMs / 2));
        this.heartbeat.start(ping, this.options.idleTimeoutMs ?? ping * 3);
        this.emitter.emit('connected', { userId: frame.userId, connectionId: frame.connectionId, heartbeatMs: frame.heartbeatMs });
        this.phaseValue = 'resuming';
        this.sendFrame({ op: 'resume', cursor: this.position.current });
        return;
      }
      case 'ready':
        return this.onReady(frame.cursor, frame.replayed);
      case 'resume_failed':
        void this.resync(frame.reason);
        return;
      case 'ack': {
        if (this.requests.settle(frame.id, frame.data)) return;
        const data = frame.data as { message?: Message } | null;
        const entry = this.outbox.forRequest(frame.id);
        if (entry && data?.message) this.settleSent(entry.clientMessageId, data.message);
        return;
      }
      case 'error':
        return this.onErrorFrame(frame.id, errorFromBody(frame));
      case 'typing':
        this.emitter.emit('typing', frame);
        return;
      case 'hallway.updated':
        this.emitter.emit('hallway', frame);
        return;
      default:
        // Room frames carry their room's seq, not a stream pos (docs/subsystems/rooms.md).
        if ('roomId' in frame) return void this.emitter.emit('room', frame);
        return this.onDurable(frame);
    }
  }

  private onReady(cursor: string, replayed: number): void {
    this.phaseValue = 'ready';
    this.attempt = 0;
    this.position.moveTo(cursor);
    this.emitter.emit('ready', { cursor, replayed });
    for (const entry of this.outbox.queued()) this.transmit(entry.clientMessageId);
    this.flushReads();
  }

  /** Delivers each durable `pos` at most once, in the server's order; a repeated token is dropped. */
  private onDurable(event: DurableEvent): void {
    if (typeof event.pos !== 'string' || !this.position.admit(event.pos)) return;
    if (event.type === 'message.created') this.reconcileOwnMessage(event.data.message);
    // A type this SDK does not know (newer server) is skipped but still advances the cursor, so
    // resume does not replay it forever.
    if (isDurableEventType(event.type)) this.emitter.emit(event.type, event as never);
    this.position.moveTo(event.pos);
  }

  /** Our own message echoed back settles its send even when the ack was lost with a connection. */
  private reconcileOwnMessage(message: Message): void {
    if (message.senderId !== this.userId || message.clientMessageId === null) return;
    const entry = this.outbox.get(message.clientMessageId);
    if (entry?.conversationId === message.conversationId) this.settleSent(entry.clientMessageId, message);
  }

  private onErrorFrame(requestId: string | undefined, err: BackchannelError): void {
    if (requestId !== undefined && this.requests.fail(requestId, err)) return;
    const entry = requestId === undefined ? undefined : this.outbox.forRequest(requestId);
    if (!entry) {
      if (requestId === undefined || !requestId.startsWith('p')) this.emitter.emit('error', err);
      return;
    }
    if (!isRetryable(err)) {
      const failed = this.outbox.settleFailed(entry.clientMessageId, err);
      if (failed) this.emitter.emit('outbox', failed);
      return;
    }
    this.outbox.requeue(entry.clientMessageId);
    const delay = delayWithRetryAfter(entry.attempts - 1, this.sendBackoff, err.retryAfterMs, this.random);
    this.clearSendRetry(entry.clientMessageId);
    this.sendRetryTimers.set(
      entry.clientMessageId,
      this.timers.setTimeout(() => {
        this.sendRetryTimers.delete(entry.clientMessageId);
        this.transmit(entry.clientMessageId);
      }, delay),
    );
  }

  private async resync(reason: ResumeFailedReason): Promise<void> {
    const ws = this.ws;
    let head: SyncHead;
    try {
      head = await this.deps.syncHead();
    } catch (err) {
      if (this.ws !== ws) return;
      const revoked = err instanceof BackchannelError && err.code === 'unauthorized';
      this.abort(revoked ? CLOSE_CODES.unauthorized : RESYNC_FAILED, revoked ? 'session revoked' : 'resync failed');
      return;
    }
    if (this.ws !== ws) return;
    // The server's head is authoritative here, whatever our cursor was.
    this.position.moveTo(head.cursor);
    await Promise.allSettled(this.emitter.emit('resync', { cursor: head.cursor, reason }));
    if (this.ws === ws) this.sendFrame({ op: 'resume', cursor: head.cursor });
  }

  private transmit(clientMessageId: string): void {
    if (this.phaseValue !== 'ready' || !this.outbox.isQueued(clientMessageId)) return;
    const entry = this.outbox.get(clientMessageId);
    if (!entry) return;
    this.clearSendRetry(clientMessageId);
    const id = this.nextRequestId('m');
    this.outbox.markInFlight(clientMessageId, id);
    const { conversationId, text, replyToId } = entry;
    if (!this.sendFrame({ op: 'message.send', id, conversationId, clientMessageId, text, ...(replyToId !== undefined ? { replyToId } : {}) })) this.outbox.requeue(clientMessageId);
  }

  private settleSent(clientMessageId: string, message: Message): void {
    this.clearSendRetry(clientMessageId);
    const sent = this.outbox.settleSent(clientMessageId, message);
    if (sent) this.emitter.emit('outbox', sent);
  }

  private flushReads(): void {
    for (const [conversationId, seq] of this.pendingReads) {
      if (!this.sendFrame({ op: 'read.mark', conversationId, seq })) return;
      this.pendingReads.delete(conversationId);
    }
  }

  private sendFrame(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WS_OPEN) return false;
    try {
      this.ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the current connection ourselves and handles it at once: a dead peer may never answer. */
  private abort(code: number, reason: string): void {
    const ws = this.ws;
    if (!ws) return;
    try {
      ws.close(code, reason);
    } catch {
      // Already closing or closed; we proceed regardless.
    }
    this.handleClose(code, reason);
  }

  private handleClose(code: number, reason: string): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.onmessage = ws.onclose = ws.onerror = ws.onopen = null;
    this.heartbeat.stop();
    this.outbox.requeueAll();
    this.requests.failAll(`the socket closed (${code}) before the answer`);
    const revoked = code === CLOSE_CODES.unauthorized;
    // 4011: the server closed our (oldest) socket to admit a newer one of the same user; coming
    // back would evict the next device in turn, so this one stays closed until `connect()`.
    if (revoked || code === CLOSE_CODES.tooManySockets || this.phaseValue === 'stopped') {
      this.phaseValue = 'stopped';
      this.stopListeningForWake();
      this.emitter.emit('disconnected', { code, reason, willReconnect: false, retryInMs: null });
      if (revoked) this.emitter.emit('unauthorized', { code, reason });
      return;
    }
    const delay = this.reconnectDelay(code, reason);
    this.phaseValue = 'waiting';
    this.emitter.emit('disconnected', { code, reason, willReconnect: true, retryInMs: delay });
    this.reconnectTimer = this.timers.setTimeout(() => this.open(), delay);
  }

  /** The page became visible or the network came back: a reconnect waiting out its backoff goes now. */
  private wake(): void {
    if (this.phaseValue !== 'waiting' || this.waitIsServerImposed) return;
    this.clearTimer(this.reconnectTimer);
    this.open();
  }

  private stopListeningForWake(): void {
    this.stopWakeSignals?.();
    this.stopWakeSignals = null;
  }

  /** Full jitter; after 4008 "rate limited" never sooner than the reason asks ("retry after N ms"). */
  private reconnectDelay(code: number, reason: string): number {
    const attempt = this.attempt++;
    this.waitIsServerImposed = code === CLOSE_CODES.rateLimited;
    if (code === CLOSE_CODES.rateLimited) {
      const asked = /(\d+)/.exec(reason)?.[1];
      const wait = asked !== undefined ? Number(asked) : (this.options.rateLimitedDelayMs ?? 10_000);
      return delayWithRetryAfter(attempt, this.reconnectBackoff, wait, this.random);
    }
    return fullJitterDelay(attempt, this.reconnectBackoff, this.random);
  }

  private nextRequestId(prefix: 'm' | 'p' | 'r'): string {
    return `${prefix}${++this.requestCounter}`;
  }

  private clearSendRetry(clientMessageId: string): void {
    this.clearTimer(this.sendRetryTimers.get(clientMessageId) ?? null);
    this.sendRetryTimers.delete(clientMessageId);
  }

  private clearTimer(handle: TimerHandle | null): void {
    if (handle !== null) this.timers.clearTimeout(handle);
  }
}
