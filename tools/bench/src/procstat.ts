/**
 * Process accounting from /proc (Linux): CPU seconds (utime + stime from /proc/<pid>/stat, fields
 * 14 and 15, in clock ticks) and resident memory (VmRSS / VmHWM from /proc/<pid>/status). Used for
 * the server under test, which is another process, possibly not Node (ejabberd's beam.smp).
 * Where /proc is missing the readers return null and the report says "n/a".
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100; // the Linux default on every architecture we run on
    }
  }
  return ticks;
}

export interface ProcSample {
  cpuS: number;
  rssMb: number;
  hwmMb: number;
  /**
   * Seconds the main thread was runnable but waiting for a CPU (/proc/<pid>/schedstat, field 2).
   * On a shared or oversubscribed machine this is the time the server lost to other processes;
   * it tells a slow server from a starved one.
   */
  runqueueWaitS: number;
}

export function sampleProc(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state), so field n is rest[n - 3].
    const utime = Number(rest[14 - 3]);
    const stime = Number(rest[15 - 3]);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    let runqueueWaitS = 0;
    try {
      runqueueWaitS = Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0) / 1e9;
    } catch {
      // schedstat needs CONFIG_SCHEDSTATS; report 0 where it is missing
    }
    return { cpuS: (utime + stime) / clockTicks(), rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, runqueueWaitS };
  } catch {
    return null;
  }
}

/** The open-file limit of a process (soft, or hard with `which`), from /proc/<pid>/limits. */
export function openFileLimit(pid: number, which: 'soft' | 'hard' = 'soft'): number | null {
  try {
    const limits = fs.readFileSync(`/proc/${pid}/limits`, 'utf8');
    const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(limits);
    const v = which === 'soft' ? m?.[1] : m?.[2];
    if (!v) return null;
    return v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v);
  } catch {
    return null;
  }
}

/** CPU seconds this process used (user + system) since `since` (a process.cpuUsage() value). */
export function selfCpuS(since?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}
