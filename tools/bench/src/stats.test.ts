import { describe, expect, it } from 'vitest';
import { Histogram } from './stats.js';

describe('Histogram', () => {
  it('reports percentiles within 3.2% above the true value, max exactly', () => {
    const h = new Histogram();
    for (let v = 1; v <= 100_000; v++) h.record(v);
    for (const q of [0.5, 0.95, 0.99]) {
      const truth = q * 100_000;
      const got = h.quantile(q);
      expect(got).toBeGreaterThanOrEqual(truth);
      expect(got / truth).toBeLessThan(1.032);
    }
    expect(h.max).toBe(100_000);
    expect(h.percentilesMs().max).toBe(100);
  });

  it('merges like one histogram and survives JSON', () => {
    const a = new Histogram();
    const b = new Histogram();
    const all = new Histogram();
    for (let i = 0; i < 5000; i++) {
      const v = (i * 7919) % 250_000;
      (i % 2 ? a : b).record(v);
      all.record(v);
    }
    const merged = Histogram.from(JSON.parse(JSON.stringify(a.toJSON())));
    merged.merge(b);
    expect(merged.count).toBe(all.count);
    expect(merged.quantile(0.99)).toBe(all.quantile(0.99));
    expect(merged.min).toBe(all.min);
  });

  it('is empty-safe and clamps negative values (clock skew) to 0', () => {
    const h = new Histogram();
    expect(h.percentilesMs()).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
    h.record(-5);
    expect(h.quantile(1)).toBe(0);
  });
});
