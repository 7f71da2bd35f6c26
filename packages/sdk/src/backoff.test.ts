import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, delayWithRetryAfter, fullJitterDelay } from './backoff.js';

const opts = { baseMs: 500, maxMs: 30_000 };

describe('full jitter backoff', () => {
  it('doubles the window per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 6, 7, 50, 5000].map((a) => backoffCeiling(a, opts))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('spans the whole window: 0 at random 0, just under the ceiling at random → 1', () => {
    expect(fullJitterDelay(3, opts, () => 0)).toBe(0);
    expect(fullJitterDelay(3, opts, () => 0.999999)).toBe(3999);
    expect(fullJitterDelay(3, opts, () => 0.5)).toBe(2000);
  });

  it('always lands in [0, min(max, base·2^attempt)) for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = fullJitterDelay(attempt, opts, () => r);
        return Number.isInteger(d) && d >= 0 && d < backoffCeiling(attempt, opts) && d < opts.maxMs;
      }),
    );
  });

  it('never comes back sooner than the server asked', () => {
    expect(delayWithRetryAfter(0, opts, 2000, () => 0)).toBe(2000);
    expect(delayWithRetryAfter(0, opts, 2000, () => 0.5)).toBe(2250);
    expect(delayWithRetryAfter(0, opts, undefined, () => 0.5)).toBe(250);
  });
});
