/** Configuration of BackchannelSocket; every clock, random source and store is injectable. */
import type { SocketTicketResponse, SyncHead } from '@backchannel/protocol';
import type { BackoffOptions } from './backoff.js';
import type { Timers } from './timers.js';
import type { WakeSignals } from './wake.js';
import type { WebSocketConstructor } from './websocket.js';

/** Where the cursor survives a page reload or process restart (e.g. localStorage, a file). */
export interface CursorStore {
  /** A cursor token saved earlier; anything else (e.g. an older SDK's number) counts as none. */
  load(): string | null | Promise<string | null>;
  save(cursor: string): void | Promise<void>;
}

export interface SocketOptions {
  /** Required in Node 20 (pass `ws`'s WebSocket class); browsers use the global. */
  WebSocket?: WebSocketConstructor;
  cursorStore?: CursorStore;
  /** Start from this cursor (e.g. from `client.syncHead()` taken before loading state over HTTP). */
  cursor?: string | null;
  reconnectBackoff?: Partial<BackoffOptions>;
  sendBackoff?: Partial<BackoffOptions>;
  random?: () => number;
  timers?: Timers;
  /** Default: half of the server's `hello.heartbeatMs`. */
  pingIntervalMs?: number;
  /** Silence longer than this closes and reconnects. Default: 3 × the ping interval. */
  idleTimeoutMs?: number;
  /** How long to wait for `hello` after dialing. */
  connectTimeoutMs?: number;
  /** Wait after close 4008 when the reason names no delay. */
  rateLimitedDelayMs?: number;
  /**
   * When a waiting reconnect is tried at once. Default: `visibilitychange` to visible and `online`
   * in browsers, none in Node; `null` turns it off.
   */
  wakeSignals?: WakeSignals | null;
  /**
   * How the socket authenticates. `true`: an `Authorization: Bearer` header (Node's `ws`; the
   * default outside browsers). `false`: a single-use ticket from `POST /v1/socket/ticket`, fetched
   * before each (re)connect and sent as `?ticket=` (the default in browsers, which cannot set
   * headers on a WebSocket). The session token itself never goes into the URL.
   */
  authHeader?: boolean;
}

/** What the socket needs from the REST client; a plain object in tests. */
export interface SocketDeps {
  baseUrl: string;
  getToken(): string | undefined;
  syncHead(): Promise<SyncHead>;
  /** `POST /v1/socket/ticket` with the bearer token (ticket mode only). */
  socketTicket(): Promise<SocketTicketResponse>;
}
