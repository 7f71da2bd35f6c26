/**
 * Model-based test of the requests inbox (RELIABILITY.md, "How we test it"): random sequences of
 * send / view / group / accept / delete / block / report / unblock between three strangers on a
 * real server, each user with a spy socket. After every step: the users who must learn nothing
 * received nothing (proven by a ping round-trip, not by waiting), nobody received a message from
 * someone they blocked, every user's inbox and Requests match a small model, and — the rule of
 * docs/subsystems/message-requests.md — every sender whose person did not answer visibly (no
 * reply, no accept; deleting, blocking or reporting are not visible) sees exactly what they would
 * see if that person had done nothing at all: each of their actions towards that person is
 * replayed at the same instant in a "no answer" twin (two fresh users, the other never acting),
 * and the answers and the sender's views of those conversations must be equal field by field.
 * Everyone (twins too) is in one room of the run: a 1:1 is opened from its attendee list half the
 * time, and every request in Requests must carry that room exactly when it was asked from there,
 * and name it as the room both were in (docs/subsystems/message-requests.md, "Met in a room");
 * a 1:1's presence shows the other person's room only when the requests rules allow it.
 * Bounded: 30 runs × up to 15 steps.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Conversation, ServerFrame } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, named, type Res } from './requests.test-helpers.js';

let server: TestServer;
const clock = new TestClock();
beforeAll(async () => {
  // Default caps (1 + 3 messages while pending); budgets out of the way of 15 random steps.
  server = await startTestServer({ requestsPerMinute: 100_000, requestDailyBudget: 100_000, requestDailyBudgetNewAccount: 100_000, safetyActionsPerMinute: 100_000 }, { clock });
});
afterAll(() => server.close());

type Kind = 'send' | 'view' | 'group' | 'groupSend' | 'accept' | 'delete' | 'block' | 'report' | 'profileBlock' | 'unblock';
interface Cmd {
  kind: Kind;
  actor: number;
  other: number;
  /** For accept / delete / block / report: the 1:1, or the latest group `other` made with `actor`. */
  onGroup: boolean;
  /** For send: open the 1:1 from the run's room (its attendee list). */
  fromRoom: boolean;
}
const cmdArb = fc
  .record({
    kind: fc.constantFrom<Kind>('send', 'send', 'send', 'view', 'group', 'groupSend', 'accept', 'delete', 'block', 'report', 'profileBlock', 'unblock'),
    actor: fc.nat(2),
    shift: fc.integer({ min: 1, max: 2 }),
    onGroup: fc.boolean(),
    fromRoom: fc.boolean(),
  })
  .map(({ kind, actor, shift, onGroup, fromRoom }): Cmd => ({ kind, actor, other: (actor + shift) % 3, onGroup, fromRoom }));

type Folder = 'inbox' | 'requests';
interface Conv {
  id: string;
  creator: number;
  /** The other person of a 1:1, or the one member a group was made with. */
  other: number;
  folder: Map<number, Folder>;
}
/** A request row as the sender sees it: open unless accepted (nothing expires within a run). */
interface Req {
  conv: string;
  sender: number;
  recipient: number;
  state: 'pending' | 'deleted' | 'blocked' | 'reported' | 'accepted';
  sent: number;
  /** Asked from the room's attendee list. */
  room: boolean;
}

/** The model: one 1:1 per pair, groups of two, request rows, who blocked whom. */
class Model {
  dms = new Map<string, Conv>();
  groups: Conv[] = [];
  reqs: Req[] = [];
  blocks = new Set<string>();
  key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  blocked = (by: number, who: number) => this.blocks.has(`${by}>${who}`);
  dm = (a: number, b: number) => this.dms.get(this.key(a, b));
  open = (s: number, r: number) => this.reqs.find((q) => q.sender === s && q.recipient === r && q.state !== 'accepted');
  req = (conv: string, recipient: number) => this.reqs.find((q) => q.conv === conv && q.recipient === recipient);
  putReq(q: Req): void {
    this.reqs = [...this.reqs.filter((x) => !(x.conv === q.conv && x.recipient === q.recipient)), q];
  }
  lastGroup = (creator: number, other: number) => this.groups.filter((g) => g.creator === creator && g.other === other).at(-1);
  all = () => [...this.dms.values(), ...this.groups];
}

/** A "no answer" twin of the directed pair sender → other: `s` mirrors the sender, `r` never acts. */
interface Twin {
  s: TestUser;
  r: TestUser;
  dm?: string;
  /** Twin groups, in the order of the real successful ones. */
  groups: string[];
  realGroups: string[];
  valid: boolean;
}

interface World {
  users: TestUser[];
  spies: SpySocket[];
  model: Model;
  twins: Map<string, Twin>;
  /** The run's room: everyone, twins too, is in it. */
  roomId: string;
}

interface Outcome {
  silent: number[];
  onlyAccepted?: number;
}

const ok = (r: Res) => r.status === 200 || r.status === 201;
const code = (r: Res) => (r.body as { code?: string }).code;
const names = (s: TestUser, r: TestUser) => ({ [s.id]: 'S', [r.id]: 'R', [s.username]: 's', [r.username]: 'r', [`User ${s.username}`]: 'User s', [`User ${r.username}`]: 'User r' });

/** Runs a sender action in the real world and, while the pair is unanswered, in its twin at the same instant. */
async function mirrored(w: World, s: number, r: number, act: (me: TestUser, other: TestUser, t: Twin | null) => Promise<Res>): Promise<Res> {
  const real = await act(w.users[s]!, w.users[r]!, null);
  const twin = await twinOf(w, s, r);
  if (twin?.valid) {
    const echo = await act(twin.s, twin.r, twin);
    // Twins sign up later: a profile's account age is the one field allowed to differ.
    const strip = (x: Res) => named({ ...x, body: { ...x.body, profile: x.body.profile && { ...(x.body.profile as object), createdAt: null } } }, {});
    const [a, b] = [strip(named(real, names(w.users[s]!, w.users[r]!)) as Res), strip(named(echo, names(twin.s, twin.r)) as Res)];
    expect({ pair: `${s}>${r}`, answer: a }).toEqual({ pair: `${s}>${r}`, answer: b });
  }
  return real;
}

async function twinOf(w: World, s: number, r: number): Promise<Twin | null> {
  const k = `${s}>${r}`;
  let t = w.twins.get(k);
  if (!t) {
    t = { s: await signupUser(server), r: await signupUser(server), groups: [], realGroups: [], valid: true };
    for (const u of [t.s, t.r]) expect((await api(server, u, 'POST', `/v1/rooms/${w.roomId}/join`)).status).toBe(200);
    w.twins.set(k, t);
  }
  return t;
}

/** The other person answered visibly: from now on the sender's view may differ from "no answer". */
function answered(w: World, s: number, r: number): void {
  const t = w.twins.get(`${s}>${r}`);
  if (t) t.valid = false;
  else w.twins.set(`${s}>${r}`, { s: w.users[s]!, r: w.users[r]!, groups: [], realGroups: [], valid: false });
}

const openDm = (me: TestUser, other: TestUser, roomId?: string) => api<{ conversation: Conversation }>(server, me, 'POST', '/v1/conversations/direct', { userId: other.id, ...(roomId ? { roomId } : {}) });
const post = (me: TestUser, conv: string, text: string) => api(server, me, 'POST', `/v1/conversations/${conv}/messages`, { clientMessageId: `m${clock.t}`, text });

async function sendStep(w: World, c: Cmd): Promise<Outcome> {
  const m = w.model;
  const [s, r] = [c.actor, c.other];
  answered(w, r, s); // whatever it does, the other person's "no answer" twin no longer applies
  const before = m.dm(s, r);
  let dmId = before?.id;
  const open = await mirrored(w, s, r, async (me, other, t) => {
    const res = await openDm(me, other, c.fromRoom ? w.roomId : undefined);
    if (t && ok(res)) t.dm = res.body.conversation.id;
    else if (!t && ok(res)) dmId = res.body.conversation.id;
    return res;
  });
  if (!before) {
    if (m.blocked(s, r)) {
      expect(code(open)).toBe('cannot_message');
      return { silent: [r] };
    }
    if (m.open(s, r)) {
      expect(code(open)).toBe('request_pending');
      return { silent: [r] };
    }
    expect(open.status).toBe(201);
    const folder = new Map<number, Folder>([[s, 'inbox']]);
    if (!m.blocked(r, s)) folder.set(r, 'requests');
    m.dms.set(m.key(s, r), { id: dmId!, creator: s, other: r, folder });
    m.putReq({ conv: dmId!, sender: s, recipient: r, state: m.blocked(r, s) ? 'blocked' : 'pending', sent: 0, room: c.fromRoom });
  } else {
    expect(open.status).toBe(200);
    if (!before.folder.has(s)) {
      // Re-opening: a request from them that I refused, and they still see as pending, comes back.
      const asked = m.req(before.id, s);
      const back = asked !== undefined && asked.sender === r && asked.state !== 'pending' && asked.state !== 'accepted';
      before.folder.set(s, back ? 'requests' : 'inbox');
      if (back) asked.state = 'pending';
    }
  }
  const cv = m.dm(s, r)!;
  // What the one rule predicts (docs/subsystems/message-requests.md).
  const mine = m.req(cv.id, r);
  const mineOpen = mine !== undefined && mine.state !== 'accepted';
  const openElsewhere = m.reqs.some((q) => q.sender === s && q.recipient === r && q.state !== 'accepted' && q.conv !== cv.id);
  const fresh = !mineOpen && !cv.folder.has(r);
  const refused = mineOpen ? mine.sent >= 4 : fresh && openElsewhere;
  const sent = await mirrored(w, s, r, (me, _o, t) => post(me, t ? t.dm! : cv.id, 'hello https://x.example'));
  if (m.blocked(s, r)) {
    expect(code(sent)).toBe('cannot_message');
    return { silent: [r] };
  }
  if (refused) {
    expect(code(sent)).toBe('request_pending');
    return { silent: [r] };
  }
  expect(sent.status).toBe(201);
  // Replying to their request accepts it.
  if (cv.folder.get(s) === 'requests') {
    cv.folder.set(s, 'inbox');
    const theirs = m.req(cv.id, s);
    if (theirs) theirs.state = 'accepted';
  }
  const blockedByThem = m.blocked(r, s);
  if (fresh) m.putReq({ conv: cv.id, sender: s, recipient: r, state: blockedByThem ? 'blocked' : 'pending', sent: 0, room: false });
  // Delivered: a refused request of mine comes back to them as it was; blocked: it goes on on my side only.
  if (!blockedByThem && !cv.folder.has(r)) cv.folder.set(r, 'requests');
  const counted = m.req(cv.id, r);
  if (!blockedByThem && counted && counted.state !== 'accepted') counted.state = 'pending';
  if (counted && counted.state !== 'accepted') counted.sent++;
  return { silent: blockedByThem ? [r] : [] };
}

async function groupStep(w: World, c: Cmd): Promise<Outcome> {
  const m = w.model;
  const [s, r] = [c.actor, c.other];
  if (c.kind === 'groupSend') {
    const g = m.lastGroup(s, r);
    if (!g || !g.folder.has(s)) return { silent: [] };
    const idx = w.twins.get(`${s}>${r}`)?.realGroups.indexOf(g.id) ?? -1;
    const sent = await mirrored(w, s, r, (me, _o, t) => post(me, t ? t.groups[idx]! : g.id, 'to the group'));
    expect(sent.status).toBe(201);
    return { silent: g.folder.has(r) ? [] : [r] };
  }
  let created: string | undefined;
  const res = await mirrored(w, s, r, async (me, other, t) => {
    const out = await api<{ conversation: Conversation }>(server, me, 'POST', '/v1/conversations/group', { title: 'g', memberIds: [other.id] });
    if (ok(out)) {
      if (t) t.groups.push(out.body.conversation.id);
      else created = out.body.conversation.id;
    }
    return out;
  });
  if (m.blocked(s, r) || m.open(s, r)) {
    expect(code(res)).toBe(m.blocked(s, r) ? 'not_found' : 'request_pending');
    return { silent: [r] };
  }
  expect(res.status).toBe(201);
  // A person who blocked the creator is listed (a ghost member) but never added.
  expect((res.body as { conversation: Conversation }).conversation.members.map((u) => u.id).sort()).toEqual([w.users[s]!.id, w.users[r]!.id].sort());
  const folder = new Map<number, Folder>([[s, 'inbox']]);
  if (!m.blocked(r, s)) folder.set(r, 'requests');
  m.groups.push({ id: created!, creator: s, other: r, folder });
  m.putReq({ conv: created!, sender: s, recipient: r, state: m.blocked(r, s) ? 'blocked' : 'pending', sent: 0, room: false });
  w.twins.get(`${s}>${r}`)?.realGroups.push(created!);
  return { silent: m.blocked(r, s) ? [r] : [] };
}

async function step(w: World, c: Cmd): Promise<Outcome> {
  const { users, model: m } = w;
  const me = users[c.actor]!;
  switch (c.kind) {
    case 'send':
      return sendStep(w, c);
    case 'group':
    case 'groupSend':
      return groupStep(w, c);
    case 'view': {
      const conv = m.dm(c.actor, c.other);
      const myFolder = conv?.folder.get(c.actor);
      if (!conv || !myFolder) return { silent: [] };
      const mine = (await api<{ conversation: Conversation }>(server, me, 'GET', `/v1/conversations/${conv.id}`)).body.conversation;
      if (mine.lastSeq > 0) await mirrored(w, c.actor, c.other, (u, _o, t) => api(server, u, 'POST', `/v1/conversations/${t ? t.dm : conv.id}/read`, { seq: mine.lastSeq }));
      w.spies[c.actor]!.send({ op: 'typing', conversationId: conv.id });
      await w.spies[c.actor]!.settle();
      const quiet = myFolder === 'requests' || m.blocked(c.actor, c.other) || m.blocked(c.other, c.actor);
      return { silent: quiet ? [c.other] : [] };
    }
    case 'accept':
    case 'delete':
    case 'block':
    case 'report': {
      const conv = c.onGroup ? m.lastGroup(c.other, c.actor) : m.dm(c.actor, c.other);
      const myFolder = conv?.folder.get(c.actor);
      const res = await api(server, me, 'POST', `/v1/requests/${conv?.id ?? 'none'}/${c.kind}`, c.kind === 'report' ? { reason: 'spam' } : undefined);
      if (myFolder !== 'requests') {
        expect(code(res)).toBe('not_found');
        return { silent: [c.other] };
      }
      expect(res.status).toBe(200);
      const q = m.req(conv!.id, c.actor);
      if (c.kind === 'accept') {
        conv!.folder.set(c.actor, 'inbox');
        if (q) q.state = 'accepted';
        answered(w, c.other, c.actor);
        // Someone who blocked me hears nothing of what I do, my accepting their group included.
        return m.blocked(c.other, c.actor) ? { silent: [c.other] } : { silent: [], onlyAccepted: c.other };
      }
      conv!.folder.delete(c.actor);
      if (q) q.state = c.kind === 'delete' ? 'deleted' : c.kind === 'block' ? 'blocked' : 'reported';
      if (c.kind !== 'delete') {
        m.blocks.add(`${c.actor}>${c.other}`);
        // Blocking their request blocks them: the twin of my side blocks too.
        const t = await twinOf(w, c.actor, c.other);
        if (t?.valid) expect((await api(server, t.s, 'PUT', `/v1/users/${t.r.id}/block`)).status).toBe(200);
      }
      return { silent: [c.other] };
    }
    case 'profileBlock': {
      await mirrored(w, c.actor, c.other, (u, o) => api(server, u, 'PUT', `/v1/users/${o.id}/block`));
      m.blocks.add(`${c.actor}>${c.other}`);
      // Their pending request to me (at most one) closes, silently.
      const q = m.reqs.find((x) => x.sender === c.other && x.recipient === c.actor && x.state === 'pending');
      if (q) {
        q.state = 'blocked';
        m.all().find((x) => x.id === q.conv)?.folder.delete(c.actor);
      }
      return { silent: [c.other] };
    }
    case 'unblock': {
      expect((await mirrored(w, c.actor, c.other, (u, o) => api(server, u, 'DELETE', `/v1/users/${o.id}/block`))).status).toBe(200);
      m.blocks.delete(`${c.actor}>${c.other}`);
      return { silent: [c.other] };
    }
  }
  return { silent: [] };
}

async function checkState(w: World): Promise<void> {
  for (let u = 0; u < 3; u++) {
    const want = (folder: Folder) => w.model.all().filter((c) => c.folder.get(u) === folder).map((c) => c.id).sort();
    const requests = await api<{ conversations: Conversation[] }>(server, w.users[u]!, 'GET', '/v1/requests');
    expect(requests.body.conversations.map((c) => c.id).sort()).toEqual(want('requests'));
    // Met in a room: the room it was asked from, exactly when it was; the room both were in, always.
    for (const c of requests.body.conversations) {
      const q = w.model.req(c.id, u);
      expect({ conv: c.id, room: c.request?.room?.id ?? null, shared: c.request?.trust.sharedRoom?.roomId }).toEqual({ conv: c.id, room: q?.room && q.state === 'pending' ? w.roomId : null, shared: w.roomId });
    }
    const inbox = await api<{ conversations: Conversation[] }>(server, w.users[u]!, 'GET', '/v1/conversations?folder=inbox');
    expect(inbox.body.conversations.map((c) => c.id).sort()).toEqual(want('inbox'));
  }
  // Presence that points at the room everyone is listening in: a 1:1's header sees the other
  // person's room only if that person is in it with the chat in their inbox (never while their
  // side is a pending request: the requester learns nothing) and no block stands either way.
  const m = w.model;
  for (const cv of m.dms.values()) {
    for (const [u, o] of [[cv.creator, cv.other], [cv.other, cv.creator]] as const) {
      if (!cv.folder.has(u)) continue;
      const res = await api<{ presence: { room: { id: string } } | null }>(server, w.users[u]!, 'GET', `/v1/conversations/${cv.id}/presence`);
      const visible = cv.folder.get(o) === 'inbox' && !m.blocked(u, o) && !m.blocked(o, u);
      expect({ viewer: u, of: o, room: res.body.presence?.room.id ?? null }).toEqual({ viewer: u, of: o, room: visible ? w.roomId : null });
    }
  }
}

/** Each unanswered sender's view of their conversations with that person equals their twin's. */
async function checkTwins(w: World): Promise<void> {
  for (const [pair, t] of w.twins) {
    if (!t.valid) continue;
    const [s, r] = pair.split('>').map(Number) as [number, number];
    const realIds = [w.model.dm(s, r)?.id, ...t.realGroups];
    const twinIds = [t.dm, ...t.groups];
    expect({ pair, ids: realIds.map((id) => id !== undefined) }).toEqual({ pair, ids: twinIds.map((id) => id !== undefined) });
    for (let i = 0; i < realIds.length; i++) {
      if (realIds[i] === undefined) continue;
      const view = async (u: TestUser, id: string) => ({
        conversation: (await api(server, u, 'GET', `/v1/conversations/${id}`)).body,
        history: (await api(server, u, 'GET', `/v1/conversations/${id}/messages`)).body,
      });
      const real = named(await view(w.users[s]!, realIds[i]!), names(w.users[s]!, w.users[r]!));
      const twin = named(await view(t.s, twinIds[i]!), names(t.s, t.r));
      expect({ pair, conversation: i, view: real }).toEqual({ pair, conversation: i, view: twin });
    }
  }
}

const noise = (f: ServerFrame) => f.type === 'ack';

it('no forbidden signal reaches a pending requester or a blocked user, folders match the model, and an unanswered sender cannot tell how', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 15 }), async (cmds) => {
      const users = [await signupUser(server), await signupUser(server), await signupUser(server)];
      // Its host is someone else: the three are listeners (the host's backstage is no request).
      const room = (await api<{ room: { id: string } }>(server, await signupUser(server), 'POST', '/v1/rooms', { title: 'Met here' })).body.room;
      for (const u of users) expect((await api(server, u, 'POST', `/v1/rooms/${room.id}/join`)).status).toBe(200);
      const spies = await Promise.all(users.map((u) => SpySocket.open(server, u.token)));
      const w: World = { users, spies, model: new Model(), twins: new Map(), roomId: room.id };
      try {
        for (const c of cmds) {
          clock.advance(1000);
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
          await checkTwins(w);
        }
      } finally {
        for (const s of spies) s.close();
      }
    }),
    { numRuns: 30 },
  );
}, 360_000);
