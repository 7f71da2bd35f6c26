/** Small helpers shared by the coordinator and the workers: bounded concurrency and deadlines. */

/** Runs `fn` over `count` indexes with at most `concurrency` in flight; fails at `deadline` (epoch ms). */
export async function forEachBounded(
  count: number,
  concurrency: number,
  deadline: number,
  fn: (i: number) => Promise<void>,
  onDone?: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (next < count && failure === undefined) {
      if (Date.now() > deadline) throw new Error(`deadline passed after ${done}/${count} items`);
      const i = next++;
      await fn(i);
      onDone?.(++done);
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, () =>
    lane().catch((err: unknown) => {
      failure ??= err;
    }),
  );
  await Promise.all(lanes);
  if (failure !== undefined) throw failure;
}

/**
 * Waits until `cond()` holds, checking every `everyMs`, or throws after `timeoutMs`. Used where the
 * only signal is a counter (e.g. "all deliveries arrived"); it is a bounded poll, not a sleep.
 */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Like waitFor but reports whether the condition held instead of throwing. */
export async function waitUntil(cond: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  try {
    await waitFor(cond, timeoutMs, '', everyMs);
    return true;
  } catch {
    return false;
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/** A short random tag so names from different runs against one server never collide. */
export function runTag(): string {
  return Math.random().toString(36).slice(2, 8);
}
