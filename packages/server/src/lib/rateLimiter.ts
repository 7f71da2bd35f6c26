/**
 * Token buckets keyed by string (user id, IP, account), with an injected clock. In memory per node:
 * a cluster of N nodes allows up to N× the rate per key, which is acceptable for abuse limits.
 */
import type { Clock } from '../domain/deps.js';

export interface Verdict {
  ok: boolean;
  retryAfterMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly burst = perMinute,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, cost = 1): Verdict {
    const now = this.clock.now();
    const rate = this.perMinute / 60_000;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now, rate);
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, retryAfterMs: 0 };
    }
    return { ok: false, retryAfterMs: Math.ceil((cost - b.tokens) / rate) };
  }

  /** Forgets full buckets (they behave like new ones), keeping memory bounded. */
  private sweep(now: number, rate: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.burst) this.buckets.delete(k);
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
