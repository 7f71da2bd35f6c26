/**
 * Model-based test of a room (RELIABILITY.md, "How we test it"): random sequences of join / leave /
 * hand / invite / accept / move down / moderator / remove / chat settings / send / delete /
 * reconnect between a host and three others on a real server. Every answer's code must be what a
 * small model predicts; after every sequence, each person in the room — whose client view is built
 * only from its subscription snapshot, the chat history it fetched and the room events it received
 * (across reconnects that resume from the last seq) — sees the stage, host, chat settings and chat
 * that the model holds, and so does the server's own `GET /v1/rooms/{id}`.
 * Bounded: 20 runs × 3 joins + up to 30 steps.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatMode, Room, RoomMessagePage, RoomRole } from '@backchannel/protocol';
import { SpySocket, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, cmid, people, subscribe } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0, roomHandsPerMinute: 100_000 }, { clock });
});
afterAll(() => s.close());

type Kind = 'join' | 'leave' | 'hand' | 'invite' | 'accept' | 'down' | 'mod' | 'unmod' | 'remove' | 'chat' | 'send' | 'delete' | 'reconnect';
interface Cmd {
  kind: Kind;
  actor: number;
  target: number;
  flag: boolean;
  mode: ChatMode;
}
const cmdArb: fc.Arbitrary<Cmd> = fc
  .record({
    kind: fc.constantFrom<Kind>('join', 'join', 'join', 'leave', 'hand', 'invite', 'invite', 'accept', 'accept', 'down', 'mod', 'mod', 'unmod', 'remove', 'chat', 'send', 'send', 'send', 'delete', 'reconnect'),
    // The host acts often: most room changes are theirs to make.
    actor: fc.oneof(fc.constant(0), fc.nat(3)),
    shift: fc.nat(3),
    flag: fc.boolean(),
    mode: fc.constantFrom<ChatMode>('open', 'emoji'),
  })
  .map(({ shift, ...c }): Cmd => ({ ...c, target: shift === 0 ? c.actor : (c.actor + shift) % 4 }));

interface Person {
  present: boolean;
  role: RoomRole;
  hand: boolean;
  invited: boolean;
  removed: boolean;
  joined: number;
  known: boolean;
}
interface Model {
  people: Person[];
  hostId: number;
  chat: { enabled: boolean; mode: ChatMode };
  messages: Array<{ id: string; sender: number; deleted: 'author' | 'moderator' | null }>;
}

/** What one person's client knows, from its own frames only. */
interface View {
  spy: SpySocket;
  lastSeq: number;
  stage: Map<string, RoomRole>;
  hostId: string | null;
  chat: { enabled: boolean; mode: ChatMode };
  messages: Map<string, 'author' | 'moderator' | null>;
  consumed: number;
}

const staff = (p: Person) => p.present && (p.role === 'host' || p.role === 'moderator');
const ok = 'ok';

/** The model's answer to a command (and the new state), mirroring docs/subsystems/rooms.md. */
function predict(m: Model, c: Cmd, now: number): string {
  const a = m.people[c.actor]!;
  const t = m.people[c.target]!;
  if (a.removed && c.kind !== 'reconnect') return 'not_found';
  switch (c.kind) {
    case 'join':
      if (a.present) return ok;
      a.role = m.hostId === c.actor ? 'host' : a.role === 'moderator' ? 'moderator' : 'listener';
      Object.assign(a, { present: true, hand: false, invited: false, joined: now, known: true });
      return ok;
    case 'leave': {
      if (!a.present) return ok;
      if (a.role === 'host') {
        const next = m.people.map((p, i) => [p, i] as const).filter(([p]) => p.present && p.role === 'moderator').sort(([p, i], [q, j]) => p.joined - q.joined || i - j)[0];
        if (!next) return 'room_no_successor';
        next[0].role = 'host';
        m.hostId = next[1];
        a.role = 'listener';
      } else if (a.role === 'speaker') a.role = 'listener';
      Object.assign(a, { present: false, hand: false, invited: false });
      return ok;
    }
    case 'hand':
      if (!a.present) return 'not_in_room';
      if (a.role !== 'listener') return 'conflict';
      a.hand = c.flag;
      return ok;
    case 'invite':
      if (!a.present) return 'not_in_room';
      if (!staff(a)) return 'forbidden';
      if (!t.present) return 'not_in_room';
      if (t.role !== 'listener') return 'conflict';
      t.invited = true;
      return ok;
    case 'accept':
      if (!a.present) return 'not_in_room';
      if (a.role !== 'listener') return ok;
      if (!a.invited) return 'room_not_invited';
      Object.assign(a, { role: 'speaker', hand: false, invited: false });
      return ok;
    case 'down': {
      if (!a.present) return 'not_in_room';
      if (c.actor !== c.target && !staff(a)) return 'forbidden';
      if (!t.present) return 'not_in_room';
      if (t.role === 'listener') return ok;
      if (t.role === 'host') return 'forbidden';
      if (c.actor !== c.target && t.role === 'moderator' && a.role !== 'host') return 'forbidden';
      Object.assign(t, { role: 'listener', hand: false, invited: false });
      return ok;
    }
    case 'mod':
    case 'unmod': {
      if (!a.present) return 'not_in_room';
      if (a.role !== 'host') return 'forbidden';
      if (c.actor === c.target) return 'self_action';
      if (!t.present) return 'not_in_room';
      const role = c.kind === 'mod' ? 'moderator' : t.role === 'moderator' ? 'speaker' : t.role;
      if (role !== t.role) Object.assign(t, { role, hand: false, invited: false });
      return ok;
    }
    case 'remove':
      if (!a.present) return 'not_in_room';
      if (!staff(a)) return 'forbidden';
      if (c.actor === c.target) return 'self_action';
      if (!t.known) return 'not_in_room';
      if (t.removed) return ok;
      if (t.role === 'host' || (t.role === 'moderator' && a.role !== 'host')) return 'forbidden';
      Object.assign(t, { role: 'listener', present: false, removed: true, hand: false, invited: false });
      return ok;
    case 'chat':
      if (!a.present) return 'not_in_room';
      if (!staff(a)) return 'forbidden';
      m.chat = { enabled: c.flag, mode: c.mode };
      return ok;
    case 'send':
      if (!a.present) return 'not_in_room';
      if (!m.chat.enabled) return 'room_chat_off';
      if (m.chat.mode === 'emoji' && !staff(a) && !c.flag) return 'room_emoji_only';
      return ok;
    case 'delete': {
      const msg = m.messages[c.target % Math.max(1, m.messages.length)];
      if (!msg) return 'skip';
      if (msg.deleted) return ok;
      if (msg.sender === c.actor) msg.deleted = 'author';
      else if (staff(a)) msg.deleted = 'moderator';
      else return 'forbidden';
      return ok;
    }
    case 'reconnect':
      return ok;
  }
}

async function open(u: TestUser, roomId: string): Promise<View> {
  const spy = await SpySocket.open(s, u.token, undefined);
  const room = await subscribe(spy, roomId, null);
  const history = await api<RoomMessagePage>(s, u, 'GET', `/v1/rooms/${roomId}/messages?limit=200`);
  // Live events may arrive while the history loads: consume from just after the ack.
  const consumed = spy.frames.findIndex((f) => f.type === 'ack') + 1;
  const v: View = { spy, lastSeq: room.seq, stage: new Map(), hostId: null, chat: { enabled: false, mode: 'open' }, messages: new Map(), consumed };
  applySnapshot(v, room);
  for (const msg of history.body.messages) v.messages.set(msg.id, msg.deleted);
  return v;
}

function applySnapshot(v: View, room: Room): void {
  v.stage = new Map(room.stage.map((p) => [p.user.id, p.role]));
  v.hostId = room.hostId;
  v.chat = { enabled: room.chat.enabled, mode: room.chat.mode };
}

/** Applies the frames this view has not consumed yet (room events in seq order, each once). */
function consume(v: View, roomId: string): void {
  for (const f of v.spy.frames.slice(v.consumed)) {
    if (!('roomId' in f) || f.roomId !== roomId || !('seq' in f)) continue;
    expect(f.seq, 'room events arrive in seq order, each once').toBeGreaterThan(v.lastSeq);
    v.lastSeq = f.seq;
    const d = f.data as Record<string, unknown>;
    if (f.type === 'room.stage_changed') {
      const { user, role } = d as { user: { id: string }; role: RoomRole | null };
      if (role === null || role === 'listener') v.stage.delete(user.id);
      else v.stage.set(user.id, role);
    } else if (f.type === 'room.updated') {
      const u = d as { hostId: string | null; chat: { enabled: boolean; mode: ChatMode } };
      v.hostId = u.hostId;
      v.chat = { enabled: u.chat.enabled, mode: u.chat.mode };
    } else if (f.type === 'room.message_created') {
      v.messages.set((d.message as { id: string }).id, null);
    } else if (f.type === 'room.message_deleted') {
      v.messages.set(d.messageId as string, d.by as 'author' | 'moderator');
    }
  }
  v.consumed = v.spy.frames.length;
}

async function reconnect(v: View, u: TestUser, roomId: string): Promise<void> {
  consume(v, roomId);
  v.spy.close();
  await v.spy.waitClosed();
  const spy = await SpySocket.open(s, u.token, undefined);
  Object.assign(v, { spy, consumed: 0 });
  await subscribe(spy, roomId, v.lastSeq);
}

async function run(cmds: Cmd[]): Promise<void> {
  const users = await people(s, 4);
  const room = (await api<{ room: Room }>(s, users[0]!, 'POST', '/v1/rooms', { title: 'model' })).body.room;
  const m: Model = {
    people: users.map((_, i) => ({ present: i === 0, role: i === 0 ? 'host' : 'listener', hand: false, invited: false, removed: false, joined: clock.now(), known: i === 0 })),
    hostId: 0,
    chat: { enabled: true, mode: 'open' },
    messages: [],
  };
  const views = new Map<number, View>([[0, await open(users[0]!, room.id)]]);
  const id = (i: number) => users[i]!.id;
  const path = (p = '') => `/v1/rooms/${room.id}${p}`;
  try {
    for (const c of cmds) {
      clock.advance(1000);
      const wasPresent = m.people.map((p) => p.present);
      const expected = predict(m, c, clock.now());
      if (expected === 'skip') continue;
      const actor = users[c.actor]!;
      const calls: Record<Kind, () => Promise<{ status: number; body: { code?: string; message?: { id: string } } }>> = {
        join: () => api(s, actor, 'POST', path('/join')),
        leave: () => api(s, actor, 'POST', path('/leave')),
        hand: () => api(s, actor, 'POST', path('/hand'), { raised: c.flag }),
        invite: () => api(s, actor, 'POST', path(`/people/${id(c.target)}/invite`)),
        accept: () => api(s, actor, 'POST', path('/speak')),
        down: () => api(s, actor, 'POST', path(`/people/${id(c.target)}/audience`)),
        mod: () => api(s, actor, 'PUT', path(`/moderators/${id(c.target)}`)),
        unmod: () => api(s, actor, 'DELETE', path(`/moderators/${id(c.target)}`)),
        remove: () => api(s, actor, 'POST', path(`/people/${id(c.target)}/remove`)),
        chat: () => api(s, actor, 'PATCH', path('/chat'), m.chat),
        send: () => api(s, actor, 'POST', path('/messages'), { clientMessageId: cmid(), text: c.flag ? '👍' : 'hello there' }),
        delete: () => api(s, actor, 'DELETE', path(`/messages/${m.messages[c.target % Math.max(1, m.messages.length)]?.id ?? 'nomessage'}`)),
        reconnect: async () => {
          const v = views.get(c.actor);
          if (v) await reconnect(v, actor, room.id);
          return { status: 200, body: {} };
        },
      };
      const res = await calls[c.kind]();
      expect(res.status === 200 ? ok : res.body.code, `${c.kind} by ${c.actor} on ${c.target}`).toBe(expected);
      if (c.kind === 'send' && res.status === 200) m.messages.push({ id: res.body.message!.id, sender: c.actor, deleted: null });
      // Clients follow presence: a person who came in subscribes, one who went away closes the socket.
      for (const [i, p] of m.people.entries()) {
        if (p.present && !wasPresent[i]) views.set(i, await open(users[i]!, room.id));
        if (!p.present && wasPresent[i]) {
          views.get(i)?.spy.close();
          views.delete(i);
        }
      }
    }
    const stage = new Map(m.people.flatMap((p, i) => (p.present && p.role !== 'listener' ? [[id(i), p.role] as const] : [])));
    const chat = new Map(m.messages.map((x) => [x.id, x.deleted]));
    for (const [i, v] of views) {
      await v.spy.settle();
      consume(v, room.id);
      expect({ who: i, stage: v.stage, hostId: v.hostId, chat: v.chat, messages: v.messages }).toEqual({ who: i, stage, hostId: id(m.hostId), chat: m.chat, messages: chat });
    }
    const truth = (await api<{ room: Room }>(s, users[m.hostId]!, 'GET', path())).body.room;
    expect(new Map(truth.stage.map((p) => [p.user.id, p.role]))).toEqual(stage);
    expect([truth.speakerCount, truth.listenerCount]).toEqual([stage.size, m.people.filter((p) => p.present && p.role === 'listener').length]);
  } finally {
    for (const v of views.values()) v.spy.close();
  }
}

it('every client view of a room converges with the model', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cmdArb, { minLength: 15, maxLength: 30 }), (cmds) =>
      // Everyone comes in first, so most steps act on a full room.
      run([1, 2, 3].map((i): Cmd => ({ kind: 'join', actor: i, target: i, flag: false, mode: 'open' })).concat(cmds)),
    ),
    { numRuns: 20, endOnFailure: true },
  );
}, 120_000);
