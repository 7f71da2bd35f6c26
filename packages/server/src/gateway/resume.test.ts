/**
 * Resume windows larger than one replay page: a backlog inside the window is replayed in full, in
 * order and exactly once; one past the window gets `resume_failed` before any replayed event.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DurableEvent } from '@backchannel/protocol';
import { signupUser, SpySocket, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

let server: TestServer;
let ada: TestUser;
let bob: TestUser;
let conversationId: string;

beforeAll(async () => {
  server = await startTestServer({ resumeMaxEvents: 650 });
  [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
  await Promise.all([ada.client.follow(bob.id), bob.client.follow(ada.id)]);
  conversationId = (await ada.client.openDirect(bob.id)).id;
});
afterAll(() => server.close());

const texts = (events: DurableEvent[]) => events.flatMap((e) => (e.type === 'message.created' ? [e.data.message.text] : []));

async function send(from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) await ada.client.sendMessage(conversationId, { clientMessageId: `b${i}`, text: `b${i}` });
}

it('replays a backlog of more than one page in full, then refuses one past the window up front', { timeout: 60_000 }, async () => {
  const start = await SpySocket.open(server, bob.token, null);
  const cursor = (start.frames.find((f) => f.type === 'ready') as { cursor: DurableEvent['pos'] }).cursor;
  start.close();
  await send(0, 620);
  const inside = await SpySocket.open(server, bob.token, cursor);
  expect(inside.frames.find((f) => f.type === 'ready')).toMatchObject({ replayed: 620 });
  expect(texts(inside.events())).toEqual(Array.from({ length: 620 }, (_, i) => `b${i}`));
  inside.close();
  await send(620, 40);
  const outside = await SpySocket.open(server, bob.token, cursor);
  expect(outside.frames.map((f) => f.type)).toEqual(['hello', 'resume_failed']);
  expect(outside.frames[1]).toMatchObject({ reason: 'too_far_behind' });
  outside.close();
});
