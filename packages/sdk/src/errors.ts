/**
 * The one error type the SDK throws. Server errors keep the protocol's stable `code`
 * (packages/protocol/src/errors.ts); failures that never reached a server answer get a client-side
 * code so callers can still switch on `.code` without `instanceof` checks on TypeError & co.
 */
import type { ErrorBody, ErrorCode } from '@backchannel/protocol';
import { ERROR_CODES } from '@backchannel/protocol';

/**
 * Client-side codes, never sent by the server:
 * - `network_error`: the request or socket failed before an answer (DNS, reset, offline, socket closed).
 * - `bad_response`: an answer arrived but is not a protocol error body (e.g. a proxy's HTML 502).
 */
export type ClientErrorCode = 'network_error' | 'bad_response';
export type SdkErrorCode = ErrorCode | ClientErrorCode;

export class BackchannelError extends Error {
  override readonly name = 'BackchannelError';
  readonly code: SdkErrorCode;
  /** HTTP status; 0 when no HTTP answer exists (network errors, socket frames). */
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** How long the server asked us to wait (429/503), from `details.retryAfterMs` or `Retry-After`. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: SdkErrorCode,
    message: string,
    opts: { status?: number; details?: Record<string, unknown>; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.status = opts.status ?? 0;
    this.details = opts.details;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/**
 * RELIABILITY.md, Delivery: 4xx means "definitely not written"; `unavailable` and `outcome_unknown`
 * (503) and a lost connection mean "maybe", so a send is retried with the same clientMessageId.
 * `internal` (500) is final: the server promises nothing was written and a retry would likely hit the
 * same bug. A proxy's 502/503/504 without our body is treated like `unavailable`.
 */
export function isRetryable(err: BackchannelError): boolean {
  if (err.code === 'network_error' || err.code === 'unavailable' || err.code === 'outcome_unknown') return true;
  return err.code === 'bad_response' && (err.status === 502 || err.status === 503 || err.status === 504);
}

/**
 * Builds the error for an error body: the `error` socket frame or an HTTP error response.
 * `details.retryAfterMs` wins over the `Retry-After` header because it is finer-grained.
 */
export function errorFromBody(body: ErrorBody, status = 0, headerRetryAfterMs?: number): BackchannelError {
  const details = body.details;
  const fromDetails = details?.['retryAfterMs'];
  const retryAfterMs = typeof fromDetails === 'number' ? fromDetails : headerRetryAfterMs;
  return new BackchannelError(body.code, body.message, {
    status,
    ...(details !== undefined ? { details } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps a non-2xx fetch Response to a BackchannelError, preferring the body's code over the status. */
export async function errorFromResponse(res: Response): Promise<BackchannelError> {
  const headerRetry = parseRetryAfter(res.headers.get('retry-after'));
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && isErrorCode((body as { code?: unknown }).code)) {
    return errorFromBody(body as ErrorBody, res.status, headerRetry);
  }
  return new BackchannelError('bad_response', `HTTP ${res.status} without a Backchannel error body`, {
    status: res.status,
    ...(headerRetry !== undefined ? { retryAfterMs: headerRetry } : {}),
  });
}
