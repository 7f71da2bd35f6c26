/**
 * The HTTP plumbing under BackchannelClient: URL building, the bearer header, JSON in and out, and
 * turning every failure into a BackchannelError. Route knowledge lives in client.ts, not here.
 */
import { BackchannelError, errorFromResponse } from './errors.js';

/** The subset of `fetch` we use, so tests can pass a plain function. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type QueryValue = string | number | undefined;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sent as the raw body (`application/octet-stream`) instead of JSON: uploads. */
  rawBody?: Blob | Uint8Array;
  signal?: AbortSignal;
}

export interface HttpResult<T> {
  status: number;
  body: T;
}

export class HttpTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchLike,
    private readonly getToken: () => string | undefined,
  ) {}

  async request<T>(req: HttpRequest): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.getToken();
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    const init: RequestInit = { method: req.method, headers };
    if (req.rawBody !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      init.body = req.rawBody as BodyInit;
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(req.body);
    }
    if (req.signal) init.signal = req.signal;

    let res: Response;
    try {
      res = await this.fetchFn(this.url(req.path, req.query), init);
    } catch (cause) {
      // A caller's abort is their decision, not a network failure to retry: hand it back untouched.
      if (req.signal?.aborted) throw cause;
      throw new BackchannelError('network_error', `${req.method} ${req.path} failed before a response`, { cause });
    }
    if (!res.ok) throw await errorFromResponse(res);
    try {
      return { status: res.status, body: (await res.json()) as T };
    } catch (cause) {
      throw new BackchannelError('bad_response', `${req.method} ${req.path}: response is not JSON`, { status: res.status, cause });
    }
  }

  /** A GET whose answer is a file (e.g. the data export's zip), not JSON. */
  async download(path: string): Promise<Blob> {
    const headers: Record<string, string> = {};
    const token = this.getToken();
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    let res: Response;
    try {
      res = await this.fetchFn(this.url(path), { method: 'GET', headers });
    } catch (cause) {
      throw new BackchannelError('network_error', `GET ${path} failed before a response`, { cause });
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res.blob();
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const qs = params.toString();
    return `${this.baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
  }
}

/** Path segments come from user data (usernames, ids); encode them so `/` or `?` cannot re-route. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
