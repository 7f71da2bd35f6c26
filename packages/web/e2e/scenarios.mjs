/**
 * The end-to-end scenarios, run in order against one server with two browser contexts (Ada and
 * Bea). A third person, the stranger Cy, is driven through the SDK from Node: the brief's two
 * browsers are the people we watch, Cy only needs to send.
 */
import { BackchannelClient } from '@backchannel/sdk';
import { keyboardConversation, keyboardReport } from './keyboard.mjs';
import { messageActions } from './messageActions.mjs';
import { moderation, requestAccepted, requestBlocked } from './safety.mjs';
import { check, composer, conversationRow, exactlyOne, follow, go, messages, seeMessage, send, signUp, T, token, user } from './helpers.mjs';

export const NOT_APPLICABLE = Symbol('not applicable');

export function scenarios(ctx) {
  return [
    ['two people follow, message live, then pin, mute and archive by keyboard', () => directMessages(ctx)],
    ['opening a chat focuses the composer; the history is one tab stop with arrow keys; search focuses its box', () => keyboardConversation(ctx)],
    ['typing cannot file a report; one sent on purpose by keyboard can be undone', () => keyboardReport(ctx)],
    // After the keyboard scenarios, which expect Bea's 'Thanks Ada!' to be the newest message of the 1:1.
    ['two people react, reply with a quote and unsend; the tombstone stays after a reload', () => messageActions(ctx)],
    ['a group is started, renamed and left', () => groups(ctx)],
    ['a stranger’s message lands in Requests', () => requests(ctx)],
    ['scrolling up pages back through history', () => history(ctx)],
    ['a long history is windowed; scrolling and the keyboard reach both ends', () => longHistory(ctx)],
    ['after a server restart nothing is lost or duplicated', () => reconnect(ctx)],
    ['a stranger’s request is accepted; the sender then chats normally', () => requestAccepted(ctx)],
    ['another stranger is blocked silently; their later message looks sent and never arrives', () => requestBlocked(ctx)],
    ['an operator dismisses one report and removes a message; the sender sees the tombstone', () => moderation(ctx)],
    ['main screens fit from 360 px to desktop, light and dark', () => ctx.screens()],
  ];
}

async function directMessages({ base, ada, bea, people }) {
  people.ada = user('Ada');
  people.bea = user('Bea');
  await signUp(ada, base, people.ada);
  await signUp(bea, base, people.bea);
  await follow(ada, base, people.bea);
  await follow(bea, base, people.ada);
  await bea.getByText('Follows you').waitFor({ timeout: T });

  // Ada opens the chat from Bea's profile (the Message button shows because canMessage is true).
  // Nothing exists until she sends: no empty conversation in anyone's inbox.
  await ada.getByRole('button', { name: 'Message' }).click();
  await composer(ada).waitFor({ timeout: T });
  check(new URL(ada.url()).pathname.startsWith('/backchannel/to/'), 'Message opens a draft, not a conversation');
  const asAda = new BackchannelClient({ baseUrl: base, token: await token(ada) });
  check((await asAda.listConversations({ folder: 'inbox' })).conversations.length === 0, 'pressing Message must not create an empty conversation');
  await send(ada, 'Hi Bea! Loved your take in the AI Policy room https://example.com/notes');
  await ada.waitForURL(/\/backchannel\/c\//, { timeout: T });
  await seeMessage(ada, 'Hi Bea!');
  await ada.getByTestId('pending-message').waitFor({ state: 'detached', timeout: T });
  const link = ada.getByRole('link', { name: 'https://example.com/notes' });
  check((await link.getAttribute('rel')) === 'noopener noreferrer' && (await link.getAttribute('target')) === '_blank', 'message links must open safely in a new tab');

  // Bea sees it arrive live in her inbox, with an unread badge, then opens it.
  await go(bea, '/backchannel');
  const row = conversationRow(bea, people.ada.displayName);
  await row.filter({ hasText: 'Hi Bea!' }).waitFor({ timeout: T });
  await row.getByRole('link', { name: /1 unread/ }).waitFor({ timeout: T });
  await row.getByRole('link').click();
  await seeMessage(bea, 'Hi Bea!');

  // Typing indicator and "Seen" for the 1:1.
  await composer(bea).pressSequentially('Tha');
  await ada.getByTestId('typing').filter({ hasText: 'Bea is typing' }).waitFor({ timeout: T });
  await ada.getByText('Seen', { exact: true }).waitFor({ timeout: T });
  await composer(bea).fill('Thanks Ada! Want to start a group?');
  await composer(bea).press('Enter');
  await seeMessage(ada, 'Thanks Ada!');
  await exactlyOne(ada, 'Thanks Ada!');
  await exactlyOne(bea, 'Thanks Ada!');
  people.dm = ada.url();
  await inboxActions(bea, people.ada.displayName);
}

/** Pin, mute and archive from the row menu, driven by the keyboard (menu-button pattern). */
async function inboxActions(page, name) {
  await go(page, '/backchannel');
  const choose = async (item) => {
    await page.getByRole('button', { name: `Actions for ${name}` }).focus();
    await page.keyboard.press('Enter');
    const menuItem = page.getByRole('menuitem', { name: item });
    await menuItem.waitFor({ timeout: T });
    for (let i = 0; i < 3 && !(await menuItem.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
    check(await menuItem.evaluate((el) => el === document.activeElement), `arrow keys should reach "${item}"`);
    await page.keyboard.press('Enter');
  };
  await choose('Pin');
  await page.getByRole('link', { name: new RegExp(`^${name}.*, pinned`) }).waitFor({ timeout: T });
  await choose('Mute');
  await page.getByRole('link', { name: new RegExp(`^${name}.*, muted, pinned`) }).waitFor({ timeout: T });
  await choose('Archive');
  await conversationRow(page, name).waitFor({ state: 'detached', timeout: T });
  await page.getByRole('link', { name: 'Archived chats (1)' }).click();
  await page.getByRole('heading', { name: 'Archived' }).waitFor({ timeout: T });
  await choose('Move to inbox');
  await conversationRow(page, name).waitFor({ state: 'detached', timeout: T });
  await go(page, '/backchannel');
  await choose('Unmute');
  await choose('Unpin');
  await page.getByRole('link', { name: new RegExp(`^${name}$`) }).waitFor({ timeout: T });
}

async function groups({ base, ada, bea, people }) {
  // Cy joins through the SDK so the group has three members; Ada's search finds him.
  const cy = new BackchannelClient({ baseUrl: base });
  people.cy = user('Cy');
  await cy.signup(people.cy);
  people.cyClient = cy;

  await go(ada, '/backchannel/new');
  const search = ada.getByRole('searchbox');
  for (const p of [people.bea, people.cy]) {
    await search.fill(p.username);
    await ada.getByRole('list', { name: 'Search results' }).getByRole('button', { name: new RegExp(p.displayName) }).click();
  }
  await ada.getByLabel('Group name (optional)').fill('Weekend plans');
  await ada.getByRole('button', { name: 'Start group with 2' }).click();
  await ada.getByTestId('conversation-title').filter({ hasText: 'Weekend plans' }).waitFor({ timeout: T });
  people.group = ada.url();
  await send(ada, 'Who is in for Saturday?');
  await seeMessage(ada, 'Who is in for Saturday?');

  // Bea (who follows Ada) gets the group in her inbox live.
  await go(bea, '/backchannel');
  await conversationRow(bea, 'Weekend plans').waitFor({ timeout: T });
  await conversationRow(bea, 'Weekend plans').getByRole('link').click();
  await seeMessage(bea, 'Who is in for Saturday?');

  // The moderator renames it; Bea's open conversation follows live, with a system note.
  await ada.getByRole('link', { name: 'Group settings' }).click();
  await ada.getByLabel('Group name').fill('Road trip');
  await ada.getByRole('button', { name: 'Save name' }).click();
  await ada.getByRole('status').filter({ hasText: 'Group renamed to “Road trip”.' }).waitFor({ timeout: T });
  await bea.getByTestId('conversation-title').filter({ hasText: 'Road trip' }).waitFor({ timeout: T });
  await bea.getByTestId('system-message').filter({ hasText: 'renamed the group to “Road trip”' }).waitFor({ timeout: T });

  // Bea leaves; the group disappears from her list and Ada sees that she left.
  await bea.getByRole('link', { name: 'Group settings' }).click();
  await bea.getByRole('button', { name: 'Leave group' }).click();
  await bea.getByRole('alertdialog').getByRole('button', { name: 'Leave group' }).click();
  await bea.getByRole('heading', { name: 'Backchannel' }).waitFor({ timeout: T });
  await conversationRow(bea, 'Road trip').waitFor({ state: 'detached', timeout: T });
  await ada.getByRole('link', { name: 'Back to the conversation' }).click();
  await ada.getByTestId('system-message').filter({ hasText: `${people.bea.displayName} left` }).waitFor({ timeout: T });
}

async function requests({ base, ada, people }) {
  // Cy follows nobody Ada follows and Ada does not follow Cy: his message is a request.
  const cy = people.cyClient;
  const adaProfile = await cy.profileByUsername(people.ada.username);
  if (!adaProfile.canMessage) throw new Error('Ada accepts messages from everyone, yet Cy cannot message her');
  const dm = await cy.openDirect(adaProfile.id);
  await cy.sendMessage(dm.id, { clientMessageId: `e2e-${Date.now()}`, text: 'Hey, we met in the AI Policy room! https://example.com/slides' });

  const asAda = new BackchannelClient({ baseUrl: base, token: await token(ada) });
  const inRequests = (await asAda.listConversations({ folder: 'requests' })).conversations.some((c) => c.id === dm.id);
  if (!inRequests) {
    const inInbox = (await asAda.listConversations({ folder: 'inbox' })).conversations.some((c) => c.id === dm.id);
    return { status: NOT_APPLICABLE, reason: `the server put the stranger's conversation in ${inInbox ? 'the inbox' : 'no folder Ada can list'}, not folder=requests (requests routing not landed yet)` };
  }
  await go(ada, '/backchannel');
  await ada.getByTestId('requests-tab').filter({ hasText: '1' }).waitFor({ timeout: T });
  check((await conversationRow(ada, people.cy.displayName).count()) === 0, 'a request must not show in the main inbox');
  await ada.getByTestId('requests-tab').click();
  await conversationRow(ada, people.cy.displayName).getByRole('link').click();
  await seeMessage(ada, 'we met in the AI Policy room');
  await ada.getByTestId('request-bar').waitFor({ timeout: T });
  people.request = ada.url();
  const asListed = (await asAda.listConversations({ folder: 'requests' })).conversations.find((c) => c.id === dm.id);
  if (asListed?.request) await ada.getByRole('list', { name: 'About the sender' }).getByText('No one you follow follows them').waitFor({ timeout: T });
  // Links in a request stay inert text until it is accepted.
  check((await ada.getByRole('link', { name: 'https://example.com/slides' }).count()) === 0, 'links in a request must not be clickable');
}

async function history({ base, ada, people }) {
  // 70 messages through the API (faster than typing them); the app loads the latest 50 first.
  const api = new BackchannelClient({ baseUrl: base, token: await token(ada) });
  const beaId = (await api.profileByUsername(people.bea.username)).id;
  const group = await api.createGroup({ title: 'Book club', memberIds: [beaId] });
  for (let i = 1; i <= 70; i++) await api.sendMessage(group.id, { clientMessageId: `history-${i}`, text: `Chapter ${i} notes` });
  await go(ada, `/backchannel/c/${group.id}`);
  await seeMessage(ada, 'Chapter 70 notes');
  check((await messages(ada, 'Chapter 1 notes').count()) === 0, 'the first page should hold only the latest messages');
  // Scroll to the top: the sentinel comes into view and the older page loads, keeping order.
  await ada.locator('.messages').evaluate((el) => el.scrollTo(0, 0));
  await seeMessage(ada, 'Chapter 1 notes');
  await ada.getByText('This is the beginning of your conversation.').waitFor({ timeout: T });
  const texts = await ada.getByTestId('message').filter({ hasText: /^Chapter \d+ notes/ }).locator('.bubble').allTextContents();
  const expected = Array.from({ length: 70 }, (_, i) => `Chapter ${i + 1} notes`);
  check(JSON.stringify(texts) === JSON.stringify(expected), `history out of order or incomplete: got ${texts.length} messages`);
}

/** Seqs of the rendered messages, oldest first (data-seq on each bubble). */
async function renderedSeqs(page) {
  return page.getByTestId('message').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq'))));
}

async function longHistory({ base, ada, people }) {
  // More than the window holds (150 messages, useMessageWindow.ts), so some are never in the DOM.
  const api = new BackchannelClient({ baseUrl: base, token: await token(ada) });
  const beaId = (await api.profileByUsername(people.bea.username)).id;
  const group = await api.createGroup({ title: 'Long read', memberIds: [beaId] });
  const total = 230;
  for (let i = 1; i <= total; i++) await api.sendMessage(group.id, { clientMessageId: `long-${i}`, text: `Page ${i} of the long read` });
  await go(ada, `/backchannel/c/${group.id}`);
  await seeMessage(ada, `Page ${total} of the long read`);
  const scroller = ada.locator('.messages');
  const beginning = ada.getByText('This is the beginning of your conversation.');
  // Scroll to the top until the beginning shows: each step reveals or loads more above, keeps the
  // reading position (the view is not left at the very top), and never holds more than the window.
  for (let step = 0; step < 20 && !(await beginning.isVisible()); step++) {
    const before = (await renderedSeqs(ada))[0];
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await ada.waitForFunction((first) => Number(document.querySelector('[data-testid="message"]')?.getAttribute('data-seq')) < first || document.body.textContent.includes('This is the beginning'), before, { timeout: T });
    const seqs = await renderedSeqs(ada);
    check(seqs.length <= 150, `the window should hold at most 150 messages, holds ${seqs.length}`);
    check(seqs.every((s, i) => i === 0 || s === seqs[i - 1] + 1), 'the rendered messages should be one contiguous run in order');
  }
  await beginning.waitFor({ timeout: T });
  const top = await renderedSeqs(ada);
  // Seq 1 is the group's "created" note, not a message bubble.
  check(top[0] === 2 && top.length <= 150, `at the top the window should start at the first message and hold at most 150, got ${top[0]}…${top.at(-1)} (${top.length})`);
  await seeMessage(ada, 'Page 1 of the long read');
  await ada.getByRole('button', { name: 'Show newer messages' }).waitFor({ timeout: T });
  // The keyboard crosses the window: End reaches the newest message, Home the oldest.
  await messages(ada, 'Page 1 of the long read').first().focus();
  await ada.keyboard.press('End');
  await ada.waitForFunction((t) => document.activeElement?.textContent?.includes(t), `Page ${total} of the long read`, { timeout: T });
  await ada.keyboard.press('Home');
  await ada.waitForFunction(() => document.activeElement?.textContent?.includes('Page 1 of the long read'), null, { timeout: T });
}

async function reconnect({ ada, bea, people, server }) {
  await go(ada, new URL(people.dm).pathname);
  await seeMessage(ada, 'Thanks Ada!');
  await go(bea, new URL(people.dm).pathname);
  await seeMessage(bea, 'Thanks Ada!');

  await server.kill();
  await ada.getByTestId('reconnect-banner').waitFor({ timeout: 30_000 });
  await bea.getByTestId('reconnect-banner').waitFor({ timeout: 30_000 });
  await send(ada, 'Sent while the server was down');
  await ada.getByTestId('pending-message').filter({ hasText: 'Sent while the server was down' }).waitFor({ timeout: T });

  await server.start();
  await ada.getByTestId('reconnect-banner').waitFor({ state: 'detached', timeout: 45_000 });
  await bea.getByTestId('reconnect-banner').waitFor({ state: 'detached', timeout: 45_000 });
  await ada.getByTestId('pending-message').waitFor({ state: 'detached', timeout: T });
  await seeMessage(bea, 'Sent while the server was down');
  await send(bea, 'Got it after the restart');
  await seeMessage(ada, 'Got it after the restart');
  // Bea's later message arrived, so any replayed duplicate of the first would be on screen by now.
  for (const page of [ada, bea]) {
    await exactlyOne(page, 'Sent while the server was down');
    await exactlyOne(page, 'Got it after the restart');
    await exactlyOne(page, 'Hi Bea!');
  }
  // And the server's history agrees after a full reload.
  await ada.reload();
  await seeMessage(ada, 'Got it after the restart');
  await exactlyOne(ada, 'Sent while the server was down');
  check((await messages(ada, 'Got it after the restart').count()) === 1, 'duplicate after reload');
}
