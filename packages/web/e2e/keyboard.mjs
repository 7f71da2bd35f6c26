/**
 * Keyboard-only use of a conversation (issue 9, items 9 and 10): opening a chat puts focus in the
 * composer, the history is one tab stop with arrow keys inside, the search page focuses its box,
 * and a report cannot be filed by typing; one filed on purpose can be undone. Every wait is a
 * condition with a bounded timeout.
 */
import { check, composer, conversationRow, go, messages, T } from './helpers.mjs';

/** Waits until `locator` has focus (focus moves after renders and effects, not synchronously). */
async function focused(page, locator, what) {
  const handle = await locator.elementHandle({ timeout: T });
  await page.waitForFunction((el) => el === document.activeElement, handle, { timeout: T }).catch(() => {
    throw new Error(`${what} should have focus`);
  });
}

async function activeText(page) {
  return page.evaluate(() => document.activeElement?.textContent ?? '');
}

export async function keyboardConversation({ ada, people }) {
  await go(ada, '/backchannel');
  await conversationRow(ada, people.bea.displayName).getByRole('link').click();
  await focused(ada, composer(ada), 'the composer, right after opening the conversation');

  // One Shift+Tab reaches the newest message (not one stop per Copy/Report button), arrows move.
  await ada.keyboard.press('Shift+Tab');
  await focused(ada, messages(ada, 'Thanks Ada!').first(), 'the newest message, one Shift+Tab from the composer');
  await ada.keyboard.press('ArrowUp');
  await focused(ada, messages(ada, 'Hi Bea!').first(), 'the previous message after ArrowUp');
  await ada.keyboard.press('End');
  await ada.keyboard.press('Tab');
  await focused(ada, composer(ada), 'the composer, one Tab after the history');

  await go(ada, '/search');
  await focused(ada, ada.getByRole('searchbox', { name: 'Search people' }), 'the search box on the search page');
}

export async function keyboardReport({ ada, people }) {
  await go(ada, new URL(people.dm).pathname);
  await focused(ada, composer(ada), 'the composer');
  // Reach Report on Bea's message with the keyboard: into the history, Right twice to its More
  // actions button (past React), Enter opens the menu on its first item, Up wraps to Report, the last.
  await ada.keyboard.press('Shift+Tab');
  await ada.keyboard.press('ArrowRight');
  await ada.keyboard.press('ArrowRight');
  const moreButton = messages(ada, 'Thanks Ada!').first().getByRole('button', { name: 'More actions' });
  await focused(ada, moreButton, 'the More actions button of Bea’s message');
  await ada.keyboard.press('Enter');
  await focused(ada, ada.getByRole('menuitem', { name: 'Reply' }), 'the first item of the open menu');
  await ada.keyboard.press('ArrowUp');
  await focused(ada, ada.getByRole('menuitem', { name: 'Report', exact: true }), 'Report, the last item of Bea’s message’s menu');

  // The accident: Space opens the dialog, and the typing goes on.
  await ada.keyboard.press('Space');
  const dialog = ada.getByRole('dialog');
  await dialog.waitFor({ timeout: T });
  await ada.keyboard.type(' ok see you there ');
  await ada.keyboard.press('Enter');
  await ada.keyboard.press('Space');
  await ada.keyboard.press('Enter');
  check((await dialog.getByRole('heading', { name: /^Report .*message$/ }).count()) === 1, 'typing must not get past the first step of the report dialog');

  // On purpose: a reason (Tab to the group, Space), Continue, then Tab to "Send report" and Enter.
  await ada.keyboard.press('Tab');
  await ada.keyboard.press('Space');
  check(await dialog.getByRole('radio', { name: 'Spam or a scam' }).isChecked(), 'Tab then Space picks the first reason');
  await ada.keyboard.press('Enter');
  check((await dialog.getByRole('heading', { name: 'Send this report?' }).count()) === 0, 'Enter on a reason must not move on, let alone send');
  await dialog.getByRole('button', { name: 'Continue' }).focus();
  await ada.keyboard.press('Enter');
  await dialog.getByRole('heading', { name: 'Send this report?' }).waitFor({ timeout: T });
  check((await activeText(ada)) === 'Send this report?', 'the review step starts with focus on its heading');
  await ada.keyboard.press('Enter');
  await ada.keyboard.press('Space');
  check((await dialog.getByRole('heading', { name: 'Thanks for telling us' }).count()) === 0, 'Enter and Space on the review heading send nothing');
  await ada.keyboard.press('Tab');
  await ada.keyboard.press('Tab');
  await focused(ada, dialog.getByRole('button', { name: 'Send report' }), 'Send report, two Tabs into the review step');
  await ada.keyboard.press('Enter');
  await dialog.getByRole('heading', { name: 'Thanks for telling us' }).waitFor({ timeout: T });

  // Changed her mind: Undo withdraws it on the server (the moderation scenario sees the audit entry).
  await dialog.getByRole('button', { name: 'Undo report' }).click();
  await dialog.getByRole('heading', { name: 'Report withdrawn' }).waitFor({ timeout: T });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached', timeout: T });
  await focused(ada, moreButton, 'the More actions button of the message again, after the dialog closed');
}
