/**
 * Rooms (issue 11) with three people in three browsers: Ada starts a room, Bea and Cy join from the
 * hallway (Cy's hallway counts Bea in live, without a reload); Bea raises her hand, Ada invites her
 * up, Bea declines (Ada sees it), Ada invites her again and she accepts; the chat flows live both ways
 * (Ada's mention of Bea is highlighted for Bea only; Bea answers), and after a server crash and
 * restart it resumes with nothing lost or doubled; Cy reports one of Ada's chat messages from its
 * menu and, as an operator, Ada finds it in the moderation queue with the room and the chat around
 * it; Ada makes Bea a moderator and turns on slow
 * mode, so Cy's fast second message is refused with a countdown; Bea deletes Cy's message by
 * keyboard (gone for everyone); Ada ends the room and every chat becomes read-only. Screenshots of
 * the hallway and the room at phone and desktop sizes, light and dark, are taken on the way.
 * Every wait is a condition with a bounded timeout; no sleeps.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackchannelClient } from '@backchannel/sdk';
import { check, go, signUp, T, token, user } from './helpers.mjs';
import { SERVER_MAIN } from './server.mjs';

const ADMIN = path.join(path.dirname(SERVER_MAIN), 'cli/admin.js');

const TITLE = 'AI policy after hours';

const chatBox = (page) => page.getByRole('textbox', { name: 'Chat message' });
const chatMessage = (page, text) => page.locator('.chat-msg').filter({ hasText: text });

async function chat(page, text) {
  await chatBox(page).fill(text);
  await chatBox(page).press('Enter');
}

/** On a phone the chat is a sheet; on desktop it is always beside the stage. */
async function openChat(page) {
  const toggle = page.getByRole('button', { name: /^Chat/ }).and(page.locator('.chat-toggle'));
  if (await toggle.isVisible()) await toggle.click();
}

async function enterFromHallway(page, base) {
  await page.goto(`${base}/`);
  const card = page.getByRole('link').filter({ hasText: TITLE });
  await card.waitFor({ timeout: T });
  await card.click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: T });
  await page.getByRole('button', { name: 'Leave quietly' }).waitFor({ timeout: T });
  check(new URL(page.url()).pathname.startsWith('/rooms/'), `the card opens the room page (at ${page.url()}, base ${base})`);
}

export async function rooms(ctx) {
  const { base, ada, bea, people } = ctx;
  if (!people.ada) {
    people.ada = user('Ada');
    people.bea = user('Bea');
    await signUp(ada, base, people.ada);
    await signUp(bea, base, people.bea);
  }
  people.cy = user('Cy');
  const cy = await ctx.newPage();
  await signUp(cy, base, people.cy);

  // Ada starts an open room from the hallway.
  await go(ada, '/');
  await ada.getByRole('link', { name: 'Start a room' }).first().click();
  await ada.getByLabel('Title').fill(TITLE);
  await ada.getByLabel('Description (optional)').fill('Open mic on the week in AI policy. Be kind.');
  await ada.getByRole('button', { name: 'Start the room' }).click();
  await ada.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: T });
  const stage = (page) => page.getByRole('region', { name: /On stage/ });
  await stage(ada).getByText('Host', { exact: true }).waitFor({ timeout: T });
  const roomPath = new URL(ada.url()).pathname;
  people.room = roomPath;

  // Bea and Cy find it in the hallway (a card with the host's name and the counts) and join.
  await bea.goto(`${base}/`);
  const card = bea.getByRole('link').filter({ hasText: TITLE });
  await card.filter({ hasText: people.ada.displayName }).waitFor({ timeout: T });
  await card.filter({ hasText: /1 speaker/ }).waitFor({ timeout: T });
  // Cy watches the hallway while Bea goes in: the card counts her within seconds (hallway.subscribe),
  // long before the page's slow re-read.
  await cy.goto(`${base}/`);
  const cyCard = cy.getByRole('link').filter({ hasText: TITLE });
  await cyCard.filter({ hasText: /0 listeners/ }).waitFor({ timeout: T });
  await enterFromHallway(bea, base);
  await cyCard.filter({ hasText: /1 listener\b/ }).waitFor({ timeout: T });
  check(new URL(cy.url()).pathname === '/', 'Cy stayed on the hallway while it updated');
  await cyCard.click();
  await cy.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: T });
  await cy.getByRole('button', { name: 'Leave quietly' }).waitFor({ timeout: T });
  await ada
    .getByText(/2 listeners/)
    .first()
    .waitFor({ timeout: T });

  // Bea raises her hand; Ada (host) sees it and invites her up; Bea accepts and is on stage for everyone.
  await bea.getByRole('button', { name: 'Raise hand' }).click();
  await bea.getByRole('button', { name: 'Lower hand' }).waitFor({ timeout: T });
  // The invitation names Ada; Bea declines first (by keyboard), and Ada sees it.
  await ada.getByRole('button', { name: `Invite ${people.bea.displayName} to speak` }).click();
  const invite = bea.getByRole('alert').filter({ hasText: `${people.ada.displayName} invited you to speak.` });
  await invite.waitFor({ timeout: T });
  await invite.getByRole('button', { name: 'Decline' }).focus();
  await bea.keyboard.press('Enter');
  await invite.waitFor({ state: 'detached', timeout: T });
  const hands = ada.getByRole('region', { name: /Raised hands/ });
  await hands.getByText('Declined', { exact: true }).waitFor({ timeout: T });
  await hands.getByRole('button', { name: `Invite ${people.bea.displayName} to speak` }).click();
  await invite.waitFor({ timeout: T });
  await invite.getByRole('button', { name: 'Join the stage' }).click();
  for (const page of [ada, bea, cy]) await stage(page).getByText(people.bea.displayName, { exact: false }).waitFor({ timeout: T });
  await bea.getByRole('button', { name: 'Move to audience' }).waitFor({ timeout: T });

  // Chat flows live both ways; a mention is highlighted only for the person mentioned.
  for (const page of [ada, bea, cy]) await openChat(page);
  await chat(ada, `Welcome everyone! @${people.bea.username} will start us off`);
  await chatMessage(bea, 'Welcome everyone!').waitFor({ timeout: T });
  await chatMessage(cy, 'Welcome everyone!').waitFor({ timeout: T });
  check(await chatMessage(bea, 'Welcome everyone!').evaluate((el) => el.classList.contains('mentions-me')), 'the mention is highlighted for Bea');
  check(!(await chatMessage(cy, 'Welcome everyone!').evaluate((el) => el.classList.contains('mentions-me'))), 'the mention is not highlighted for Cy');
  await chat(bea, 'Thanks Ada, happy to be up here 👋');
  await chatMessage(ada, 'happy to be up here').waitFor({ timeout: T });
  await chatMessage(cy, 'happy to be up here').waitFor({ timeout: T });

  // A server crash and restart: every socket comes back, each room resumes from its last seq, and
  // the chat goes on with nothing lost or doubled.
  await ctx.server.kill();
  for (const p of [ada, bea, cy]) await p.getByTestId('reconnect-banner').waitFor({ timeout: 30_000 });
  await ctx.server.start();
  for (const p of [ada, bea, cy]) await p.getByTestId('reconnect-banner').waitFor({ state: 'detached', timeout: 45_000 });
  await chat(ada, 'Back after the restart');
  for (const p of [bea, cy]) await chatMessage(p, 'Back after the restart').waitFor({ timeout: T });
  await chat(bea, 'Still here');
  await chatMessage(cy, 'Still here').waitFor({ timeout: T });
  for (const p of [ada, bea, cy]) {
    for (const text of ['Welcome everyone!', 'happy to be up here', 'Back after the restart']) {
      check((await chatMessage(p, text).count()) === 1, `exactly one "${text}" after the restart`);
    }
  }

  // Cy reports Ada's message from its menu (keyboard: Right reaches Report); Ada, an operator,
  // finds it in the queue with the room and the chat around it.
  const reported = chatMessage(cy, 'Back after the restart');
  await reported.focus();
  await cy.keyboard.press('ArrowRight');
  check(
    (await cy.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')) === `Report ${people.ada.displayName}’s message`,
    'Right reaches the message’s Report',
  );
  await cy.keyboard.press('Enter');
  const reportDialog = cy.getByRole('dialog');
  await reportDialog.getByRole('radio', { name: 'Harassment or bullying' }).check();
  await reportDialog.getByRole('button', { name: 'Continue' }).click();
  await reportDialog.getByText(/the room it was in and the chat around it/).waitFor({ timeout: T });
  await reportDialog.getByRole('button', { name: 'Send report' }).click();
  await reportDialog.getByRole('heading', { name: 'Thanks for telling us' }).waitFor({ timeout: T });
  await reportDialog.getByRole('button', { name: 'Done' }).click();
  await promisify(execFile)(process.execPath, [ADMIN, 'grant-role', people.ada.username, 'operator'], {
    env: { ...process.env, BACKCHANNEL_DATA_DIR: ctx.dataDir },
    timeout: T,
  });
  const queuePage = await ctx.newPage();
  await queuePage.goto(`${base}/`);
  await queuePage.evaluate(
    (state) => Object.entries(state).forEach(([k, v]) => localStorage.setItem(k, v)),
    await ada.evaluate(() => Object.fromEntries(Object.entries(localStorage))),
  );
  await queuePage.goto(`${base}/moderation`);
  await queuePage
    .getByRole('list', { name: 'Open reports' })
    .getByRole('link', { name: `reported by ${people.cy.displayName}` })
    .filter({ hasText: `In the room “${TITLE}”` })
    .click();
  await queuePage.getByRole('heading', { name: `In the room “${TITLE}”` }).waitFor({ timeout: T });
  await queuePage.getByTestId('reported-message').filter({ hasText: 'Back after the restart' }).waitFor({ timeout: T });
  const around = queuePage.getByRole('list', { name: 'Room chat around the reported message' });
  check((await around.getByText('Still here').count()) === 1, 'the report shows the chat after the message too');
  await queuePage.context().close();

  // Ada makes Bea a moderator from her person menu (keyboard: the menu-button pattern).
  await stage(ada)
    .getByRole('button', { name: `Actions for ${people.bea.displayName}` })
    .focus();
  await ada.keyboard.press('Enter');
  await ada.getByRole('menuitem', { name: 'Make moderator' }).waitFor({ timeout: T });
  await ada.getByRole('menuitem', { name: 'Make moderator' }).focus();
  await ada.keyboard.press('Enter');
  await stage(cy).getByText('Moderator', { exact: true }).waitFor({ timeout: T });

  // Slow mode (30 s): everyone sees the banner; Cy's second message within 30 s is refused with a countdown.
  await ada.getByRole('button', { name: 'Chat settings' }).click();
  await ada.getByRole('radio', { name: 'Slow mode' }).check();
  await ada.getByRole('combobox', { name: 'One message every' }).selectOption('30');
  for (const page of [bea, cy]) await page.getByText('Slow mode: one message every 30 seconds', { exact: true }).waitFor({ timeout: T });
  await chat(cy, 'First slow message');
  await chatMessage(ada, 'First slow message').waitFor({ timeout: T });
  await chatBox(cy).waitFor({ timeout: T });
  await chat(cy, 'Too fast second message');
  await cy.getByText(/Slow mode: you can send again in \d+ seconds?\./).waitFor({ timeout: T });
  check((await chatBox(cy).inputValue()) === 'Too fast second message', 'a refused message stays in the box');
  check(await cy.getByRole('button', { name: /Send \(wait \d+ s\)/ }).isDisabled(), 'sending waits out the countdown');
  const roomId = decodeURIComponent(roomPath.split('/').pop());
  const asAda = new BackchannelClient({ baseUrl: base, token: await token(ada) });
  const page = await asAda.rooms.history(roomId);
  check(!page.messages.some((m) => m.text.includes('Too fast')), 'the refused message was not stored');

  await screenshots(ctx, roomPath);

  // Bea (moderator) deletes Cy's message by keyboard; typing in the dialog does not confirm it.
  const target = chatMessage(bea, 'First slow message');
  await target.focus();
  await bea.keyboard.press('ArrowRight');
  check((await bea.evaluate(() => document.activeElement?.textContent ?? '')).trim() === 'Delete', 'Right reaches the message’s Delete');
  await bea.keyboard.press('Enter');
  const dialog = bea.getByRole('alertdialog', { name: 'Delete this message?' });
  await dialog.waitFor({ timeout: T });
  await bea.keyboard.press('Enter');
  check(await dialog.isVisible(), 'Enter on the dialog’s heading confirms nothing');
  await dialog.getByRole('button', { name: 'Delete message' }).click();
  for (const p of [ada, bea, cy]) {
    await chatMessage(p, 'Removed by a moderator').waitFor({ timeout: T });
    check((await chatMessage(p, 'First slow message').count()) === 0, 'the deleted message is gone for everyone');
  }

  // Ada ends the room: the chat turns read-only for everyone, and the room leaves the hallway.
  await ada.getByRole('button', { name: 'End room' }).click();
  await ada.getByRole('alertdialog', { name: 'End this room for everyone?' }).getByRole('button', { name: 'End room' }).click();
  for (const p of [ada, bea, cy]) {
    await p.getByText('Read-only: this room has ended.', { exact: true }).waitFor({ timeout: T });
    check((await chatBox(p).count()) === 0, 'no message box once the room ended');
    await chatMessage(p, 'Welcome everyone!').waitFor({ timeout: T });
  }
  check(
    (await asAda.rooms.hallway()).rooms.every((r) => r.id !== roomId),
    'an ended room leaves the hallway',
  );
  await cy.context().close();
}

const VARIANTS = [
  { name: 'phone-light', viewport: { width: 390, height: 844 }, mobile: true, colorScheme: 'light' },
  { name: 'phone-dark', viewport: { width: 390, height: 844 }, mobile: true, colorScheme: 'dark' },
  { name: 'desktop-light', viewport: { width: 1280, height: 800 }, mobile: false, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: { width: 1280, height: 800 }, mobile: false, colorScheme: 'dark' },
  { name: 'narrow', viewport: { width: 360, height: 740 }, mobile: true, colorScheme: 'light', noShots: true },
];

/** The hallway with the live room and the room itself (Ada's view: the host's controls), none scrolling sideways. */
async function screenshots(ctx, roomPath) {
  const storageState = await ctx.ada.context().storageState();
  const problems = [];
  for (const v of VARIANTS) {
    const context = await ctx.browser.newContext({
      viewport: v.viewport,
      colorScheme: v.colorScheme,
      isMobile: v.mobile,
      hasTouch: v.mobile,
      deviceScaleFactor: v.mobile ? 2 : 1,
      storageState,
    });
    try {
      const page = await context.newPage();
      const shoot = async (name) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${name} at ${v.viewport.width}px overflows by ${overflow}px`);
        if (!v.noShots) await page.screenshot({ path: path.join(ctx.outDir, `${v.name}-${name}.png`) });
      };
      await page.goto(`${ctx.base}/`);
      await page.getByRole('link').filter({ hasText: TITLE }).waitFor({ timeout: T });
      await shoot('rooms-hallway');
      await page.goto(`${ctx.base}${roomPath}`);
      await chatMessage(page, 'First slow message').waitFor({ state: 'attached', timeout: T });
      await page
        .getByRole('region', { name: /Listening/ })
        .getByText(ctx.people.cy.displayName)
        .waitFor({ timeout: T });
      await shoot('room');
      if (v.mobile) {
        await openChat(page);
        await chatMessage(page, 'First slow message').waitFor({ timeout: T });
        await shoot('room-chat');
        // The sheet is a modal dialog on phones: focus went into it; Escape closes it and focus returns to Chat.
        check(await page.getByRole('dialog', { name: 'Chat' }).evaluate((el) => el.contains(document.activeElement)), 'focus moves into the chat sheet');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog', { name: 'Chat' }).waitFor({ state: 'detached', timeout: T });
        check(await page.locator('.chat-toggle').evaluate((el) => el === document.activeElement), 'Escape returns focus to the Chat button');
      }
    } finally {
      await context.close();
    }
  }
  check(problems.length === 0, `room screens scroll sideways: ${problems.join('; ')}`);
}
