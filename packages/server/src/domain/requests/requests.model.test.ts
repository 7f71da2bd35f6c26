/**
 * Model-based test of the requests inbox (RELIABILITY.md, "How we test it"): random sequences of
 * send / view / accept / delete / block / unblock / report between three strangers on a real
 * server, each user with a spy socket. After every step: the users who must learn nothing received
 * nothing (proven by a ping round-trip, not by waiting), and every user's inbox and Requests match
 * a small model. Bounded: 30 runs × up to 15 steps.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conversation, ServerFrame } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, cmid } from './requests.test-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Kind = 'send' | 'view' | 'accept' | 'delete' | 'block' | 'report' | 'profileBlock' | 'unblock';
interface Cmd {
  kind: Kind;
  actor: number;
  other: number;
}
const cmdArb = fc
  .record({ kind: fc.constantFrom<Kind>('send', 'send', 'view', 'accept', 'delete', 'block', 'report', 'profileBlock', 'unblock'), actor: fc.nat(2), shift: fc.integer({ min: 1, max: 2 }) })
  .map(({ kind, actor, shift }): Cmd => ({ kind, actor, other: (actor + shift) % 3 }));

/** The model: one 1:1 per pair; who is a member and in which folder; who blocked whom. */
class Model {
  convs = new Map<string, { id: string; folder: Map<number, 'inbox' | 'requests'>; lastSeq: number }>();
  blocks = new Set<string>();
  key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  blocked = (by: number, who: number) => this.blocks.has(`${by}>${who}`);
  conv = (a: number, b: number) => this.convs.get(this.key(a, b));
  folder = (u: number, other: number) => this.conv(u, other)?.folder.get(u);
}

interface World {
  users: TestUser[];
  spies: SpySocket[];
  model: Model;
}

async function step(w: World, c: Cmd): Promise<{ silent: number[]; onlyAccepted?: number }> {
  const { users, model: m } = w;
  const [me, other] = [users[c.actor]!, users[c.other]!];
  const conv = m.conv(c.actor, c.other);
  const myFolder = m.folder(c.actor, c.other);
  switch (c.kind) {
    case 'send': {
      const open = await api<{ conversation: Conversation }>(server, me, 'POST', '/v1/conversations/direct', { userId: other.id });
      if (!conv) {
        if (m.blocked(c.actor, c.other)) {
          expect(open.body).toMatchObject({ code: 'cannot_message' });
          return { silent: [c.other] };
        }
        expect(open.status).toBe(201);
        const folder = new Map<number, 'inbox' | 'requests'>([[c.actor, 'inbox']]);
        if (!m.blocked(c.other, c.actor)) folder.set(c.other, 'requests');
        m.convs.set(m.key(c.actor, c.other), { id: open.body.conversation.id, folder, lastSeq: 0 });
      } else {
        expect(open.status).toBe(200);
        if (!conv.folder.has(c.actor)) conv.folder.set(c.actor, 'inbox');
      }
      const cv = m.conv(c.actor, c.other)!;
      const sent = await api(server, me, 'POST', `/v1/conversations/${cv.id}/messages`, { clientMessageId: cmid(), text: 'hello https://x.example' });
      if (m.blocked(c.other, c.actor)) {
        expect(sent.status).toBe(201); // looks accepted
        return { silent: [c.other] };
      }
      if (m.blocked(c.actor, c.other)) {
        expect(sent.body).toMatchObject({ code: 'cannot_message' });
        return { silent: [c.other] };
      }
      expect(sent.status).toBe(201);
      const wasRequest = cv.folder.get(c.actor) === 'requests';
      cv.folder.set(c.actor, 'inbox'); // replying accepts
      if (!cv.folder.has(c.other)) cv.folder.set(c.other, 'requests');
      cv.lastSeq++;
      return { silent: [], ...(wasRequest ? {} : {}) };
    }
    case 'view': {
      if (!conv || !myFolder) return { silent: [] };
      if (conv.lastSeq > 0) await api(server, me, 'POST', `/v1/conversations/${conv.id}/read`, { seq: conv.lastSeq });
      w.spies[c.actor]!.send({ op: 'typing', conversationId: conv.id });
      await w.spies[c.actor]!.settle();
      const quiet = myFolder === 'requests' || m.blocked(c.actor, c.other) || m.blocked(c.other, c.actor);
      return { silent: quiet ? [c.other] : [] };
    }
    case 'accept':
    case 'delete':
    case 'block':
    case 'report': {
      const path = `/v1/requests/${conv?.id ?? 'none'}/${c.kind}`;
      const res = await api(server, me, 'POST', path, c.kind === 'report' ? { reason: 'spam' } : undefined);
      if (myFolder !== 'requests') {
        expect(res.body).toMatchObject({ code: 'not_found' });
        return { silent: [c.other] };
      }
      expect(res.status).toBe(200);
      if (c.kind === 'accept') {
        conv!.folder.set(c.actor, 'inbox');
        return { silent: [], onlyAccepted: c.other };
      }
      conv!.folder.delete(c.actor);
      if (c.kind !== 'delete') m.blocks.add(`${c.actor}>${c.other}`);
      return { silent: [c.other] };
    }
    case 'profileBlock': {
      expect((await api(server, me, 'PUT', `/v1/users/${other.id}/block`)).status).toBe(200);
      m.blocks.add(`${c.actor}>${c.other}`);
      if (myFolder === 'requests') conv!.folder.delete(c.actor);
      return { silent: [c.other] };
    }
    case 'unblock': {
      expect((await api(server, me, 'DELETE', `/v1/users/${other.id}/block`)).status).toBe(200);
      m.blocks.delete(`${c.actor}>${c.other}`);
      return { silent: [c.other] };
    }
  }
}

async function checkState(w: World): Promise<void> {
  for (let u = 0; u < 3; u++) {
    const want = (folder: 'inbox' | 'requests') => [...w.model.convs.values()].filter((c) => c.folder.get(u) === folder).map((c) => c.id).sort();
    const requests = await api<{ conversations: Conversation[] }>(server, w.users[u]!, 'GET', '/v1/requests');
    expect(requests.body.conversations.map((c) => c.id).sort()).toEqual(want('requests'));
    const inbox = await api<{ conversations: Conversation[] }>(server, w.users[u]!, 'GET', '/v1/conversations?folder=inbox');
    expect(inbox.body.conversations.map((c) => c.id).sort()).toEqual(want('inbox'));
  }
}

const noise = (f: ServerFrame) => f.type === 'ack';

it('no forbidden signal reaches a pending requester or a blocked user, and folders match the model', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 15 }), async (cmds) => {
      const users = [await signupUser(server), await signupUser(server), await signupUser(server)];
      const spies = await Promise.all(users.map((u) => SpySocket.open(server, u.token)));
      const w: World = { users, spies, model: new Model() };
      try {
        for (const c of cmds) {
          const marks = spies.map((s) => s.frames.length);
          const { silent, onlyAccepted } = await step(w, c);
          await Promise.all(spies.map((s) => s.settle()));
          for (const u of silent) expect({ cmd: c, user: u, frames: spies[u]!.frames.slice(marks[u]).filter((f) => !noise(f)) }).toEqual({ cmd: c, user: u, frames: [] });
          if (onlyAccepted !== undefined) expect(spies[onlyAccepted]!.frames.slice(marks[onlyAccepted]).filter((f) => !noise(f)).map((f) => f.type)).toEqual(['request.accepted']);
          // Whatever the step, nobody ever receives a message from someone they blocked.
          for (let u = 0; u < 3; u++) {
            for (const f of spies[u]!.frames.slice(marks[u])) {
              if (f.type !== 'message.created') continue;
              const senderIdx = users.findIndex((x) => x.id === (f as { data: { message: { senderId: string } } }).data.message.senderId);
              if (senderIdx !== u) expect(w.model.blocked(u, senderIdx)).toBe(false);
            }
          }
          await checkState(w);
        }
      } finally {
        for (const s of spies) s.close();
      }
    }),
    { numRuns: 30 },
  );
}, 120_000);
