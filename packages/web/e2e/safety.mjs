/**
 * Requests answered from both sides, a silent block, and the operators' queue. Dee and Eve are
 * strangers to Ada with their own browser contexts (we watch the sender's side too); Cy stays an
 * SDK client. Every wait is a condition with a bounded timeout.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackchannelClient } from '@backchannel/sdk';
import { check, composer, conversationRow, messages, seeMessage, send, signUp, T, token, user, go } from './helpers.mjs';
import { SERVER_MAIN } from './server.mjs';

const ADMIN = path.join(path.dirname(SERVER_MAIN), 'cli/admin.js');

/** A stranger opens a chat with Ada from her profile (canMessage is true for everyone). */
async function stranger(ctx, name) {
  const page = await ctx.newPage();
  const u = user(name);
  await signUp(page, ctx.base, u);
  await page.goto(`${ctx.base}/u/${ctx.people.ada.username}`);
  await page.getByRole('button', { name: 'Message' }).click();
  await composer(page).waitFor({ timeout: T });
  return { page, u };
}

async function sendAndConfirm(page, text) {
  await send(page, text);
  await seeMessage(page, text);
  await page.getByTestId('pending-message').waitFor({ state: 'detached', timeout: T });
}

async function openRequest(ada, name, text) {
  await go(ada, '/backchannel/requests');
  await conversationRow(ada, name).getByRole('link').click();
  await seeMessage(ada, text);
  await ada.getByTestId('request-bar').waitFor({ timeout: T });
}

export async function requestAccepted(ctx) {
  const { ada, people } = ctx;
  const { page: dee, u } = await stranger(ctx, 'Dee');
  people.dee = u;
  people.deePage = dee;
  // A pending request takes the first message and three more; the fifth is refused, politely.
  for (let i = 1; i <= 4; i++) await sendAndConfirm(dee, `Dee here, note ${i}`);
  await send(dee, 'One more thing');
  await dee.locator('[data-testid="pending-message"][data-state="failed"]').filter({ hasText: 'One more thing' }).waitFor({ timeout: T });
  await dee.getByTestId('sent-request-note').filter({ hasText: 'You can send more once Ada accepts it' }).waitFor({ timeout: T });

  await openRequest(ada, u.displayName, 'Dee here, note 4');
  await ada.getByRole('button', { name: 'Accept' }).click();
  await ada.getByTestId('request-bar').waitFor({ state: 'detached', timeout: T });
  // It moved to the inbox (the list beside the chat now shows the Inbox with Dee in it).
  await ada.getByRole('list', { name: 'Backchannel' }).locator('li').filter({ hasText: u.displayName }).waitFor({ timeout: T });
  people.deeChat = ada.url();

  // Dee hears about it live; the refused message goes out by itself (no Retry needed), and it is a
  // normal chat from here on.
  await dee.getByTestId('sent-request-note').filter({ hasText: 'Ada accepted your message request' }).waitFor({ timeout: T });
  await seeMessage(dee, 'One more thing');
  await dee.locator('[data-testid="pending-message"][data-state="failed"]').waitFor({ state: 'detached', timeout: T });
  await seeMessage(ada, 'One more thing');
  await send(ada, 'Welcome, Dee!');
  await seeMessage(dee, 'Welcome, Dee!');
  check((await dee.getByTestId('request-bar').count()) === 0, 'the sender never sees a request bar');
}

export async function requestBlocked(ctx) {
  const { base, ada, bea, people } = ctx;
  const { page: eve, u } = await stranger(ctx, 'Eve');
  await sendAndConfirm(eve, 'Hi Ada, quick question');

  await openRequest(ada, u.displayName, 'quick question');
  await ada.getByRole('button', { name: 'Block', exact: true }).click();
  await ada.getByRole('alertdialog').getByRole('button', { name: 'Block' }).click();
  await ada.waitForURL((url) => url.pathname === '/backchannel/requests', { timeout: T });
  await conversationRow(ada, u.displayName).waitFor({ state: 'detached', timeout: T });

  // Eve's next message looks delivered to her (a shadow message: normal ack, no failure)…
  await sendAndConfirm(eve, 'Did you get my message?');
  check((await eve.getByTestId('pending-message').count()) === 0, 'a blocked sender’s message must look sent');
  // …and never reaches Ada. Bea writes to Ada afterwards: once that arrives, Eve's would have too.
  const asBea = new BackchannelClient({ baseUrl: base, token: await token(bea) });
  const dmId = new URL(people.dm).pathname.split('/').pop();
  await asBea.sendMessage(dmId, { clientMessageId: `marker-${Date.now()}`, text: 'Marker after the block' });
  await go(ada, '/backchannel');
  await conversationRow(ada, people.bea.displayName).filter({ hasText: 'Marker after the block' }).waitFor({ timeout: T });
  check((await conversationRow(ada, u.displayName).count()) === 0, 'the blocked stranger must not reach the inbox');
  await go(ada, '/backchannel/requests');
  await ada.getByRole('heading', { name: 'Backchannel' }).waitFor({ timeout: T });
  check((await conversationRow(ada, u.displayName).count()) === 0, 'the blocked stranger must not reach Requests');
  const asAda = new BackchannelClient({ baseUrl: base, token: await token(ada) });
  const all = [...(await asAda.listConversations({ folder: 'inbox' })).conversations, ...(await asAda.listConversations({ folder: 'requests' })).conversations];
  check(!all.some((c) => c.members.some((m) => m.username === u.username)), 'the server must not list the blocked stranger’s chat for Ada');
  await eve.context().close();
}

async function reportMessage(page, text, reason, note) {
  const msg = messages(page, text).first();
  await msg.hover();
  await msg.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Report', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: reason }).check();
  if (note) await dialog.getByLabel(/Anything else/).fill(note);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('heading', { name: 'Send this report?' }).waitFor({ timeout: T });
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await dialog.getByRole('heading', { name: 'Thanks for telling us' }).waitFor({ timeout: T });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached', timeout: T });
}

export async function moderation(ctx) {
  const { base, ada, bea, people, dataDir } = ctx;
  const dee = people.deePage;
  check(dee, 'needs the accepted request from the earlier scenario');
  await go(ada, new URL(people.deeChat).pathname);
  await sendAndConfirm(dee, 'Buy followers cheap at spam.example');
  await seeMessage(ada, 'Buy followers cheap');
  await reportMessage(ada, 'Buy followers cheap', 'Spam or a scam');
  await go(bea, new URL(people.dm).pathname);
  await reportMessage(bea, 'Hi Bea!', 'Something else', 'Just checking the report button');
  // One more, left open for the screenshots.
  const cy = people.cyClient;
  // Ada added Cy, whom he does not follow, so the group may sit in his Requests.
  const lists = await Promise.all(['inbox', 'requests'].map((folder) => cy.listConversations({ folder })));
  const roadTrip = lists.flatMap((l) => l.conversations).find((c) => c.title === 'Road trip');
  const history = roadTrip ? await cy.history(roadTrip.id, {}) : null;
  const target = history?.messages.find((m) => m.kind === 'text');
  check(target, 'Cy should see a message in the group to report');
  if (target) people.openReport = (await cy.report({ target: { kind: 'message', messageId: target.id }, reason: 'harassment', note: 'Keeps asking everyone about Saturday.' })).id;

  const env = { ...process.env, BACKCHANNEL_DATA_DIR: dataDir };
  await promisify(execFile)(process.execPath, [ADMIN, 'grant-role', people.ada.username, 'operator'], { env, timeout: T });
  await ada.goto(`${base}/u/${people.ada.username}`);
  await ada.getByRole('link', { name: 'Moderation queue' }).click();
  const queue = ada.getByRole('list', { name: 'Open reports' });
  await queue.waitFor({ timeout: T });

  // Dismiss Bea's report.
  await queue.getByRole('link', { name: `reported by ${people.bea.displayName}` }).click();
  await ada.getByTestId('reported-message').filter({ hasText: 'Hi Bea!' }).waitFor({ timeout: T });
  await ada.getByRole('button', { name: 'Dismiss report' }).click();
  await ada.getByRole('alertdialog').getByRole('button', { name: 'Dismiss report' }).click();
  await ada.getByRole('heading', { name: 'Moderation queue' }).waitFor({ timeout: T });
  await queue.getByRole('link', { name: `reported by ${people.bea.displayName}` }).waitFor({ state: 'detached', timeout: T });

  // Remove Dee's message; Dee sees the tombstone live.
  await queue.getByRole('link', { name: `reported by ${people.ada.displayName}` }).click();
  await ada.getByTestId('reported-message').filter({ hasText: 'Buy followers cheap' }).waitFor({ timeout: T });
  check((await ada.getByRole('list', { name: 'Reported conversation' }).locator('li').count()) >= 2, 'a report shows the messages before the reported one');
  await ada.getByRole('button', { name: 'Remove message' }).click();
  await ada.getByRole('alertdialog').getByRole('button', { name: 'Remove message' }).click();
  await ada.getByRole('status').filter({ hasText: 'Message removed' }).waitFor({ timeout: T });
  await dee.locator('[data-removed="true"]').filter({ hasText: 'Removed by a moderator' }).waitFor({ timeout: T });
  check((await messages(dee, 'Buy followers cheap').count()) === 0, 'the removed text must be gone for the sender');

  await ada.getByRole('link', { name: 'Back to the moderation queue' }).click();
  const audit = ada.getByRole('list', { name: 'Audit log' });
  await audit.getByText('Report dismissed').waitFor({ timeout: T });
  await audit.getByText('Message removed').waitFor({ timeout: T });
  // Ada's report that she undid in the keyboard scenario left only this trace.
  await audit.getByText('Report withdrawn by its reporter').waitFor({ timeout: T });
}
