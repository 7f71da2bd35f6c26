/**
 * A small HDR-style latency histogram: values in microseconds, log-linear buckets (exact below 64 µs,
 * then 32 per power of two, so a reported percentile is within ~3% above the true value), fixed memory
 * whatever the sample count. Workers record locally and ship `toJSON()` to the coordinator, which
 * merges; exact min/max are kept beside the buckets.
 */

const SUB_BITS = 6;
const SUB = 1 << SUB_BITS; // values below SUB are exact; SUB/2 buckets per power of two above
const MAX_EXP = 42; // 2^42 µs ≈ 50 days: more than any bounded run

export interface HistogramData {
  counts: [number, number][]; // sparse [bucket, count] pairs
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function bucketOf(us: number): number {
  const v = Math.max(0, Math.floor(us));
  if (v < SUB) return v; // exact below 64 µs
  // floor(log2 v); clz32 is exact below 2^31, log2 covers the (absurd) rest.
  const e = v < 2 ** 31 ? 31 - Math.clz32(v) : Math.floor(Math.log2(v));
  const shift = e - SUB_BITS + 1;
  const sub = Math.floor(v / 2 ** shift) - SUB / 2; // 0..31 within the upper half
  return SUB + (e - SUB_BITS) * (SUB / 2) + sub;
}

/** The value at the upper edge of a bucket (what a percentile reports: conservative). */
function valueOf(bucket: number): number {
  if (bucket < SUB) return bucket;
  const rel = bucket - SUB;
  const e = Math.floor(rel / (SUB / 2)) + SUB_BITS;
  const sub = (rel % (SUB / 2)) + SUB / 2;
  const shift = e - SUB_BITS + 1;
  return (sub + 1) * 2 ** shift - 1;
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;

  /** Records one value in microseconds. Negative values (clock skew) count as 0. */
  record(us: number): void {
    const v = Math.min(Math.max(0, us), 2 ** MAX_EXP);
    const b = bucketOf(v);
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  merge(other: HistogramData | Histogram): void {
    const data = other instanceof Histogram ? other.toJSON() : other;
    for (const [b, c] of data.counts) this.counts.set(b, (this.counts.get(b) ?? 0) + c);
    this.count += data.count;
    this.sum += data.sum;
    if (data.count > 0) {
      this.min = Math.min(this.min, data.min);
      this.max = Math.max(this.max, data.max);
    }
  }

  /** q in [0, 1]; microseconds. The max is exact; other quantiles are bucket upper edges capped at max. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    const buckets = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const b of buckets) {
      seen += this.counts.get(b) ?? 0;
      if (seen >= rank) return Math.min(valueOf(b), this.max);
    }
    return this.max;
  }

  /** Percentiles in milliseconds, rounded to 0.01 ms. */
  percentilesMs(): Percentiles {
    const ms = (us: number) => Math.round(us / 10) / 100;
    return { p50: ms(this.quantile(0.5)), p95: ms(this.quantile(0.95)), p99: ms(this.quantile(0.99)), max: ms(this.max) };
  }

  toJSON(): HistogramData {
    return { counts: [...this.counts.entries()], count: this.count, sum: this.sum, min: this.count ? this.min : 0, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    const h = new Histogram();
    h.merge(data);
    return h;
  }
}

/** Monotonic microseconds, comparable across processes on one machine (CLOCK_MONOTONIC). */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
