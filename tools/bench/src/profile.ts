/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by area (package or
 * server folder), optionally only over a time window (the load phase, so sign-up hashing in the
 * setup phase does not drown the picture). V8 timestamps are monotonic microseconds, the same clock
 * as process.hrtime, so the window from nowUs() applies directly; if it matches no samples (another
 * clock), the whole profile is used and the summary says so.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1]) return nm[1];
  const srv = /packages\/server\/dist\/([^/]+(?:\/[^/]+)?)/.exec(url);
  if (srv?.[1]) return `server/${srv[1].replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return url.split('/')[0] ?? url;
  return path.basename(url);
}

export function summarizeProfile(file: string, windowUs?: { from: number; to: number }, top = 15): string {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = prof.startTime;
  let inWindow = 0;
  const collect = (useWindow: boolean) => {
    selfUs.clear();
    t = prof.startTime;
    inWindow = 0;
    prof.samples.forEach((id, i) => {
      const dt = prof.timeDeltas[i] ?? 0;
      t += dt;
      if (useWindow && windowUs && (t < windowUs.from || t > windowUs.to)) return;
      inWindow++;
      selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    });
  };
  collect(windowUs !== undefined);
  let scope = windowUs ? 'load phase only' : 'whole run';
  if (inWindow === 0) {
    collect(false);
    scope = 'whole run (the load window matched no samples)';
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
    const a = area(url, functionName || '(anonymous)');
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${pct(us)}  ${k}`);
  const idle = (fns.get('(idle)') ?? 0) / total;
  return [
    `cpu profile ${path.basename(file)} (${scope}; ${(total / 1e6).toFixed(2)} s sampled on the main thread, ${(idle * 100).toFixed(0)}% idle)`,
    'self time by area:',
    ...list(areas),
    'self time by function:',
    ...list(fns),
  ].join('\n');
}

export function newestProfile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return files[0] ?? null;
}
