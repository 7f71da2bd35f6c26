/**
 * The request-expiry sweep on the jobs runner, through a real server on a fake clock: requests
 * expire without their recipients looking, and a sweep that crashes halfway (a handler that throws,
 * a node that stalls past its lease) is retried so that every request expires exactly once.
 * The server's own runner does not poll here (`jobsPollMs: 0`): each test says when jobs run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireRequests } from '../domain/requests/expireRequests.js';
import { cmid } from '../domain/requests/requests.test-helpers.js';
import { TestClock } from '../testing/clock.js';
import { randomIds } from '../lib/system.js';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';
import type { JobKind } from './kind.js';
import { recurringKey } from './kind.js';
import { REQUEST_EXPIRY_KIND, requestExpiryJob } from './requestExpiry.js';
import { JobRunner, type JobOutcome } from './runner.js';
import { gate } from './runner.test-helpers.js';

const DAY = 86_400_000;
let server: TestServer;
const clock = new TestClock();

beforeAll(async () => {
  server = await startTestServer({ jobsPollMs: 0, requestExpiryDays: 30, roomSweepIntervalMs: 0 }, { clock });
});
afterAll(() => server.close());

/** A stranger sends `recipient` one message: a pending request. */
async function pendingTo(recipient: TestUser): Promise<string> {
  const sender = await signupUser(server);
  const conv = await sender.client.openDirect(recipient.id);
  await sender.client.sendMessage(conv.id, { clientMessageId: cmid(), text: 'hello there' });
  return conv.id;
}

async function requests(n: number): Promise<Array<{ recipient: TestUser; conversationId: string }>> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const recipient = await signupUser(server);
    out.push({ recipient, conversationId: await pendingTo(recipient) });
  }
  return out;
}

const stateOf = async (r: { recipient: TestUser; conversationId: string }) => (await server.deps.store.read.requests.of(r.conversationId, r.recipient.id))?.state;

/** How many times the recipient's devices were told they left the request (once, when it expired). */
async function leftCount(r: { recipient: TestUser; conversationId: string }): Promise<number> {
  const events = await server.deps.store.read.events.streamAfter(r.recipient.id, 0, 1000);
  return events.filter((e) => e.type === 'conversation.left' && e.conversationId === r.conversationId).length;
}

/** Another node's runner of the sweep, with a handler of the test's making. */
function node(run: JobKind<unknown>['run'], outcomes: JobOutcome[]): JobRunner {
  const real = requestExpiryJob(server.deps, 600_000);
  return new JobRunner({
    store: server.deps.store,
    clock,
    ids: randomIds,
    kinds: [{ ...real, run }],
    pollMs: 0,
    random: () => 1,
    observer: { attempt: (_kind, outcome) => void outcomes.push(outcome), expired: () => undefined },
  });
}

describe('request expiry on the jobs runner', () => {
  it('expires an unanswered request when the sweep runs after 30 days, without its recipient looking; /metrics shows the runs', async () => {
    const [r] = await requests(1);
    // The sweep first runs 10 minutes after start, then every 10 minutes.
    expect(await server.jobs.runDue()).toBe(0);
    clock.advance(30 * DAY - 60_000);
    expect(await server.jobs.runDue()).toBe(4); // the sweep, the jobs table's pruning, the room visits' pruning, the media sweep
    expect(await stateOf(r!)).toBe('pending');
    // The sweep's next run (10 minutes after the last) finds the request past its 30 days.
    clock.advance(10 * 60_000);
    expect(await server.jobs.runDue()).toBe(1);
    expect(await stateOf(r!)).toBe('expired');
    expect(await server.deps.store.read.members.get(r!.conversationId, r!.recipient.id)).toBeNull();
    expect(await leftCount(r!)).toBe(1);

    const sweep = await server.deps.store.read.jobs.byKey(recurringKey(REQUEST_EXPIRY_KIND));
    expect(sweep).toMatchObject({ state: 'queued', attempts: 0, intervalMs: 10 * 60_000, runAt: clock.now() + 10 * 60_000 });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^backchannel_job_attempts_total\{kind="requests\.expire",outcome="done"\} 2$/m);
    // The sweep and the other recurring jobs wait for their next runs; nothing is late.
    expect(metrics).toMatch(/^backchannel_jobs\{state="queued"\} 4$/m);
    expect(metrics).toMatch(/^backchannel_jobs\{state="dead"\} 0$/m);
    expect(metrics).toMatch(/^backchannel_jobs_lag_seconds 0$/m);
  });

  it('retries a sweep that threw halfway: every request expires, none twice', async () => {
    const rs = await requests(3);
    clock.advance(30 * DAY + 1);
    const outcomes: JobOutcome[] = [];
    const real = requestExpiryJob(server.deps, 600_000);
    const crashing = node(async (job) => {
      if (job.attempt > 1) return real.run(job);
      await expireRequests(server.deps, { limit: 1 });
      throw new Error('crashed mid-sweep');
    }, outcomes);
    expect(await crashing.runDue()).toBe(1);
    expect((await Promise.all(rs.map(stateOf))).sort()).toEqual(['expired', 'pending', 'pending']);
    expect(await server.deps.store.read.jobs.byKey(recurringKey(REQUEST_EXPIRY_KIND))).toMatchObject({ state: 'failed', attempts: 1, lastError: 'Error: crashed mid-sweep' });
    clock.advance(5000); // the sweep's first retry delay
    expect(await crashing.runDue()).toBe(1);
    expect(outcomes).toEqual(['failed', 'done']);
    expect(await Promise.all(rs.map(stateOf))).toEqual(['expired', 'expired', 'expired']);
    expect(await Promise.all(rs.map(leftCount))).toEqual([1, 1, 1]);
  });

  it('hands a sweep whose node stalled past its lease to another node: every request expires, none twice', async () => {
    const rs = await requests(3);
    clock.advance(30 * DAY + 1);
    const [entered, go] = [gate(), gate()];
    const real = requestExpiryJob(server.deps, 600_000);
    const stalledOutcomes: JobOutcome[] = [];
    const takeoverOutcomes: JobOutcome[] = [];
    const stalled = node(async () => {
      await expireRequests(server.deps, { limit: 1 });
      entered.open();
      await go.promise;
    }, stalledOutcomes);
    const takeover = node((job) => real.run(job), takeoverOutcomes);
    const stalledRun = stalled.runDue();
    await entered.promise;
    expect(await takeover.runDue()).toBe(0);
    clock.advance(180_000); // the sweep's lease: a 120 s deadline + 60 s
    expect(await takeover.runDue()).toBe(1);
    expect(await Promise.all(rs.map(stateOf))).toEqual(['expired', 'expired', 'expired']);
    go.open();
    await stalledRun;
    expect(stalledOutcomes).toEqual(['lease_lost']);
    expect(takeoverOutcomes).toEqual(['done']);
    expect(await Promise.all(rs.map(leftCount))).toEqual([1, 1, 1]);
    expect(await server.deps.store.read.jobs.byKey(recurringKey(REQUEST_EXPIRY_KIND))).toMatchObject({ state: 'queued', attempts: 0 });
  });
});
