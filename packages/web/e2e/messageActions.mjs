/**
 * Message actions across two people (docs/subsystems/messages.md): Bea reacts from the message's
 * React menu and Ada sees it; Ada replies from the More menu (the composer's banner) and Bea sees
 * the quote; Ada unsends and Bea sees the tombstone live and after a reload.
 * Runs after directMessages (Ada and Bea share a 1:1, `people.dm`).
 */
import { composer, go, messages, seeMessage, send, T } from './helpers.mjs';

export async function messageActions({ base, ada, bea, people }) {
  await ada.goto(people.dm);
  await bea.goto(people.dm);
  await composer(bea).waitFor({ timeout: T });
  await send(ada, 'Pick a date for the meetup');
  await seeMessage(bea, 'Pick a date for the meetup');
  const onBea = messages(bea, 'Pick a date for the meetup').first();
  await onBea.hover();
  await onBea.getByRole('button', { name: 'React' }).click();
  await bea.getByRole('menuitem', { name: 'React with 👍' }).click();
  await messages(ada, 'Pick a date for the meetup').first().getByRole('button', { name: /^👍 1/ }).waitFor({ timeout: T });

  const onAda = messages(ada, 'Pick a date for the meetup').first();
  await onAda.hover();
  await onAda.getByRole('button', { name: 'More actions' }).click();
  await ada.getByRole('menuitem', { name: 'Reply' }).click();
  await ada.getByTestId('compose-banner').waitFor({ timeout: T });
  await send(ada, 'Friday works for me');
  await messages(bea, 'Friday works for me').getByTestId('reply-quote').filter({ hasText: 'Pick a date' }).waitFor({ timeout: T });

  await onAda.hover();
  await onAda.getByRole('button', { name: 'More actions' }).click();
  await ada.getByRole('menuitem', { name: 'Unsend for everyone' }).click();
  await bea.locator('[data-removed="true"]').filter({ hasText: 'Message unsent' }).waitFor({ timeout: T });
  // A fresh load of the app (a new page of Bea's session), then the conversation in-app.
  const fresh = await bea.context().newPage();
  await fresh.goto(base);
  await go(fresh, new URL(people.dm).pathname);
  await fresh.locator('[data-removed="true"]').filter({ hasText: 'Message unsent' }).waitFor({ timeout: T });
  await messages(fresh, 'Friday works for me').getByText('Message unavailable').waitFor({ timeout: T });
  await fresh.close();
}
