/** UI steps shared by the scenarios. Every wait is a condition with a bounded timeout; no sleeps. */
export const T = 10_000;

export function user(name) {
  const suffix = Math.random().toString(36).slice(2, 7);
  return { username: `${name.toLowerCase()}_${suffix}`, displayName: `${name} ${name === 'Ada' ? 'Lovelace' : name === 'Bea' ? 'Baker' : 'Stranger'}`, password: 'correct horse battery' };
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export async function signUp(page, base, u) {
  await page.goto(`${base}/signup`);
  await page.getByLabel('Username').fill(u.username);
  await page.getByLabel('Your name').fill(u.displayName);
  await page.getByLabel('Password').fill(u.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('link', { name: /^Backchannel/ }).waitFor({ timeout: T });
}

export async function token(page) {
  return page.evaluate(() => localStorage.getItem('backchannel.token'));
}

export async function follow(page, base, u) {
  await page.goto(`${base}/u/${u.username}`);
  // By keyboard: focus stays on the button, which now offers Unfollow.
  await page.getByRole('button', { name: 'Follow', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Unfollow', exact: true }).waitFor({ timeout: T });
  check(await page.getByRole('button', { name: 'Unfollow', exact: true }).evaluate((el) => el === document.activeElement), 'focus stays on the Follow button after following');
}

/** In-app navigation (keeps the socket and state), like a user clicking a link. */
export async function go(page, path) {
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new window.PopStateEvent('popstate'));
  }, path);
}

export function composer(page) {
  return page.getByRole('textbox', { name: 'Message' });
}

export async function send(page, text) {
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
}

export function messages(page, text) {
  return page.getByTestId('message').filter({ hasText: text });
}

export async function seeMessage(page, text, timeout = T) {
  await messages(page, text).first().waitFor({ timeout });
}

/** Exactly one message with this text is on screen. */
export async function exactlyOne(page, text) {
  const n = await messages(page, text).count();
  check(n === 1, `expected exactly one "${text}", found ${n}`);
}

export function conversationRow(page, name) {
  return page.locator('.conv-list li').filter({ hasText: name });
}
