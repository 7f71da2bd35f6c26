/** Conformance: the jobs table (JobRepo, storage/ports/jobs.ts): keys, claims, leases, fencing, schedules. */
import { describe, expect, it } from 'vitest';
import type { ClaimOptions } from '../ports/jobs.js';
import type { NewJob } from '../rows/jobs.js';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

const job = (id: string, extra: Partial<NewJob> = {}): NewJob => ({ id, kind: 'test.work', key: `k-${id}`, payload: { id, nested: { b: 2, a: [1, 'x'] } }, runAt: T0, maxAttempts: 3, createdAt: T0, ...extra });
const claimAt = (now: number, extra: Partial<ClaimOptions> = {}): ClaimOptions => ({ now, limit: 10, kinds: ['test.work'], leaseMs: 60_000, token: `tok-${now}`, owner: 'node-a', ...extra });

export function jobsConformance(s: () => Store): void {
  const claim = (o: ClaimOptions, key?: string) => s().write((tx) => tx.jobs.claim(o), key === undefined ? {} : { key });
  // One statement at a time: a transaction is one connection (PostgreSQL queues parallel queries).
  const enqueue = (...jobs: NewJob[]) =>
    s().write(async (tx) => {
      const stored: boolean[] = [];
      for (const j of jobs) stored.push(await tx.jobs.enqueue(j));
      return stored;
    });
  const byKey = (key: string) => s().read.jobs.byKey(key);

  describe('jobs: enqueue and claim', () => {
    it('stores one job per key, whatever the later enqueues say, and reads its payload back exactly', async () => {
      expect(await enqueue(job('a'))).toEqual([true]);
      expect(await enqueue(job('a2', { key: 'k-a', payload: 'other' }))).toEqual([false]);
      const row = await byKey('k-a');
      expect(row).toMatchObject({ id: 'a', kind: 'test.work', key: 'k-a', state: 'queued', runAt: T0, attempts: 0, maxAttempts: 3, intervalMs: null, leaseToken: null, lastError: null });
      expect(JSON.stringify(row!.payload)).toBe(JSON.stringify({ id: 'a', nested: { b: 2, a: [1, 'x'] } }));
      expect(await byKey('k-none')).toBeNull();
    });

    it('leaves no job when the write that enqueued it rolls back', async () => {
      await expect(
        s().write(async (tx) => {
          await tx.jobs.enqueue(job('a'));
          throw new Error('the action failed');
        }),
      ).rejects.toThrow('the action failed');
      expect(await byKey('k-a')).toBeNull();
    });

    it('leases the due jobs of the given kinds, oldest first, up to the limit, counting the attempt', async () => {
      expect(await s().read.jobs.hasDue(T0 + 1000, ['test.work'])).toBe(false);
      await enqueue(job('late', { runAt: T0 + 2000 }), job('b', { runAt: T0 + 1 }), job('a', { runAt: T0 }), job('other', { kind: 'other.kind' }), job('c', { runAt: T0 + 2 }));
      expect(await s().read.jobs.hasDue(T0 - 1, ['test.work'])).toBe(false);
      expect(await s().read.jobs.hasDue(T0, ['test.work'])).toBe(true);
      expect(await s().read.jobs.hasDue(T0, ['nobody.kind'])).toBe(false);
      expect(await s().read.jobs.hasDue(T0, [])).toBe(false);
      const { jobs, expired } = await claim(claimAt(T0 + 1000, { limit: 2 }));
      expect(expired).toBe(0);
      expect(jobs.map((j) => j.id)).toEqual(['a', 'b']);
      expect(jobs[0]).toMatchObject({ state: 'running', attempts: 1, leaseToken: `tok-${T0 + 1000}`, leaseOwner: 'node-a', leaseUntil: T0 + 61_000, updatedAt: T0 + 1000 });
      expect((await claim(claimAt(T0 + 1000))).jobs.map((j) => j.id)).toEqual(['c']);
      expect((await claim(claimAt(T0 + 1000))).jobs).toEqual([]);
      expect(await s().read.jobs.hasDue(T0 + 1000, ['test.work'])).toBe(false);
      // Leased jobs come due again when their lease ends.
      expect(await s().read.jobs.hasDue(T0 + 61_000, ['test.work'])).toBe(true);
      expect((await claim(claimAt(T0 + 1000, { kinds: ['other.kind'] }))).jobs.map((j) => j.id)).toEqual(['other']);
      expect((await claim(claimAt(T0 + 1000, { kinds: [] }))).jobs).toEqual([]);
    });

    it('gives a job to one of several claims racing for it (on PostgreSQL, from parallel transactions)', async () => {
      await enqueue(...Array.from({ length: 20 }, (_, i) => job(`j${String(i).padStart(2, '0')}`)));
      const racing = await Promise.all(['l1', 'l2', 'l3', 'l4'].map((lane) => claim(claimAt(T0, { limit: 8, token: `tok-${lane}` }), lane)));
      const ids = racing.flatMap((r) => r.jobs.map((j) => j.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(20);
    });
  });

  describe('jobs: leases and fencing', () => {
    it('claims a job again once its lease has expired, and the first holder can no longer finish it', async () => {
      await enqueue(job('a'));
      const first = (await claim(claimAt(T0, { token: 'first' }))).jobs[0]!;
      expect((await claim(claimAt(T0 + 59_999, { token: 'early' }))).jobs).toEqual([]);
      const second = (await claim(claimAt(T0 + 60_000, { token: 'second', owner: 'node-b' }))).jobs[0]!;
      expect(second).toMatchObject({ id: 'a', attempts: 2, leaseToken: 'second', leaseOwner: 'node-b' });
      expect(await s().write((tx) => tx.jobs.complete(first.id, 'first', T0 + 60_001))).toBe(false);
      expect(await s().write((tx) => tx.jobs.retry(first.id, 'first', { now: T0 + 60_001, runAt: T0, error: 'x' }))).toBe(false);
      expect(await s().write((tx) => tx.jobs.bury(first.id, 'first', { now: T0 + 60_001, error: 'x' }))).toBe(false);
      expect(await s().write((tx) => tx.jobs.release(first.id, 'first', T0 + 60_001))).toBe(false);
      expect(await s().write((tx) => tx.jobs.complete(second.id, 'second', T0 + 60_002))).toBe(true);
      expect(await byKey('k-a')).toMatchObject({ state: 'done', attempts: 2, leaseToken: null, leaseOwner: null, leaseUntil: null, updatedAt: T0 + 60_002 });
      expect(await s().write((tx) => tx.jobs.complete(second.id, 'second', T0 + 60_003))).toBe(false);
      expect((await claim(claimAt(T0 + 999_999))).jobs).toEqual([]);
    });

    it('retries a failed job at its retry time, and buries it when told', async () => {
      await enqueue(job('a'));
      await claim(claimAt(T0, { token: 't1' }));
      expect(await s().write((tx) => tx.jobs.retry('a', 't1', { now: T0 + 10, runAt: T0 + 5000, error: 'Error: boom' }))).toBe(true);
      expect(await byKey('k-a')).toMatchObject({ state: 'failed', runAt: T0 + 5000, attempts: 1, lastError: 'Error: boom', leaseToken: null });
      expect((await claim(claimAt(T0 + 4999))).jobs).toEqual([]);
      const again = (await claim(claimAt(T0 + 5000, { token: 't2' }))).jobs[0]!;
      expect(again.attempts).toBe(2);
      expect(await s().write((tx) => tx.jobs.bury('a', 't2', { now: T0 + 5001, error: 'Error: still' }))).toBe(true);
      expect(await byKey('k-a')).toMatchObject({ state: 'dead', lastError: 'Error: still', leaseToken: null });
      expect((await claim(claimAt(T0 + 999_999_999))).jobs).toEqual([]);
    });

    it('releases a job without counting the attempt', async () => {
      await enqueue(job('a', { runAt: T0 - 100 }));
      await claim(claimAt(T0, { token: 't1' }));
      expect(await s().write((tx) => tx.jobs.release('a', 't1', T0 + 10))).toBe(true);
      expect(await byKey('k-a')).toMatchObject({ state: 'queued', runAt: T0 + 10, attempts: 0, leaseToken: null });
      expect((await claim(claimAt(T0 + 10))).jobs.map((j) => j.attempts)).toEqual([1]);
    });

    it('buries a job whose lease expired on its last attempt instead of claiming it again', async () => {
      await enqueue(job('a', { maxAttempts: 2 }), job('b', { maxAttempts: 2, runAt: T0 - 1 }));
      await claim(claimAt(T0));
      await claim(claimAt(T0 + 60_000)); // both again: attempt 2 of 2
      const after = await claim(claimAt(T0 + 120_000));
      expect(after).toEqual({ jobs: [], expired: 2 });
      expect(await byKey('k-a')).toMatchObject({ state: 'dead', attempts: 2, leaseToken: null });
      expect((await byKey('k-a'))!.lastError).toMatch(/lease expired/);
    });
  });

  describe('jobs: recurring jobs, stats and pruning', () => {
    const every = (id: string, intervalMs: number, runAt = T0) => ({ ...job(id, { key: 'every:test.work', runAt, payload: null }), intervalMs });

    it('keeps one recurring job per key and puts it back after each run', async () => {
      await s().write((tx) => tx.jobs.ensureRecurring(every('r1', 600_000)));
      await s().write((tx) => tx.jobs.ensureRecurring(every('r2', 600_000, T0 + 5000)));
      const run = (await claim(claimAt(T0, { token: 't1' }))).jobs;
      expect(run.map((j) => [j.id, j.intervalMs])).toEqual([['r1', 600_000]]);
      expect(await s().write((tx) => tx.jobs.complete('r1', 't1', T0 + 100))).toBe(true);
      expect(await byKey('every:test.work')).toMatchObject({ state: 'queued', runAt: T0 + 600_100, attempts: 0 });
      // A shorter interval (a new setting) moves the next run earlier; a longer one does not delay it.
      await s().write((tx) => tx.jobs.ensureRecurring(every('r3', 60_000, T0 + 60_200)));
      expect(await byKey('every:test.work')).toMatchObject({ id: 'r1', runAt: T0 + 60_200, intervalMs: 60_000 });
      await s().write((tx) => tx.jobs.ensureRecurring(every('r4', 900_000, T0 + 900_300)));
      expect(await byKey('every:test.work')).toMatchObject({ runAt: T0 + 60_200, intervalMs: 900_000 });
    });

    it('never buries a recurring job: a run out of attempts waits for the next interval', async () => {
      await s().write((tx) => tx.jobs.ensureRecurring({ ...every('r', 600_000), maxAttempts: 1 }));
      await claim(claimAt(T0, { token: 't1' }));
      expect(await s().write((tx) => tx.jobs.retry('r', 't1', { now: T0 + 1, runAt: T0 + 600_001, error: 'x', resetAttempts: true }))).toBe(true);
      expect(await byKey('every:test.work')).toMatchObject({ state: 'failed', attempts: 0, runAt: T0 + 600_001 });
      await claim(claimAt(T0 + 600_001));
      // Its runner dies on the last attempt: back for the next run, not dead.
      expect((await claim(claimAt(T0 + 660_001))).expired).toBe(1);
      expect(await byKey('every:test.work')).toMatchObject({ state: 'queued', attempts: 0, runAt: T0 + 1_260_001 });
    });

    it('brings back a recurring job left done or dead', async () => {
      await enqueue(job('old', { key: 'every:test.work' }));
      await claim(claimAt(T0, { token: 't1' }));
      await s().write((tx) => tx.jobs.bury('old', 't1', { now: T0, error: 'x' }));
      await s().write((tx) => tx.jobs.ensureRecurring(every('new', 60_000, T0 + 60_000)));
      expect(await byKey('every:test.work')).toMatchObject({ id: 'old', state: 'queued', attempts: 0, runAt: T0 + 60_000, intervalMs: 60_000 });
    });

    it('counts jobs by state and reports the oldest due one', async () => {
      expect(await s().read.jobs.stats(T0)).toEqual({ counts: { queued: 0, running: 0, failed: 0, done: 0, dead: 0 }, oldestDueAt: null });
      await enqueue(job('a', { runAt: T0 - 500 }), job('b', { runAt: T0 - 200 }), job('c', { runAt: T0 + 1000 }), job('d', { runAt: T0 - 100 }));
      const [d] = (await claim(claimAt(T0, { limit: 1, token: 't1' }))).jobs;
      expect(d!.id).toBe('a');
      await s().write((tx) => tx.jobs.complete('a', 't1', T0));
      await claim(claimAt(T0, { limit: 1, token: 't2' })); // b: running
      expect(await s().read.jobs.stats(T0)).toEqual({ counts: { queued: 2, running: 1, failed: 0, done: 1, dead: 0 }, oldestDueAt: T0 - 100 });
      // b's lease expires: it is due again, since its lease ended.
      expect((await s().read.jobs.stats(T0 + 60_000)).oldestDueAt).toBe(T0 - 100);
      expect((await s().read.jobs.stats(T0 + 60_000 - 1)).oldestDueAt).toBe(T0 - 100);
      await claim(claimAt(T0, { kinds: ['test.work'], token: 't3' })); // d
      expect((await s().read.jobs.stats(T0 + 1)).oldestDueAt).toBeNull();
      // c comes due at T0 + 1000, before the leases of b and d end.
      expect((await s().read.jobs.stats(T0 + 60_000)).oldestDueAt).toBe(T0 + 1000);
    });

    it('prunes done and dead jobs last changed before a time, and nothing else', async () => {
      await enqueue(job('done'), job('dead'), job('queued'), job('fresh'));
      await claim(claimAt(T0, { limit: 2, token: 't1' }));
      await s().write((tx) => tx.jobs.complete('done', 't1', T0));
      await s().write((tx) => tx.jobs.bury('dead', 't1', { now: T0, error: 'x' }));
      await claim(claimAt(T0 + 10, { limit: 1, kinds: ['test.work'], token: 't2' }));
      expect(await s().write((tx) => tx.jobs.complete('fresh', 't2', T0 + 10))).toBe(true);
      expect(await s().write((tx) => tx.jobs.prune(T0 + 1, 100))).toBe(2);
      expect(await byKey('k-done')).toBeNull();
      expect(await byKey('k-dead')).toBeNull();
      expect(await byKey('k-queued')).not.toBeNull();
      expect(await byKey('k-fresh')).toMatchObject({ state: 'done' });
      expect(await s().write((tx) => tx.jobs.prune(T0 + 1, 100))).toBe(0);
    });
  });
}
