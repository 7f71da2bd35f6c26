import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Room, RoomEvent, ServerFrame } from '@backchannel/protocol';
import { BackchannelError } from './errors.js';
import { fakeWebSocketClass, json, queuedFetch } from './fakes.testkit.js';
import { BackchannelClient } from './client.js';
import { RoomFeed, type RoomOps } from './roomFeed.js';
import { BackchannelSocket } from './socket.js';

const room = (seq: number, overrides: Partial<Room> = {}): Room => ({
  id: 'r1',
  title: 'Hi',
  description: '',
  visibility: 'open',
  status: 'live',
  hostId: 'u1',
  createdAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  seq,
  stage: [],
  speakerCount: 1,
  listenerCount: 0,
  chat: { enabled: true, mode: 'open', slowSeconds: 10 },
  me: { role: 'listener', handRaised: false, invitedToSpeak: false, chatMutedUntil: null },
  ...overrides,
});
const deleted = (seq: number): RoomEvent => ({ type: 'room.message_deleted', roomId: 'r1', seq, data: { messageId: `m${seq}`, by: 'author' } });

/** A feed over scripted answers to `room.subscribe`. */
function feedWith(answers: Array<() => Promise<unknown>>) {
  const frames: Array<Record<string, unknown>> = [];
  const ops: RoomOps = {
    request: <T>(frame: Record<string, unknown>) => {
      frames.push(frame);
      return answers.shift()!() as Promise<T>;
    },
  };
  const seen: string[] = [];
  const lost: string[] = [];
  const feed = new RoomFeed(() => ops, {
    event: (e) => void seen.push(`${e.type}:${e.seq}`),
    counts: (e) => void seen.push(`counts:${e.data.listenerCount}`),
    subscribed: (r) => void seen.push(`subscribed:${r.seq}`),
    resync: async () => room(40),
    lost: (id, e) => void lost.push(`${id}:${e.code}`),
  });
  return { feed, frames, seen, lost };
}

describe('RoomFeed', () => {
  it('delivers each seq once and in order, and resumes every room from the last seq after a reconnect', async () => {
    const t = feedWith([async () => ({ room: room(5) }), async () => ({ room: room(9) })]);
    await t.feed.subscribe('r1', 3);
    for (const seq of [4, 6, 6, 5, 8]) t.feed.receive(deleted(seq));
    t.feed.receive({ type: 'room.counts', roomId: 'r1', data: { speakerCount: 1, listenerCount: 7, speakingIds: [] } });
    t.feed.receive({ ...deleted(9), roomId: 'other' });
    t.feed.resume();
    await vi.waitFor(() => expect(t.seen).toContain('subscribed:9'));
    expect(t.seen).toEqual(['subscribed:5', 'room.message_deleted:6', 'room.message_deleted:8', 'counts:7', 'subscribed:9']);
    expect(t.frames).toEqual([
      { op: 'room.subscribe', roomId: 'r1', afterSeq: 3 },
      { op: 'room.subscribe', roomId: 'r1', afterSeq: 8 },
    ]);
  });

  it('reloads and subscribes from the fresh seq when too far behind, and gives up on a refusal', async () => {
    const t = feedWith([
      () => Promise.reject(new BackchannelError('resume_failed', 'too far')),
      async () => ({ room: room(40) }),
      () => Promise.reject(new BackchannelError('not_in_room', 'Join first')),
    ]);
    await t.feed.subscribe('r1', 1);
    expect(t.frames.map((f) => f['afterSeq'])).toEqual([1, 40]);
    t.feed.resume();
    await vi.waitFor(() => expect(t.lost).toEqual(['r1:not_in_room']));
    expect(t.feed.isSubscribed('r1')).toBe(false);
    t.feed.receive(deleted(41));
    expect(t.seen).toEqual(['subscribed:40']);
  });

  it('keeps a room whose subscribe failed on the connection, for the next resume', async () => {
    const t = feedWith([() => Promise.reject(new BackchannelError('network_error', 'closed'))]);
    expect(await t.feed.subscribe('r1', 2)).toBeNull();
    expect(t.feed.isSubscribed('r1')).toBe(true);
    expect(t.lost).toEqual([]);
  });
});

describe('BackchannelSocket.request', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  async function ready() {
    const server = fakeWebSocketClass();
    const socket = new BackchannelSocket(
      { baseUrl: 'https://chat.example', getToken: () => 'tok', syncHead: async () => ({ cursor: 'p0' }), socketTicket: () => Promise.reject(new Error('header mode')) },
      { WebSocket: server.Ctor, random: () => 0.5, cursorStore: { load: () => null, save: () => {} } },
    );
    await expect(socket.request({ op: 'room.hand', roomId: 'r1', raised: true })).rejects.toMatchObject({ code: 'network_error' });
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    const ws = server.last();
    ws.hello();
    ws.push({ type: 'ready', cursor: 'p0', replayed: 0 });
    return { socket, ws };
  }
  const lastId = (ws: { sent: unknown[] }) => (ws.sent.at(-1) as { id: string }).id;

  it('resolves with the ack of its id and rejects with the error frame of its id', async () => {
    const { socket, ws } = await ready();
    const ok = socket.request<{ room: Room }>({ op: 'room.subscribe', roomId: 'r1', afterSeq: null });
    ws.push({ type: 'ack', id: lastId(ws), data: { room: room(3) } } as ServerFrame);
    expect((await ok).room.seq).toBe(3);
    const refused = socket.request({ op: 'room.message.send', roomId: 'r1', clientMessageId: 'c1', text: 'hi' });
    ws.push({ type: 'error', id: lastId(ws), code: 'room_slow_mode', message: 'Slow mode', details: { slowSeconds: 30, retryAfterMs: 12_000 } } as ServerFrame);
    await expect(refused).rejects.toMatchObject({ code: 'room_slow_mode', retryAfterMs: 12_000 });
  });

  it('rejects what is still open with network_error when the connection drops', async () => {
    const { socket, ws } = await ready();
    const open = socket.request({ op: 'room.subscribe', roomId: 'r1', afterSeq: 2 });
    ws.drop(1006);
    await expect(open).rejects.toMatchObject({ code: 'network_error' });
    socket.close();
  });
});

describe('client.rooms', () => {
  it('calls the room routes with encoded ids and unwraps the envelopes', async () => {
    const { fetch, requests } = queuedFetch([json(200, { room: room(1) }), json(200, { ok: true }), json(200, { messages: [], hasMore: false })]);
    const client = new BackchannelClient({ baseUrl: 'https://chat.example', token: 't', fetch });
    expect((await client.rooms.join('r/1')).seq).toBe(1);
    await client.rooms.mute('r1', 'u2', null);
    await client.rooms.history('r1', { before: 9 });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://chat.example/v1/rooms/r%2F1/join',
      'PUT https://chat.example/v1/rooms/r1/mutes/u2',
      'GET https://chat.example/v1/rooms/r1/messages?before=9',
    ]);
    expect(requests[1]!.body).toEqual({ minutes: null });
  });
});
