/**
 * Bounded retries for idempotent writes (today: REST sendMessage, named by its clientMessageId).
 */
import { delayWithRetryAfter, type BackoffOptions } from './backoff.js';
import { BackchannelError, isRetryable } from './errors.js';
import { sleep, type Timers } from './timers.js';

export interface RetryPolicy extends BackoffOptions {
  /** Total tries including the first; at least 1. */
  attempts: number;
}

export const DEFAULT_SEND_RETRY: RetryPolicy = { attempts: 6, baseMs: 250, maxMs: 10_000 };

/**
 * Runs `fn` until it succeeds, fails with a final error, or runs out of attempts; the last error is
 * thrown. Waits use full jitter and honour the server's `retryAfterMs`.
 */
export async function withRetries<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  deps: { random: () => number; timers: Timers; signal?: AbortSignal | undefined },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const final = !(err instanceof BackchannelError) || !isRetryable(err) || attempt + 1 >= policy.attempts;
      if (final || deps.signal?.aborted) throw err;
      await sleep(deps.timers, delayWithRetryAfter(attempt, policy, err.retryAfterMs, deps.random));
    }
  }
}
