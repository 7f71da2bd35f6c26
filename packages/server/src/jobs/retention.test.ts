/**
 * Message retention on the jobs runner, through a real server on a fake clock (docs/subsystems/accounts.md,
 * "Retention"): the hourly job deletes messages older than the setting and keeps the rest; the
 * admin command's dry run counts them and deletes nothing; without the setting nothing is deleted.
 */
import { afterEach, expect, it } from 'vitest';
import { runAdmin } from '../cli/admin.js';
import { cmid } from '../domain/requests/requests.test-helpers.js';
import { TestClock } from '../testing/clock.js';
import { signupUser, startTestServer, type TestServer } from '../testing/harness.js';
import { RETENTION_EVERY_MS } from './retention.js';

const DAY = 86_400_000;
let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function scene(messageRetentionDays: number, clock: TestClock) {
  server = await startTestServer({ databaseUrl: null, jobsPollMs: 0, roomSweepIntervalMs: 0, messageRetentionDays }, { clock });
  const [a, b] = [await signupUser(server), await signupUser(server)];
  await b.client.follow(a.id);
  const c = await a.client.openDirect(b.id);
  for (let i = 0; i < 3; i++) await a.client.sendMessage(c.id, { text: `old ${i}`, clientMessageId: cmid() });
  clock.advance(8 * DAY);
  await b.client.sendMessage(c.id, { text: 'new', clientMessageId: cmid() });
  clock.advance(RETENTION_EVERY_MS);
  return { a, c };
}

it('deletes messages older than the retention and keeps newer ones; the dry run only counts', async () => {
  // The server's clock starts 30 days ago: the old messages are 30 days old, the new one 22.
  const clock = new TestClock(Date.now() - 30 * DAY);
  const { a, c } = await scene(7, clock);
  // The CLI on the same embedded store, on the real clock: 25 days back holds the three old ones.
  let out = '';
  expect(await runAdmin(['retention', '--dry-run', '--days', '25'], { env: { BACKCHANNEL_DATA_DIR: server!.dataDir }, out: (l) => (out += l), err: () => {} })).toBe(0);
  expect(out).toMatch(/^3 messages are older than 25 days .*nothing deleted$/);
  expect(await server!.deps.store.read.accounts.countMessagesBefore(clock.now() - 7 * DAY)).toBe(3);
  await server!.jobs.runDue();
  expect((await a.client.history(c.id, {})).messages.map((m) => m.text)).toEqual(['new']);
  expect(await server!.deps.store.read.accounts.countMessagesBefore(clock.now() - 7 * DAY)).toBe(0);
});

it('deletes nothing without the setting', async () => {
  const clock = new TestClock();
  const { a, c } = await scene(0, clock);
  await server!.jobs.runDue();
  expect((await a.client.history(c.id, {})).messages.map((m) => m.text)).toEqual(['old 0', 'old 1', 'old 2', 'new']);
});
