/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * the delay is uniform in [0, min(max, base · 2^attempt)). Full jitter spreads a crowd of clients
 * that all lost the same server, so a restart is not followed by a synchronized stampede.
 */
export interface BackoffOptions {
  /** The ceiling of the first attempt's window. */
  baseMs: number;
  /** The largest window, however many attempts failed. */
  maxMs: number;
}

/**
 * Reconnects cap at a 5 s window: while the server is down the wait stops growing at a few seconds,
 * so a person is back within ~2.5 s on average once it returns (it took 9–12 s with a 30 s cap),
 * and a crowd of clients still spreads over 5 s. A visible page or a returning network retries at
 * once (wake.ts).
 */
export const DEFAULT_RECONNECT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 5_000 };
export const DEFAULT_SEND_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 };

/** The window (upper bound, exclusive) for a 0-based attempt number. */
export function backoffCeiling(attempt: number, opts: BackoffOptions): number {
  // 2 ** attempt overflows to Infinity for huge attempts; Math.min keeps the cap meaningful.
  return Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
}

/** `random` must return a number in [0, 1), like Math.random; tests pass a fixed one. */
export function fullJitterDelay(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(attempt, opts));
}

/**
 * The delay before retrying after an error that may carry a server-requested wait (429/503
 * `retryAfterMs`, or the reason of close code 4008): never sooner than asked, plus jitter on top so
 * the clients the server turned away do not all come back in the same millisecond.
 */
export function delayWithRetryAfter(
  attempt: number,
  opts: BackoffOptions,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const jitter = fullJitterDelay(attempt, opts, random);
  return retryAfterMs === undefined ? jitter : retryAfterMs + jitter;
}
