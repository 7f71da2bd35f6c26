/**
 * The account's own data and its end, in the browser: "Download my data" gives a zip with the
 * person's profile and conversation; an operator's reset link (printed by `admin reset-password`)
 * sets a new password; "Delete account…" asks for the password, signs out, and the old login no
 * longer works. Every wait is a condition with a bounded timeout.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { check, go, signUp, T, user } from './helpers.mjs';
import { SERVER_MAIN } from './server.mjs';

const ADMIN = path.join(path.dirname(SERVER_MAIN), 'cli/admin.js');

/** The names of the files in a zip. */
function zipEntries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names = [];
      zip.on('entry', (e) => (names.push(e.fileName), zip.readEntry()));
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export async function accountData(ctx) {
  const { base, dataDir } = ctx;
  const page = await ctx.newPage();
  // The app runs under the server's strict Content-Security-Policy: nothing it does may be refused.
  const violations = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  const u = user('Fin');
  await signUp(page, base, u);

  // The app lands on the hallway after signing up; going elsewhere before that is undone by it.
  await page.getByRole('heading', { name: 'Hallway', exact: true }).waitFor({ timeout: T });
  await go(page, '/settings/privacy');
  await page.getByRole('heading', { name: 'Who can message me' }).waitFor({ timeout: T });
  // The blocked list loads on its own; once it has, nothing moves the button between Playwright
  // finding it and clicking it.
  await page.getByText('Loading…').waitFor({ state: 'detached', timeout: T });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.getByRole('button', { name: 'Download my data' }).click()]);
  check(/^backchannel-.*\.zip$/.test(download.suggestedFilename()), `download named ${download.suggestedFilename()}`);
  const file = path.join(dataDir, 'export-fin.zip');
  await download.saveAs(file);
  const names = await zipEntries(file);
  for (const want of ['account.json', 'sessions.json', 'following.json', 'README.json']) check(names.includes(want), `export should hold ${want}; got ${names.join(', ')}`);

  // An operator's reset link works in a fresh browser, and the old password stops working.
  const env = { ...process.env, BACKCHANNEL_DATA_DIR: dataDir, BACKCHANNEL_LOG_LEVEL: 'silent' };
  const { stdout } = await promisify(execFile)(process.execPath, [ADMIN, 'reset-password', u.username], { env, timeout: T });
  const link = /(\/reset-password#token=[A-Za-z0-9_-]+)/.exec(stdout)?.[1];
  check(link, `reset-password should print a link; got ${stdout}`);
  const other = await ctx.newPage();
  await other.goto(`${base}${link}`);
  await other.getByLabel('New password').fill('a fresh password here');
  await other.getByRole('button', { name: 'Set password' }).click();
  await other.getByRole('status').filter({ hasText: 'Your password is set' }).waitFor({ timeout: T });
  // The first browser's session ended with the reset: it is back at the login page.
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor({ timeout: T });
  await page.getByLabel('Username').fill(u.username);
  await page.getByLabel('Password').fill('a fresh password here');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: /^Backchannel/ }).waitFor({ timeout: T });

  // Delete: the password again, then signed out; logging in again fails.
  await page.goto(`${base}/settings/privacy`);
  await page.getByRole('button', { name: 'Delete account…' }).click();
  await page.getByLabel('Your password').fill('a fresh password here');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor({ timeout: T });
  await page.getByLabel('Username').fill(u.username);
  await page.getByLabel('Password').fill('a fresh password here');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: /wrong|password/i }).waitFor({ timeout: T });
  check(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
  await page.context().close();
  await other.context().close();
}
