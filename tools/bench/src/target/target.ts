/**
 * What a run drives: one or more loopback URLs and, when we started it, the server process (for
 * CPU and memory). Three sources:
 *  - embedded (default): `node packages/server/dist/main.js` on port 0 with a temp data dir;
 *  - `--url`: a server someone else started (loopback only; pass --server-pid for its CPU/RSS);
 *  - `--cluster`: HOOK for the scale-out work — `startCluster` should start PostgreSQL-backed nodes
 *    plus NATS and return every node's URL and pid; workers already spread users over `urls`.
 */
export interface Target {
  kind: 'embedded' | 'url' | 'cluster' | 'peer';
  label: string;
  urls: string[];
  /** Processes whose CPU and memory count as "the server" (empty when unknown). */
  pids: number[];
  /** Free-form facts for the report (storage, fd limit, version). */
  notes: Record<string, string>;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Refuses anything that is not loopback: the tool must never load someone else's server. */
export function assertLoopback(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--url ${url} is not a URL`);
  }
  const host = u.hostname;
  const ok = LOOPBACK.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
  if (!ok) throw new Error(`refusing ${url}: the load tool only drives loopback servers (127.0.0.0/8, ::1)`);
  if (u.protocol !== 'http:') throw new Error(`refusing ${url}: use http:// on loopback`);
  return u;
}

export function urlTarget(url: string, pid: number | null): Target {
  assertLoopback(url);
  return { kind: 'url', label: url, urls: [url.replace(/\/+$/, '')], pids: pid === null ? [] : [pid], notes: {}, stop: async () => undefined };
}

export function clusterTarget(): Promise<Target> {
  return Promise.reject(
    new Error('--cluster is not implemented yet: tools/bench/src/target/cluster.ts should start the nodes (PostgreSQL + NATS) and return a Target with every node URL and pid'),
  );
}
