import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { EventOf, SyncHead } from '@backchannel/protocol';
import { BackchannelError } from './errors.js';
import type { LifecycleEventMap } from './events.js';
import { created, fakeWebSocketClass, message } from './fakes.testkit.js';
import type { OutboxEntry } from './outbox.js';
import { BackchannelSocket } from './socket.js';
import type { CursorStore, SocketDeps, SocketOptions } from './socketOptions.js';

/** Shared setup: a socket over a fake WebSocket, a fixed random (0.5) and vitest's fake clock. */
function setup(opts: SocketOptions & { syncHead?: () => Promise<SyncHead>; socketTicket?: SocketDeps['socketTicket'] } = {}) {
  const server = fakeWebSocketClass();
  const saved: string[] = [];
  const store: CursorStore = opts.cursorStore ?? { load: () => null, save: (c) => void saved.push(c) };
  const socket = new BackchannelSocket(
    {
      baseUrl: 'https://chat.example/',
      getToken: () => 'tok',
      syncHead: opts.syncHead ?? (() => Promise.resolve({ cursor: 'p0' })),
      socketTicket: opts.socketTicket ?? (() => Promise.reject(new Error('no tickets in header mode'))),
    },
    { WebSocket: server.Ctor, random: () => 0.5, cursorStore: store, ...opts },
  );
  const lifecycle: Array<[keyof LifecycleEventMap, unknown]> = [];
  for (const name of ['connected', 'ready', 'disconnected', 'resync', 'unauthorized', 'error'] as const) {
    socket.on(name, (e) => void lifecycle.push([name, e]));
  }
  const outbox: OutboxEntry[] = [];
  socket.on('outbox', (e) => void outbox.push(e));
  const delivered: string[] = [];
  socket.on('message.created', (e) => void delivered.push(e.pos));
  return { server, socket, saved, lifecycle, outbox, delivered };
}

/** Connects and completes the handshake: hello → resume → ready. */
async function connectReady(t: ReturnType<typeof setup>, readyCursor = 'p0') {
  t.socket.connect();
  await vi.advanceTimersByTimeAsync(0); // cursor load is async
  const ws = t.server.last();
  ws.hello();
  ws.push({ type: 'ready', cursor: readyCursor, replayed: 0 });
  return ws;
}

const disconnects = (t: ReturnType<typeof setup>) =>
  t.lifecycle.filter(([n]) => n === 'disconnected').map(([, e]) => e as LifecycleEventMap['disconnected']);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connect and resume', () => {
  it('dials ws(s) with the token in a header, resumes from the stored cursor and reports ready', async () => {
    const t = setup({ cursorStore: { load: async () => 'p17', save: () => {} } });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    const ws = t.server.last();
    expect(ws.url).toBe('wss://chat.example/v1/socket');
    expect(ws.options).toEqual({ headers: { authorization: 'Bearer tok' } });
    ws.hello();
    expect(ws.ops('resume')).toEqual([{ op: 'resume', cursor: 'p17' }]);
    ws.push({ type: 'ready', cursor: 'p20', replayed: 3 });
    expect(t.socket.phase).toBe('ready');
    expect(t.socket.cursor).toBe('p20');
    expect(t.lifecycle.map(([n]) => n)).toEqual(['connected', 'ready']);
  });

  it('resumes with null on a first connect, then adopts the cursor from ready', async () => {
    const t = setup();
    const ws = await connectReady(t, 'p9');
    expect(ws.ops('resume')).toEqual([{ op: 'resume', cursor: null }]);
    expect(t.socket.cursor).toBe('p9');
    expect(t.saved).toEqual(['p9']);
  });

  it('in ticket mode (browsers) fetches a fresh ticket before every dial and never puts the token in the URL', async () => {
    let n = 0;
    const t = setup({ authHeader: false, socketTicket: () => Promise.resolve({ ticket: `tk${++n}`, expiresInMs: 30_000 }) });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.server.last().url).toBe('wss://chat.example/v1/socket?ticket=tk1');
    expect(t.server.last().options).toBeUndefined();
    t.server.last().drop(1006);
    await vi.advanceTimersByTimeAsync(disconnects(t)[0]!.retryInMs!);
    expect(t.server.sockets.map((w) => w.url)).toEqual(['wss://chat.example/v1/socket?ticket=tk1', 'wss://chat.example/v1/socket?ticket=tk2']);
    expect(t.server.sockets.some((w) => w.url.includes('tok'))).toBe(false);
  });

  it('in ticket mode stops when the server refuses a ticket for the session, and backs off on other failures', async () => {
    const answers: Array<() => Promise<{ ticket: string; expiresInMs: number }>> = [
      () => Promise.reject(new Error('network down')),
      () => Promise.reject(new BackchannelError('unauthorized', 'Log in first.', { status: 401 })),
    ];
    const t = setup({ authHeader: false, socketTicket: () => answers.shift()!() });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(disconnects(t)).toEqual([{ code: 1006, reason: 'socket ticket request failed', willReconnect: true, retryInMs: 250 }]);
    await vi.advanceTimersByTimeAsync(250);
    expect(t.server.sockets).toHaveLength(0);
    expect(t.socket.phase).toBe('stopped');
    expect(t.lifecycle.at(-1)).toEqual(['unauthorized', { code: 4001, reason: 'socket ticket refused: the session ended' }]);
  });

  it('drops a ticket that arrives after close()', async () => {
    let give: (v: { ticket: string; expiresInMs: number }) => void = () => {};
    const t = setup({ authHeader: false, socketTicket: () => new Promise((r) => (give = r)) });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    t.socket.close();
    give({ ticket: 'late', expiresInMs: 30_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.server.sockets).toHaveLength(0);
  });
});

describe('durable events', () => {
  it('delivers each pos token once, in the order the server sent them, and persists the cursor', async () => {
    const t = setup();
    const ws = await connectReady(t, 'h0');
    for (const n of [5, 6, 6, 4, 7, 5]) ws.push(created(n));
    expect(t.delivered).toEqual(['p5', 'p6', 'p4', 'p7']);
    expect(t.socket.cursor).toBe('p7');
    expect(t.saved).toEqual(['h0', 'p5', 'p6', 'p4', 'p7']);
  });

  it('ignores a stored numeric cursor of an older SDK and resumes from now', async () => {
    const t = setup({ cursorStore: { load: async () => 17 as unknown as string, save: () => {} } });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    t.server.last().hello();
    expect(t.server.last().ops('resume')).toEqual([{ op: 'resume', cursor: null }]);
  });

  it('delivers every durable type to its typed handler and typing separately', async () => {
    const t = setup();
    const seen: string[] = [];
    t.socket.on('conversation.left', (e) => void seen.push(`left:${e.data.conversationId}`));
    t.socket.on('read.updated', (e) => void seen.push(`read:${e.data.seq}`));
    t.socket.on('typing', (e) => void seen.push(`typing:${e.data.userId}`));
    const ws = await connectReady(t);
    ws.push({ type: 'conversation.left', pos: 'p1', data: { conversationId: 'c9' } });
    ws.push({ type: 'typing', data: { conversationId: 'c1', userId: 'u2' } });
    ws.push({ type: 'read.updated', pos: 'p2', data: { conversationId: 'c1', userId: 'u2', seq: 3 } });
    expect(seen).toEqual(['left:c9', 'typing:u2', 'read:3']);
  });
});

describe('reconnect', () => {
  it('reconnects after full-jitter backoff and resumes from the last delivered pos, deduplicating the replay', async () => {
    const t = setup({ reconnectBackoff: { baseMs: 1000, maxMs: 60_000 } });
    const first = await connectReady(t, 0);
    first.push(created(1));
    first.push(created(2));
    first.drop(1001, 'going away');
    // random 0.5 × ceiling 1000 (attempt 0)
    expect(disconnects(t)).toEqual([{ code: 1001, reason: 'going away', willReconnect: true, retryInMs: 500 }]);
    await vi.advanceTimersByTimeAsync(499);
    expect(t.server.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const second = t.server.last();
    second.hello();
    expect(second.ops('resume')).toEqual([{ op: 'resume', cursor: 'p2' }]);
    second.push(created(2)); // the server may overlap its replay with what we saw
    second.push(created(3));
    second.push({ type: 'ready', cursor: 'p3', replayed: 2 });
    expect(t.delivered).toEqual(['p1', 'p2', 'p3']);
  });

  it('grows the backoff window while attempts keep failing, and resets it once ready', async () => {
    const t = setup({ reconnectBackoff: { baseMs: 1000, maxMs: 3000 } });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 4; i++) {
      t.server.last().drop(1006);
      await vi.advanceTimersByTimeAsync(disconnects(t)[i]!.retryInMs!);
    }
    expect(disconnects(t).map((d) => d.retryInMs)).toEqual([500, 1000, 1500, 1500]);
    t.server.last().hello();
    t.server.last().push({ type: 'ready', cursor: 'p0', replayed: 0 });
    t.server.last().drop(4009, 'slow consumer');
    expect(disconnects(t)[4]).toMatchObject({ code: 4009, willReconnect: true, retryInMs: 500 });
  });

  it('stops on 4001 (session revoked) and reports unauthorized', async () => {
    const t = setup();
    const ws = await connectReady(t);
    ws.drop(4001, 'revoked');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.server.sockets).toHaveLength(1);
    expect(t.socket.phase).toBe('stopped');
    expect(t.lifecycle.slice(-2)).toEqual([
      ['disconnected', { code: 4001, reason: 'revoked', willReconnect: false, retryInMs: null }],
      ['unauthorized', { code: 4001, reason: 'revoked' }],
    ]);
  });

  it('waits at least the delay named by a 4008 close before coming back', async () => {
    const t = setup();
    const ws = await connectReady(t);
    ws.drop(4008, 'rate limited; retry after 5000 ms');
    expect(disconnects(t)[0]!.retryInMs).toBe(5000 + 250);
  });

  it('stays closed after 4011, so devices do not evict each other in a loop', async () => {
    const t = setup();
    const ws = await connectReady(t);
    ws.drop(4011, 'too many sockets for this user');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.server.sockets).toHaveLength(1);
    expect(disconnects(t)).toEqual([{ code: 4011, reason: 'too many sockets for this user', willReconnect: false, retryInMs: null }]);
    t.socket.connect(); // the app may offer "use here"
    await vi.advanceTimersByTimeAsync(0);
    expect(t.server.sockets).toHaveLength(2);
  });

  it('does not reconnect after close()', async () => {
    const t = setup();
    const ws = await connectReady(t);
    t.socket.close();
    expect(ws.closedWith).toEqual({ code: 1000, reason: 'client closed' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.server.sockets).toHaveLength(1);
    expect(disconnects(t)).toEqual([{ code: 1000, reason: 'client closed', willReconnect: false, retryInMs: null }]);
  });
});

describe('heartbeat', () => {
  it('pings at half the server interval and reconnects after silence', async () => {
    const t = setup();
    const ws = await connectReady(t); // hello said heartbeatMs 30 000 → ping every 15 s, dead after 45 s
    await vi.advanceTimersByTimeAsync(15_000);
    expect(ws.ops('ping')).toHaveLength(1);
    ws.push({ type: 'ack', id: ws.ops('ping')[0]!.id!, data: { ok: true } });
    await vi.advanceTimersByTimeAsync(44_999);
    expect(ws.closedWith).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.closedWith).toEqual({ code: 4010, reason: 'heartbeat timeout' });
    expect(disconnects(t)[0]).toMatchObject({ code: 4010, willReconnect: true });
  });

  it('gives up on a dial that never says hello', async () => {
    const t = setup({ connectTimeoutMs: 2000 });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.server.sockets[0]!.closedWith?.code).toBe(4010);
  });
});

describe('resume_failed', () => {
  it('re-syncs over HTTP, lets the app reload, then resumes from the fresh cursor', async () => {
    let reloaded = false;
    const t = setup({ syncHead: () => Promise.resolve({ cursor: 'p42' }) });
    t.socket.on('resync', async () => {
      await Promise.resolve();
      reloaded = true;
    });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    const ws = t.server.last();
    ws.hello();
    ws.push({ type: 'resume_failed', reason: 'too_far_behind', cursor: 'p3' });
    await vi.advanceTimersByTimeAsync(0);
    expect(reloaded).toBe(true);
    expect(t.lifecycle.filter(([n]) => n === 'resync')).toEqual([['resync', { cursor: 'p42', reason: 'too_far_behind' }]]);
    expect(ws.ops('resume')).toEqual([
      { op: 'resume', cursor: null },
      { op: 'resume', cursor: 'p42' },
    ]);
    expect(t.saved).toEqual(['p42']);
    ws.push({ type: 'ready', cursor: 'p42', replayed: 0 });
    ws.push(created(43));
    expect(t.delivered).toEqual(['p43']);
  });

  it('stops as unauthorized when the re-sync gets a 401', async () => {
    const t = setup({ syncHead: () => Promise.reject(new BackchannelError('unauthorized', 'revoked', { status: 401 })) });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    t.server.last().hello();
    t.server.last().push({ type: 'resume_failed', reason: 'cursor_from_future', cursor: 'p0' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.socket.phase).toBe('stopped');
    expect(t.lifecycle.map(([n]) => n)).toContain('unauthorized');
    expect(t.server.sockets).toHaveLength(1);
  });
});

describe('optimistic sends', () => {
  const sent = message(1, { senderId: 'me', clientMessageId: 'cm-1' });

  it('queues while disconnected, sends once ready, and settles on ack', async () => {
    const t = setup();
    const pending = t.socket.send('c1', 'hi', { clientMessageId: 'cm-1' });
    expect(pending).toMatchObject({ clientMessageId: 'cm-1', status: 'pending', attempts: 0 });
    const settled = t.socket.whenSettled('cm-1');
    const ws = await connectReady(t);
    const [op] = ws.ops('message.send');
    expect(op).toMatchObject({ conversationId: 'c1', clientMessageId: 'cm-1', text: 'hi' });
    ws.push({ type: 'ack', id: op!.id, data: { message: sent } });
    await expect(settled).resolves.toMatchObject({ status: 'sent', message: sent });
    expect(t.outbox.map((e) => e.status)).toEqual(['pending', 'sent']);
    expect(t.socket.pendingSends()).toEqual([]);
  });

  it('generates distinct random clientMessageIds', () => {
    const t = setup();
    const a = t.socket.send('c1', 'a');
    const b = t.socket.send('c1', 'b');
    expect(a.clientMessageId).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    expect(a.clientMessageId).not.toBe(b.clientMessageId);
  });

  it('re-sends with the same clientMessageId after a disconnect lost the answer', async () => {
    const t = setup();
    const first = await connectReady(t);
    t.socket.send('c1', 'hi', { clientMessageId: 'cm-1' });
    expect(first.ops('message.send')).toHaveLength(1);
    first.drop(1006);
    await vi.advanceTimersByTimeAsync(disconnects(t)[0]!.retryInMs!);
    const second = t.server.last();
    second.hello();
    expect(second.ops('message.send')).toHaveLength(0); // not before caught up
    second.push({ type: 'ready', cursor: 'p0', replayed: 0 });
    const [retry] = second.ops('message.send');
    expect(retry).toMatchObject({ clientMessageId: 'cm-1', text: 'hi' });
    // The echo of our own message settles it even if the ack never comes.
    second.push(created(1, sent));
    expect(t.outbox.at(-1)).toMatchObject({ status: 'sent', attempts: 2 });
    second.push({ type: 'ack', id: retry!.id, data: { message: sent } });
    expect(t.outbox.filter((e) => e.status === 'sent')).toHaveLength(1);
  });

  it('retries after unavailable/outcome_unknown, honouring retryAfterMs, with the same id', async () => {
    const t = setup({ sendBackoff: { baseMs: 100, maxMs: 1000 } });
    const ws = await connectReady(t);
    t.socket.send('c1', 'hi', { clientMessageId: 'cm-1' });
    const [op] = ws.ops('message.send');
    ws.push({ type: 'error', id: op!.id, code: 'outcome_unknown', message: 'db dropped', details: { retryAfterMs: 300 } });
    await vi.advanceTimersByTimeAsync(300 + 50 - 1); // retryAfter + 0.5 × 100
    expect(ws.ops('message.send')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const ops = ws.ops('message.send');
    expect(ops.map((o) => o.clientMessageId)).toEqual(['cm-1', 'cm-1']);
    expect(ops[1]!.id).not.toBe(ops[0]!.id);
    expect(t.outbox.map((e) => e.status)).toEqual(['pending']);
  });

  it('fails on a definite error, and retry() re-sends with the same id', async () => {
    const t = setup();
    const ws = await connectReady(t);
    t.socket.send('c1', 'hi', { clientMessageId: 'cm-1' });
    ws.push({ type: 'error', id: ws.ops('message.send')[0]!.id, code: 'cannot_message', message: 'no' });
    const failed = t.outbox.at(-1)!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('cannot_message');
    await vi.advanceTimersByTimeAsync(20_000); // well past any send backoff, within the heartbeat window
    expect(ws.ops('message.send')).toHaveLength(1); // no automatic retry of a definite failure
    expect(t.socket.retry('cm-1')).toMatchObject({ status: 'pending', error: null });
    expect(ws.ops('message.send').map((o) => o.clientMessageId)).toEqual(['cm-1', 'cm-1']);
  });
});

describe('read marks and typing', () => {
  it('keeps only the highest read mark while offline and drops typing', async () => {
    const t = setup();
    t.socket.markRead('c1', 5);
    t.socket.markRead('c1', 3);
    t.socket.typing('c1');
    const ws = await connectReady(t);
    expect(ws.ops('read.mark')).toEqual([{ op: 'read.mark', conversationId: 'c1', seq: 5 }]);
    expect(ws.ops('typing')).toEqual([]);
    t.socket.typing('c1');
    expect(ws.ops('typing')).toEqual([{ op: 'typing', conversationId: 'c1' }]);
  });
});

describe('handler types (checked by `tsc -p packages/sdk/tsconfig.test.json`)', () => {
  it('derives each handler payload from the protocol union', () => {
    const t = setup();
    t.socket.on('conversation.joined', (e) => {
      expectTypeOf(e).toEqualTypeOf<EventOf<'conversation.joined'>>();
    });
    t.socket.on('disconnected', (e) => {
      expectTypeOf(e.willReconnect).toEqualTypeOf<boolean>();
    });
    // @ts-expect-error -- not an event the server sends
    t.socket.on('message.deleted', () => {});
  });
});
