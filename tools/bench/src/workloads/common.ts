/** Pieces every workload shares: the provisioner for a driver, and server CPU/RSS accounting. */
import { BackchannelProvisioner } from '../drivers/backchannel/provision.js';
import type { DriverName, Provisioner } from '../drivers/types.js';
import type { Options } from '../options.js';
import { EjabberdProvisioner } from '../peers/ejabberd/provision.js';
import { sampleProc } from '../procstat.js';
import { log } from '../progress.js';
import type { Target } from '../target/target.js';

export interface RunContext {
  opts: Options;
  target: Target;
  driver: DriverName;
}

export function provisioner(ctx: RunContext): Provisioner {
  const url = ctx.target.urls[0];
  if (!url) throw new Error('target has no URL');
  return ctx.driver === 'ejabberd' ? new EjabberdProvisioner(url) : new BackchannelProvisioner(url);
}

export function setupProgress(label: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done === total || now - last > 2000) {
      last = now;
      log(`[${label}] setup ${done}/${total}`);
    }
  };
}

/** CPU seconds and RSS of the server's processes, summed (one node today, several with --cluster). */
export class ServerMeter {
  private cpu0: number | null;
  private wait0: number | null;

  constructor(private readonly pids: number[]) {
    this.cpu0 = this.total('cpuS');
    this.wait0 = this.total('runqueueWaitS');
  }

  private total(key: 'cpuS' | 'runqueueWaitS'): number | null {
    if (this.pids.length === 0) return null;
    let total = 0;
    for (const pid of this.pids) {
      const s = sampleProc(pid);
      if (!s) return null;
      total += s[key];
    }
    return total;
  }

  /** CPU seconds of the server since the meter was created (setup excluded). */
  cpuS(): number | null {
    const now = this.total('cpuS');
    return now === null || this.cpu0 === null ? null : Math.round((now - this.cpu0) * 100) / 100;
  }

  /** Seconds the server's main thread(s) waited for a CPU since the meter was created. */
  runqueueWaitS(): number | null {
    const now = this.total('runqueueWaitS');
    return now === null || this.wait0 === null ? null : Math.round((now - this.wait0) * 100) / 100;
  }

  rssMb(): number | null {
    if (this.pids.length === 0) return null;
    let total = 0;
    for (const pid of this.pids) total += sampleProc(pid)?.rssMb ?? 0;
    return Math.round(total * 10) / 10;
  }
}

/**
 * Group-commit counters from the server's Prometheus endpoint (`backchannel_commit_batch_events`
 * sum and count), so a run can report how many commits it caused and their mean size — the
 * number that says whether group commit is grouping. Null when the endpoint is absent.
 */
export async function commitStats(baseUrl: string | undefined): Promise<{ commits: number; events: number } | null> {
  if (!baseUrl) return null;
  try {
    const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    const text = await res.text();
    const pick = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
    const commits = pick('backchannel_commit_batch_events_count');
    const events = pick('backchannel_commit_batch_events_sum');
    return Number.isFinite(commits) && Number.isFinite(events) ? { commits, events } : null;
  } catch {
    return null;
  }
}
