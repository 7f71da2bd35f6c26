/**
 * The runner's behaviour, on the fake clock and without sleeping, run on each backend
 * (runner.test.ts on SQLite, runner.pg.test.ts on PostgreSQL). A job's result is an ordinary
 * event, so a job done twice would show as two results, and a lost one as none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../storage/store.js';
import { JobGiveUp, recurringKey } from './kind.js';
import { T0, TestClock, enqueue, gate, kind, recorder, resultEvent, results, runner, type TestStores } from './runner.test-helpers.js';

export function runnerSuite(name: string, openStores: () => Promise<TestStores>): void {
  describe(`jobs runner: ${name}`, () => {
    let stores: TestStores;
    let store: Store;
    let clock: TestClock;
    beforeEach(async () => {
      stores = await openStores();
      store = await stores.open();
      clock = new TestClock(T0);
    });
    afterEach(async () => {
      await stores.cleanup();
    });
    const stateOf = async (key: string) => (await store.read.jobs.byKey(key))?.state;

    it('runs a job after the commit that enqueued it, once, writing its result as an event; the same key again is a no-op', async () => {
      const work = kind('test.work');
      const r = runner(store, clock, [work]);
      expect(await enqueue(store, clock, work, 'k1')).toBe(true);
      expect(await enqueue(store, clock, work, 'k1', { other: true })).toBe(false);
      expect(await r.runDue()).toBe(1);
      expect(await results(store)).toEqual(['k1']);
      expect(await stateOf('k1')).toBe('done');
      expect(await enqueue(store, clock, work, 'k1')).toBe(false);
      expect(await r.runDue()).toBe(0);
      expect(await results(store)).toEqual(['k1']);
    });

    it('retries a handler that throws, backing off exponentially on the injected clock, and completes it once', async () => {
      const seen: number[] = [];
      const flaky = kind('test.flaky', async (job) => {
        seen.push(job.attempt);
        if (job.attempt < 3) throw new Error(`boom ${job.attempt}`);
        return resultEvent(job, job.now);
      });
      const rec = recorder();
      const r = runner(store, clock, [flaky], { observer: rec.observer });
      await enqueue(store, clock, flaky, 'k1');
      expect(await r.runDue()).toBe(1);
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'failed', attempts: 1, runAt: T0 + 1000, lastError: 'Error: boom 1' });
      clock.advance(999);
      expect(await r.runDue()).toBe(0);
      clock.advance(1);
      expect(await r.runDue()).toBe(1);
      // The second failure waits twice as long.
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'failed', attempts: 2, runAt: T0 + 1000 + 2000 });
      clock.advance(1999);
      expect(await r.runDue()).toBe(0);
      clock.advance(1);
      expect(await r.runDue()).toBe(1);
      expect(seen).toEqual([1, 2, 3]);
      expect(rec.outcomes.map((o) => o.outcome)).toEqual(['failed', 'failed', 'done']);
      expect(await results(store)).toEqual(['k1']);
      expect(await stateOf('k1')).toBe('done');
    });

    it('buries a job after its last attempt, or at once when the handler gives up, and never runs it again', async () => {
      let runs = 0;
      const broken = kind('test.broken', async (job) => {
        runs++;
        if (job.key === 'hopeless') throw new JobGiveUp('the message is gone');
        throw new Error('always');
      });
      const rec = recorder();
      const r = runner(store, clock, [broken], { observer: rec.observer });
      await enqueue(store, clock, broken, 'k1');
      await enqueue(store, clock, broken, 'hopeless');
      for (let i = 0; i < 5; i++) {
        await r.runDue();
        clock.advance(60_000);
      }
      expect(runs).toBe(4);
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'dead', attempts: 3, lastError: 'Error: always' });
      expect(await store.read.jobs.byKey('hopeless')).toMatchObject({ state: 'dead', attempts: 1, lastError: 'JobGiveUp: the message is gone' });
      expect(rec.outcomes.map((o) => o.outcome).sort()).toEqual(['dead', 'dead', 'failed', 'failed']);
      expect((await store.read.jobs.stats(clock.now())).counts).toMatchObject({ dead: 2, queued: 0, failed: 0, running: 0 });
    });

    it('shares many jobs between nodes claiming at once: each is done exactly once', async () => {
      const work = kind('test.work');
      const keys = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
      for (const key of keys) await enqueue(store, clock, work, key);
      const nodes = [runner(store, clock, [work]), runner(await stores.open(), clock, [work]), runner(await stores.open(), clock, [work])];
      const attempts = await Promise.all(nodes.map((n) => n.runDue()));
      expect(attempts.reduce((a, b) => a + b)).toBe(30);
      expect((await results(store)).sort()).toEqual(keys);
      expect((await store.read.jobs.stats(clock.now())).counts).toMatchObject({ done: 30, queued: 0, running: 0 });
    });

    it('takes over a job whose runner stalled past its lease; the stalled runner cannot commit its late result', async () => {
      const entered = { a: gate(), b: gate() };
      const go = { a: gate(), b: gate() };
      const slow = (node: 'a' | 'b') =>
        kind('test.work', async (job) => {
          entered[node].open();
          await go[node].promise;
          return resultEvent(job, job.now);
        });
      const recA = recorder();
      const recB = recorder();
      const nodeA = runner(store, clock, [slow('a')], { observer: recA.observer, owner: 'node-a' });
      const storeB = await stores.open();
      const nodeB = runner(storeB, clock, [slow('b')], { observer: recB.observer, owner: 'node-b' });
      await enqueue(store, clock, kind('test.work'), 'k1');
      const runningA = nodeA.runDue();
      await entered.a.promise;
      expect(await storeB.read.jobs.byKey('k1')).toMatchObject({ state: 'running', leaseOwner: 'node-a', attempts: 1 });
      // Within the lease, node B leaves it alone.
      expect(await nodeB.runDue()).toBe(0);
      clock.advance(90_000); // the lease of a 60 s attempt: 60 s + 30 s
      const runningB = nodeB.runDue();
      await entered.b.promise;
      // A wakes up while B holds the job: A's result rolls back, B's lease stands.
      go.a.open();
      await runningA;
      expect(recA.outcomes).toEqual([{ kind: 'test.work', outcome: 'lease_lost' }]);
      expect(await results(store)).toEqual([]);
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'running', leaseOwner: 'node-b', attempts: 2 });
      go.b.open();
      expect(await runningB).toBe(1);
      expect(recB.outcomes).toEqual([{ kind: 'test.work', outcome: 'done' }]);
      expect(await results(store)).toEqual(['k1']);
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'done', attempts: 2 });
    });

    it('keeps a job through a crash of its node: after a restart it runs once its lease has passed', async () => {
      const entered = gate();
      const crashing = kind('test.work', async () => {
        entered.open();
        return new Promise<never>(() => undefined); // the process dies mid-attempt
      });
      await enqueue(store, clock, crashing, 'k1');
      void runner(store, clock, [crashing]).runDue();
      await entered.promise;
      await store.close();
      const restarted = await stores.open();
      store = restarted;
      const r = runner(restarted, clock, [kind('test.work')]);
      expect(await r.runDue()).toBe(0);
      clock.advance(90_000);
      expect(await r.runDue()).toBe(1);
      expect(await results(restarted)).toEqual(['k1']);
      expect(await restarted.read.jobs.byKey('k1')).toMatchObject({ state: 'done', attempts: 2 });
    });

    it('buries a job whose node died on its last attempt', async () => {
      const rec = recorder();
      const entered = gate();
      const hang = kind('test.work', () => (entered.open(), new Promise<never>(() => undefined)), { maxAttempts: 1 });
      await enqueue(store, clock, hang, 'k1');
      void runner(store, clock, [hang]).runDue();
      await entered.promise;
      const later = runner(store, clock, [kind('test.work', undefined, { maxAttempts: 1 })], { observer: rec.observer });
      clock.advance(90_000);
      expect(await later.runDue()).toBe(0);
      expect(rec.expired).toBe(1);
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'dead' });
    });

    it('runs a recurring job once per interval across nodes, with one row for it', async () => {
      let runs = 0;
      const sweep = kind('test.sweep', async () => void runs++, { everyMs: 600_000 });
      const nodeA = runner(store, clock, [sweep]);
      const nodeB = runner(await stores.open(), clock, [sweep]);
      await Promise.all([nodeA.start(), nodeB.start()]);
      // The first run is one interval after the first start.
      expect(await nodeA.runDue()).toBe(0);
      clock.advance(600_000);
      expect((await Promise.all([nodeA.runDue(), nodeB.runDue()])).reduce((a, b) => a + b)).toBe(1);
      clock.advance(599_999);
      expect(await nodeA.runDue()).toBe(0);
      // A node starting later does not move the schedule.
      await runner(await stores.open(), clock, [sweep]).start();
      expect(await nodeB.runDue()).toBe(0);
      clock.advance(1);
      expect((await Promise.all([nodeB.runDue(), nodeA.runDue()])).reduce((a, b) => a + b)).toBe(1);
      expect(runs).toBe(2);
      expect(await store.read.jobs.byKey(recurringKey('test.sweep'))).toMatchObject({ state: 'queued', runAt: T0 + 1_800_000, attempts: 0 });
      expect((await store.read.jobs.stats(clock.now())).counts.queued).toBe(1);
    });

    it('gives up waiting for an attempt at its deadline, aborts it, and retries it later', async () => {
      const signals: AbortSignal[] = [];
      const rec = recorder();
      const stuck = kind(
        'test.stuck',
        async (job) => {
          signals.push(job.signal);
          if (job.attempt === 1) return new Promise<never>(() => undefined);
          return resultEvent(job, job.now);
        },
        { timeoutMs: 20 },
      );
      const r = runner(store, clock, [stuck], { observer: rec.observer });
      await enqueue(store, clock, stuck, 'k1');
      expect(await r.runDue()).toBe(1);
      expect(signals[0]!.aborted).toBe(true);
      expect(await store.read.jobs.byKey('k1')).toMatchObject({ state: 'failed', lastError: 'AttemptTimedOut: attempt exceeded 20 ms' });
      clock.advance(1000);
      expect(await r.runDue()).toBe(1);
      expect(rec.outcomes.map((o) => o.outcome)).toEqual(['failed', 'done']);
      expect(await results(store)).toEqual(['k1']);
    });

    it('stops gracefully: lets a short attempt finish, releases one that outlasts the grace without counting it', async () => {
      const quickGate = gate();
      const entered = { quick: gate(), slow: gate() };
      const rec = recorder();
      const work = kind('test.work', async (job) => {
        if (job.key === 'quick') {
          entered.quick.open();
          await quickGate.promise;
          return resultEvent(job, job.now);
        }
        entered.slow.open();
        return new Promise<never>(() => undefined);
      });
      const r = runner(store, clock, [work], { observer: rec.observer });
      await enqueue(store, clock, work, 'quick');
      clock.advance(1);
      await enqueue(store, clock, work, 'slow');
      const running = r.runDue();
      await Promise.all([entered.quick.promise, entered.slow.promise]);
      const stopped = r.stop(50);
      quickGate.open();
      await stopped;
      await running;
      expect(rec.outcomes.map((o) => `${o.outcome}`).sort()).toEqual(['done', 'released']);
      expect(await results(store)).toEqual(['quick']);
      expect(await store.read.jobs.byKey('slow')).toMatchObject({ state: 'queued', attempts: 0, leaseToken: null, runAt: clock.now() });
      // A stopped runner claims nothing more; another node (or the next start) takes the job at once.
      expect(await r.runDue()).toBe(0);
      expect(await runner(store, clock, [kind('test.work')]).runDue()).toBe(1);
      expect(await results(store)).toEqual(['quick', 'slow']);
    });

    it('polls by itself when started, and picks up a job enqueued later', async () => {
      const done = gate<string>();
      const work = kind('test.work', async (job) => {
        done.open(job.key);
        return resultEvent(job, job.now);
      });
      const r = runner(store, clock, [work], { pollMs: 5 });
      await r.start();
      await enqueue(store, clock, work, 'k1');
      expect(await done.promise).toBe('k1');
      await r.stop();
      expect(await results(store)).toEqual(['k1']);
    });
  });
}
