/**
 * "Download my data" (GET /v1/me/export, docs/subsystems/accounts.md): the archive holds exactly
 * what its owner can read through the API — every conversation they list with the same messages,
 * their own shadow messages — and nothing they cannot: conversations they are not in, a group
 * they were removed from, someone else's shadow messages, others' sessions.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conversation, Message } from '@backchannel/protocol';
import { RELAXED_REQUEST_LIMITS, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, cmid } from '../requests/requests.test-helpers.js';
import { downloadExport, readableThroughApi } from './account.test-helpers.js';

let server: TestServer;
let ada: TestUser, bob: TestUser, cy: TestUser, dan: TestUser, eve: TestUser, fay: TestUser;
const send = (u: TestUser, conversationId: string, text: string) => u.client.sendMessage(conversationId, { text, clientMessageId: cmid() });

beforeAll(async () => {
  server = await startTestServer(RELAXED_REQUEST_LIMITS);
  [ada, bob, cy, dan, eve, fay] = await Promise.all(['ada', 'bob', 'cy', 'dan', 'eve', 'fay'].map((n) => signupUser(server, `${n}_${process.pid}`)));
  for (const [a, b] of [[ada, bob], [bob, ada], [ada, cy], [cy, ada], [bob, cy], [cy, bob], [cy, dan], [dan, cy], [ada, dan], [dan, ada], [bob, dan], [dan, bob], [ada, eve]] as const) await a.client.follow(b.id);
  const ab = await ada.client.openDirect(bob.id);
  await send(ada, ab.id, 'ada to bob');
  await send(bob, ab.id, 'bob to ada');
  const g = await ada.client.createGroup({ title: 'trio', memberIds: [bob.id, cy.id] });
  await send(cy, g.id, 'cy in trio');
  // Not ada's: a 1:1 between others, a group without her, a group she was removed from.
  const cd = await cy.client.openDirect(dan.id);
  await send(cy, cd.id, 'SECRET cy to dan');
  const h = await bob.client.createGroup({ title: 'SECRET no ada', memberIds: [cy.id, dan.id] });
  await send(dan, h.id, 'SECRET in h');
  const r = await bob.client.createGroup({ title: 'SECRET removed', memberIds: [ada.id, cy.id] });
  await send(bob, r.id, 'SECRET before removal');
  expect((await api(server, bob, 'DELETE', `/v1/conversations/${r.id}/members/${ada.id}`)).status).toBe(200);
  await send(bob, r.id, 'SECRET after removal');
  // Dan blocks ada silently: her sends to him are shadows only she sees; his export must not hold them.
  const ad = await ada.client.openDirect(dan.id);
  await send(dan, ad.id, 'dan to ada');
  expect((await api(server, dan, 'PUT', `/v1/users/${ada.id}/block`)).status).toBe(200);
  await send(ada, ad.id, 'SHADOW from ada');
  // A request to ada (she reads it in Requests) and one from her (eve does not follow her).
  const fa = await fay.client.openDirect(ada.id);
  await send(fay, fa.id, 'fay asks ada');
  const ae = await ada.client.openDirect(eve.id);
  await send(ada, ae.id, 'ada asks eve');
});
afterAll(async () => server?.close());

it('holds every conversation ada lists, each with exactly the messages the API gives her', async () => {
  const exp = await downloadExport(server, ada);
  expect(exp.status).toBe(200);
  expect(exp.type).toBe('application/zip');
  expect(exp.disposition).toMatch(/^attachment; filename="backchannel-ada_\d+-\d{4}-\d\d-\d\d\.zip"$/);
  const readable = await readableThroughApi(server, ada);
  const exported = new Map(
    [...exp.files].filter(([p]) => p.startsWith('conversations/')).map(([, text]) => {
      const f = JSON.parse(text) as { conversation: Conversation; messages: Message[] };
      return [f.conversation.id, f.messages] as const;
    }),
  );
  expect([...exported.keys()].sort()).toEqual([...readable.keys()].sort());
  for (const [id, messages] of readable) expect(exported.get(id), id).toEqual(messages);
  // Her own shadow message is hers to read, and in the export.
  expect([...exported.values()].flat().map((m) => m.text)).toContain('SHADOW from ada');
  expect([...exported.values()].flat().map((m) => m.text)).toContain('fay asks ada');
  const everything = [...exp.files.values()].join('\n');
  expect(everything).not.toMatch(/SECRET/);
  expect(JSON.parse(exp.files.get('account.json')!)).toMatchObject({ id: ada.id, username: ada.username, whoCanMessage: 'everyone' });
  expect((JSON.parse(exp.files.get('following.json')!) as Array<{ id: string }>).map((u) => u.id).sort()).toEqual([bob.id, cy.id, dan.id, eve.id].sort());
  expect((JSON.parse(exp.files.get('requests-sent.json')!) as Array<{ recipientId: string }>).map((r) => r.recipientId)).toEqual([eve.id]);
  const sessions = JSON.parse(exp.files.get('sessions.json')!) as Array<Record<string, unknown>>;
  expect(sessions).toHaveLength(1);
  expect(Object.keys(sessions[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'revokedAt']);
  expect(JSON.parse(exp.files.get('README.json')!)).toMatchObject({ format: 'backchannel-export/1', userId: ada.id });
});

it("does not give the blocker the blocked sender's shadow messages", async () => {
  const exp = await downloadExport(server, dan);
  expect(exp.status).toBe(200);
  const everything = [...exp.files.values()].join('\n');
  expect(everything).toContain('SECRET cy to dan');
  expect(everything).not.toContain('SHADOW from ada');
  expect((JSON.parse(exp.files.get('blocked.json')!) as Array<{ id: string }>).map((u) => u.id)).toEqual([ada.id]);
});

it('needs a session, and is rate limited', async () => {
  expect((await fetch(`${server.url}/v1/me/export`)).status).toBe(401);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await downloadExport(server, eve)).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
});
