/**
 * Issue 12 with three people in three browsers. The backstage follows the stage: Hana starts a
 * room and writes backstage; Sam and Lee join as listeners and have no Backstage tab; Hana invites
 * Sam up and Sam sees the backstage with its history from the start and answers live; Hana moves
 * Sam to the audience (a link to the room posted backstage shows as a live card first) and Sam keeps a read-only copy that never gets Hana's next message. Then a
 * DM from the attendee list: Lee messages Sam from the room's person menu, and it lands in Sam's
 * Requests under "Met in a room", labelled with the room and with "you were both … in <room>".
 * Every wait is a condition with a bounded timeout; no sleeps.
 */
import { check, go, signUp, T, user } from './helpers.mjs';

const TITLE = 'Backstage pass';

const tab = (page) => page.getByTestId('backstage-tab');
const backstage = (page) => page.getByTestId('backstage');
const stageBox = (page) => backstage(page).getByRole('textbox');

async function personMenu(page, section, name, item) {
  await page.getByRole('region', { name: new RegExp(`^${section}`) }).getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function openRoom(page, base, path) {
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: T });
}

async function writeBackstage(page, text) {
  await stageBox(page).fill(text);
  await stageBox(page).press('Enter');
  await backstage(page).getByText(text).first().waitFor({ timeout: T });
}

export async function backstageScenario(ctx) {
  const { base } = ctx;
  const [hana, sam, lee] = [await ctx.newPage(), await ctx.newPage(), await ctx.newPage()];
  const people = { hana: user('Hana'), sam: user('Sam'), lee: user('Lee') };
  for (const [page, u] of [
    [hana, people.hana],
    [sam, people.sam],
    [lee, people.lee],
  ])
    await signUp(page, base, u);

  // Hana starts the room; the Backstage tab is there for her, and she writes in it.
  await hana.goto(`${base}/rooms/new`);
  await hana.getByLabel('Title').fill(TITLE);
  await hana.getByRole('button', { name: 'Start the room' }).click();
  await hana.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: T });
  const roomPath = new URL(hana.url()).pathname;
  await tab(hana).click();
  await writeBackstage(hana, 'Mics check before we start');

  // Sam and Lee join as listeners: no Backstage tab for them.
  await openRoom(sam, base, roomPath);
  await openRoom(lee, base, roomPath);
  await hana.getByText(/2 listeners/).first().waitFor({ timeout: T });
  check((await tab(sam).count()) === 0 && (await tab(lee).count()) === 0, 'listeners have no Backstage tab');

  // Hana invites Sam up; Sam accepts and gets the backstage, history included, and answers live.
  // (The host's audience list re-reads at most every few seconds; a reload shows both now.)
  await hana.reload();
  await hana.getByRole('region', { name: /^Listening/ }).getByText(people.sam.displayName).waitFor({ timeout: T });
  await personMenu(hana, 'Listening', people.sam.displayName, 'Invite to speak');
  await sam.getByRole('button', { name: 'Join the stage' }).click();
  await tab(sam).waitFor({ timeout: T });
  await tab(sam).click();
  await backstage(sam).getByText('Mics check before we start').waitFor({ timeout: T });
  await writeBackstage(sam, 'Ready when you are');
  await tab(hana).click();
  await backstage(hana).getByText('Ready when you are').waitFor({ timeout: T });
  check((await tab(lee).count()) === 0, 'Lee, still a listener, has no Backstage tab');

  // A link to the room, written backstage, shows as a live card with Join.
  await stageBox(hana).fill(`Share this: ${base}${roomPath}`);
  await stageBox(hana).press('Enter');
  await backstage(sam).getByTestId('room-card').filter({ hasText: 'LIVE' }).filter({ hasText: TITLE }).waitFor({ timeout: T });
  await backstage(sam).getByTestId('room-card').getByRole('link', { name: 'Join' }).waitFor({ timeout: T });

  // Hana moves Sam to the audience: Sam keeps what Sam saw, read-only, and nothing new arrives.
  await hana.getByRole('tab', { name: 'Room' }).click();
  await personMenu(hana, 'On stage', people.sam.displayName, 'Move to audience');
  await sam.getByRole('tab', { name: 'Backstage (read-only)' }).waitFor({ timeout: T });
  await tab(hana).click();
  await writeBackstage(hana, 'Only for the stage now');
  // Sam opens the room page afresh (in-app, as a tap would): the read-only copy is read again.
  await go(sam, '/');
  await go(sam, roomPath);
  await sam.getByRole('tab', { name: 'Backstage (read-only)' }).click();
  await sam.getByTestId('backstage-readonly').getByText('Ready when you are').waitFor({ timeout: T });
  check((await sam.getByText('Only for the stage now').count()) === 0, 'Sam, off the stage, does not get the new backstage message');
  check((await sam.getByTestId('backstage-readonly').getByRole('textbox').count()) === 0, 'the read-only backstage has no composer');

  // Lee messages Sam from the attendee list: a request labelled with the room.
  await sam.getByRole('tab', { name: 'Room' }).click();
  await personMenu(lee, 'Listening', people.sam.displayName, 'Message');
  await lee.getByTestId('draft-note').waitFor({ timeout: T });
  const box = lee.getByRole('textbox');
  await box.fill('Loved your point about open models');
  await box.press('Enter');
  await lee.getByText('Loved your point about open models').first().waitFor({ timeout: T });

  await sam.goto(`${base}/backchannel/requests`);
  const metList = sam.getByTestId('met-in-room-requests');
  await metList.waitFor({ timeout: T });
  const row = metList.locator('li').filter({ hasText: people.lee.displayName });
  await row.getByTestId('request-room').filter({ hasText: `From ${TITLE}` }).waitFor({ timeout: T });
  await row.getByRole('link').click();
  await sam.getByTestId('request-bar').getByText(`in “${TITLE}” on`).waitFor({ timeout: T });
  await sam.getByText('Loved your point about open models').first().waitFor({ timeout: T });
  for (const page of [hana, sam, lee]) await page.context().close();
}
