/**
 * The minimal WebSocket surface the SDK needs. Both the browser's WebSocket and the `ws` package's
 * class satisfy it, so the SDK never imports `ws` and bundles for browsers unchanged.
 */

// Handler parameters are checked bivariantly (the "bivarianceHack" pattern) so that both the DOM's
// MessageEvent and ws's MessageEvent are accepted where we only read `data`, `code` and `reason`.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

/** `options` is only understood by `ws` (Node); browsers take (url, protocols). */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => WebSocketLike;

/** RFC 6455 readyState value for OPEN; the same in every implementation. */
export const WS_OPEN = 1;

/**
 * `http(s)://host/base` → `ws(s)://host/base/v1/socket`, with `?ticket=…` when given. Never a
 * session token: URLs end up in logs and console errors, and the server refuses them.
 */
export function socketUrl(baseUrl: string, ticket?: string): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/v1/socket`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  if (ticket !== undefined) url.searchParams.set('ticket', ticket);
  return url.toString();
}

/** Browsers cannot set headers on a WebSocket, so they authenticate with a ticket instead. */
export function inBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
}
