/**
 * Visits the main screens at phone (390×844, touch) and desktop (1280×800) sizes in light and dark,
 * saves screenshots to e2e/screenshots/, and fails if any screen scrolls sideways; a last pass at
 * 360 px (the narrowest phone we support) checks the same without screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import { check, T } from './helpers.mjs';

const VARIANTS = [
  { name: 'phone-light', viewport: { width: 390, height: 844 }, mobile: true, colorScheme: 'light' },
  { name: 'phone-dark', viewport: { width: 390, height: 844 }, mobile: true, colorScheme: 'dark' },
  { name: 'desktop-light', viewport: { width: 1280, height: 800 }, mobile: false, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: { width: 1280, height: 800 }, mobile: false, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 360, height: 740 }, mobile: true, colorScheme: 'light', noShots: true },
];

function screens(people) {
  return [
    { name: 'hallway', path: '/', ready: (p) => p.getByRole('heading', { name: 'The hallway is quiet right now' }) },
    { name: 'inbox', path: '/backchannel', ready: (p) => p.locator('.conv-list li').first() },
    { name: 'requests', path: '/backchannel/requests', ready: (p) => p.getByTestId('requests-tab') },
    ...(people.request ? [{ name: 'request', path: new URL(people.request).pathname, ready: (p) => p.getByTestId('request-bar') }] : []),
    { name: 'conversation', path: new URL(people.dm).pathname, ready: (p) => p.getByTestId('message').filter({ hasText: 'Got it after the restart' }) },
    { name: 'group', path: new URL(people.group).pathname, ready: (p) => p.getByTestId('system-message').first() },
    { name: 'compose', path: '/backchannel/new', ready: (p) => p.getByRole('searchbox') },
    { name: 'profile', path: `/u/${people.bea.username}`, ready: (p) => p.getByTestId('follower-count') },
    { name: 'privacy', path: '/settings/privacy', ready: (p) => p.getByRole('list', { name: 'Blocked people' }) },
    { name: 'moderation', path: '/moderation', ready: (p) => p.getByRole('list', { name: 'Audit log' }) },
    ...(people.openReport ? [{ name: 'moderation-report', path: `/moderation/reports/${people.openReport}`, ready: (p) => p.getByTestId('reported-message') }] : []),
  ];
}

export async function captureScreens({ browser, base, storageState, people, outDir }) {
  fs.mkdirSync(outDir, { recursive: true });
  const problems = [];
  for (const v of VARIANTS) {
    const options = { viewport: v.viewport, colorScheme: v.colorScheme, isMobile: v.mobile, hasTouch: v.mobile, deviceScaleFactor: v.mobile ? 2 : 1 };
    const signedOut = await browser.newContext(options);
    const signedIn = await browser.newContext({ ...options, storageState });
    try {
      const login = await signedOut.newPage();
      await login.goto(`${base}/signup`);
      await login.getByRole('button', { name: 'Create account' }).waitFor({ timeout: T });
      await shoot(login, v, 'signup', outDir, problems);
      const page = await signedIn.newPage();
      for (const s of screens(people)) {
        await page.goto(`${base}${s.path}`);
        await s.ready(page).waitFor({ timeout: T });
        await shoot(page, v, s.name, outDir, problems);
      }
      if (v.name === 'phone-light') await swipeOpensBackchannel(signedIn, page, base);
      if (v.name === 'desktop-light') await themeToggleWorks(page, base);
      if (v.name === 'narrow') await phoneLayoutHolds(page, base, people);
    } finally {
      await signedOut.close();
      await signedIn.close();
    }
  }
  check(problems.length === 0, `screens scroll sideways: ${problems.join('; ')}`);
}

async function shoot(page, variant, name, outDir, problems) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${name} at ${variant.viewport.width}px overflows by ${overflow}px`);
  if (!variant.noShots) await page.screenshot({ path: path.join(outDir, `${variant.name}-${name}.png`) });
}

/** On a touch screen, a right-to-left swipe on the hallway opens Backchannel (like the audio app). */
async function swipeOpensBackchannel(context, page, base) {
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: 'The hallway is quiet right now' }).waitFor({ timeout: T });
  const cdp = await context.newCDPSession(page);
  const at = (x) => [{ x, y: 500 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(340) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(200) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.getByRole('heading', { name: 'Backchannel' }).waitFor({ timeout: T });
  check(new URL(page.url()).pathname === '/backchannel', `swipe should open /backchannel, got ${page.url()}`);
}

/**
 * At 360 px: a long group title ends in an ellipsis clear of the header's buttons, and a request's
 * "Delete request" confirmation button stays one line (it was squeezed into a quarter column).
 */
async function phoneLayoutHolds(page, base, people) {
  await page.goto(`${base}${new URL(people.group).pathname}`);
  const title = page.getByTestId('conversation-title');
  await title.waitFor({ timeout: T });
  const t = await title.evaluate((el) => {
    el.textContent = 'Saturday road trip to the coast with everyone from the AI policy room';
    const actions = el.closest('.topbar')?.querySelector('.topbar-actions')?.getBoundingClientRect();
    return { ellipsis: window.getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth, clear: !actions || el.getBoundingClientRect().right <= actions.left };
  });
  check(t.ellipsis && t.clear, `a long group title should end in an ellipsis before the header buttons (${JSON.stringify(t)})`);
  if (!people.request) return;
  await page.goto(`${base}${new URL(people.request).pathname}`);
  await page.getByTestId('request-bar').getByRole('button', { name: 'Delete', exact: true }).click();
  const button = page.getByRole('alertdialog').getByRole('button', { name: 'Delete request' });
  const height = await button.evaluate((el) => el.getBoundingClientRect().height);
  check(height < 48, `"Delete request" should stay one line on a phone (it is ${height}px tall)`);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
}

/** The toggle overrides prefers-color-scheme and the choice survives a reload. */
async function themeToggleWorks(page, base) {
  await page.goto(`${base}/`);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  check((await theme()) === 'light', 'a light-scheme browser starts light');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: T });
  await page.reload();
  await page.getByRole('button', { name: 'Switch to light theme' }).waitFor({ timeout: T });
  check((await theme()) === 'dark', 'the chosen theme survives a reload');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
}
