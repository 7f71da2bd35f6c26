/**
 * Q&A (issue 12) with three people in three browsers: Hana starts a room and switches Q&A on; Quinn
 * and Val join. Quinn asks a question; Val upvotes it by keyboard and everyone sees the count move;
 * Hana puts it on stage (Quinn is told), then answers privately: Hana lands in the 1:1, which starts
 * with the question quoted and labelled with the room, and the 1:1 appears in Quinn's Requests (Quinn
 * does not follow Hana) with that quote. A screenshot of the room with the Q&A panel is taken on
 * the way. Every wait is a condition with a bounded timeout; no sleeps.
 */
import path from 'node:path';
import { go, signUp, T, user } from './helpers.mjs';

const TITLE = 'Ask me anything about synths';
const QUESTION = 'Which synth would you buy first on a small budget?';

const panel = (page) => page.getByRole('region', { name: /^Questions/ });
const item = (page) => panel(page).locator('.qa-item').filter({ hasText: QUESTION });

export async function questions(ctx) {
  const { base } = ctx;
  const people = { hana: user('Hana'), quinn: user('Quinn'), val: user('Val') };
  const [hana, quinn, val] = [await ctx.newPage(), await ctx.newPage(), await ctx.newPage()];
  await signUp(hana, base, people.hana);
  await signUp(quinn, base, people.quinn);
  await signUp(val, base, people.val);

  // Hana starts a room and switches Q&A on (a checkbox, by keyboard).
  await go(hana, '/rooms/new');
  await hana.getByLabel('Title').fill(TITLE);
  await hana.getByRole('button', { name: 'Start the room' }).click();
  await hana.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: T });
  const roomPath = new URL(hana.url()).pathname;
  await panel(hana).getByText(/Q&A is off/).waitFor({ timeout: T });
  await panel(hana).getByLabel('Q&A on').focus();
  await hana.keyboard.press('Space');
  await panel(hana).getByLabel('Ask a question').waitFor({ timeout: T });

  for (const p of [quinn, val]) {
    await p.goto(`${base}${roomPath}`);
    await p.getByRole('button', { name: 'Leave quietly' }).waitFor({ timeout: T });
    await panel(p).getByLabel('Ask a question').waitFor({ timeout: T });
  }

  // Quinn asks; everyone sees it.
  await panel(quinn).getByLabel('Ask a question').fill(QUESTION);
  await panel(quinn).getByRole('button', { name: 'Ask', exact: true }).click();
  for (const p of [hana, quinn, val]) await item(p).waitFor({ timeout: T });

  // Val upvotes by keyboard; the count reaches everyone (coalesced frames).
  const vote = item(val).getByRole('button', { name: /^Upvote/ });
  await vote.focus();
  await val.keyboard.press('Enter');
  await item(val).getByRole('button', { name: /1 vote$/, pressed: true }).waitFor({ timeout: T });
  for (const p of [hana, quinn]) await item(p).getByRole('button', { name: /1 vote$/ }).waitFor({ timeout: T });

  // Hana puts it on stage; Quinn, the asker, is told.
  await item(hana).getByRole('button', { name: 'On stage' }).click();
  await panel(quinn).getByRole('status').filter({ hasText: 'Your question is now: on stage.' }).waitFor({ timeout: T });
  await item(val).locator('.qa-status').filter({ hasText: 'On stage' }).waitFor({ timeout: T });
  await hana.screenshot({ path: path.join(ctx.outDir, 'desktop-light-room-qa.png') });

  // Answer privately: Hana lands in the 1:1, which starts with the quote labelled with the room.
  await item(hana).getByRole('button', { name: 'Answer privately' }).click();
  await hana.waitForURL(/\/backchannel\/c\//, { timeout: T });
  const quote = `Your question in “${TITLE}”:`;
  await hana.getByTestId('message').filter({ hasText: quote }).first().waitFor({ timeout: T });

  // The DM appears for the asker, in Requests (Quinn does not follow Hana), with the quote.
  await go(quinn, '/backchannel/requests');
  const row = quinn.locator('.conv-list li').filter({ hasText: people.hana.displayName });
  await row.first().waitFor({ timeout: T });
  await row.first().click();
  await quinn.getByTestId('message').filter({ hasText: QUESTION }).first().waitFor({ timeout: T });
  for (const p of [hana, quinn, val]) await p.context().close();
}
