/**
 * Results: one shape for every workload (the JSON fields are a contract for scripts and CI), a
 * human table, and the side-by-side comparison with a reference peer.
 */
import type { Percentiles } from './stats.js';

export interface BenchResult {
  workload: string;
  server: string;
  parameters: Record<string, unknown>;
  throughput_per_s: number;
  latency_ms: Percentiles;
  sent: number;
  acked: number;
  delivered: number;
  lost: number;
  duplicated: number;
  server_rss_mb: number | null;
  server_cpu_s: number | null;
  client_cpu_s: number;
  /** Workload-specific figures (delivery latency, per-M catch-up, memory per socket, …). */
  details: Record<string, unknown>;
  errors: string[];
  /** Monotonic µs of the measured phase (for the CPU profile window); not printed. */
  loadWindowUs?: { from: number; to: number };
  /** Other measured phases worth their own profile summary (room: the join), by name; not printed. */
  phaseWindowsUs?: Record<string, { from: number; to: number }>;
}

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

const lat = (p: Percentiles | undefined): string =>
  p ? `p50 ${fmt(p.p50, 2)}  p95 ${fmt(p.p95, 2)}  p99 ${fmt(p.p99, 2)}  max ${fmt(p.max, 2)} ms` : 'n/a';

function rows(r: BenchResult): [string, string][] {
  const out: [string, string][] = [
    ['server', r.server],
    ['parameters', Object.entries(r.parameters).map(([k, v]) => `${k}=${String(v)}`).join(' ')],
    ['throughput', `${fmt(r.throughput_per_s)} /s`],
    ['latency', lat(r.latency_ms)],
    ['sent / acked', `${fmt(r.sent)} / ${fmt(r.acked)}`],
    ['delivered', fmt(r.delivered)],
    ['lost / duplicated', `${fmt(r.lost)} / ${fmt(r.duplicated)}`],
    ['server rss / cpu', `${fmt(r.server_rss_mb, 1)} MB / ${fmt(r.server_cpu_s, 2)} s`],
    ['client cpu', `${fmt(r.client_cpu_s, 2)} s`],
  ];
  for (const [k, v] of Object.entries(r.details)) {
    if (v && typeof v === 'object' && 'p99' in v) out.push([k, lat(v as Percentiles)]);
    else out.push([k, typeof v === 'number' ? fmt(v, 2) : typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  if (r.errors.length > 0) out.push(['errors (sample)', r.errors.slice(0, 5).join(' | ')]);
  return out;
}

export function table(r: BenchResult): string {
  const rs = rows(r);
  const w = Math.max(...rs.map(([k]) => k.length));
  return [`== ${r.workload} ==`, ...rs.map(([k, v]) => `${k.padEnd(w)}  ${v}`)].join('\n');
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return 'n/a';
  return `${(a / b).toFixed(2)}x`;
}

const detailP = (r: BenchResult, key: string, q: keyof Percentiles): number | undefined => (r.details[key] as Percentiles | undefined)?.[q];
const detailN = (r: BenchResult, key: string): number | undefined => (typeof r.details[key] === 'number' ? (r.details[key] as number) : undefined);

export function comparison(ours: BenchResult, peer: BenchResult): string {
  const room = ours.workload === 'room';
  // For room, throughput is deliveries/s and latency_ms the delivery latency (send → every listener).
  const what = room ? 'delivery' : 'ack';
  const lines: [string, string, string, string][] = [
    ['metric', 'backchannel', peer.server.split(' ')[0] ?? 'peer', 'ratio (ours/peer)'],
    [room ? 'deliveries /s' : 'throughput /s', fmt(ours.throughput_per_s), fmt(peer.throughput_per_s), ratio(ours.throughput_per_s, peer.throughput_per_s)],
    [`${what} p50 ms`, fmt(ours.latency_ms.p50, 2), fmt(peer.latency_ms.p50, 2), ratio(ours.latency_ms.p50, peer.latency_ms.p50)],
    [`${what} p99 ms`, fmt(ours.latency_ms.p99, 2), fmt(peer.latency_ms.p99, 2), ratio(ours.latency_ms.p99, peer.latency_ms.p99)],
  ];
  if (room) {
    for (const q of ['p99', 'max'] as const) {
      const a = detailP(ours, 'last_listener_latency_ms', q);
      const b = detailP(peer, 'last_listener_latency_ms', q);
      lines.push([`last listener ${q} ms`, fmt(a, 2), fmt(b, 2), ratio(a, b)]);
    }
    const a = detailN(ours, 'join_all_ms');
    const b = detailN(peer, 'join_all_ms');
    lines.push(['join all ms', fmt(a), fmt(b), ratio(a, b)]);
  }
  lines.push(
    ['lost / dup', `${ours.lost} / ${ours.duplicated}`, `${peer.lost} / ${peer.duplicated}`, ''],
    ['server cpu s', fmt(ours.server_cpu_s, 2), fmt(peer.server_cpu_s, 2), ratio(ours.server_cpu_s, peer.server_cpu_s)],
    ['server rss MB', fmt(ours.server_rss_mb, 1), fmt(peer.server_rss_mb, 1), ratio(ours.server_rss_mb, peer.server_rss_mb)],
    ['storage', String(ours.details.storage ?? ''), String(peer.details.storage ?? ''), ''],
  );
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i]?.length ?? 0)));
  return ['== comparison ==', ...lines.map((l) => l.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c)).join('  '))].join('\n');
}
