/**
 * The socket gateway against a real server: upgrade checks, resume and exactly-once replay, live
 * delivery, the caught-up marker, and every bad frame of RELIABILITY.md.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, type DurableEvent } from '@backchannel/protocol';
import { signupUser, SpySocket, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

let server: TestServer;
let ada: TestUser;
let bob: TestUser;
let conversationId: string;

beforeAll(async () => {
  server = await startTestServer({ maxFrameBytes: 4096, resumeMaxEvents: 100, socketOpsPerMinute: 600 });
  [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
  await Promise.all([ada.client.follow(bob.id), bob.client.follow(ada.id)]);
  conversationId = (await ada.client.openDirect(bob.id)).id;
});
afterAll(() => server.close());

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => (ws.close(), resolve(101)));
    ws.once('error', reject);
  });
}

const messages = (events: DurableEvent[]) => events.filter((e) => e.type === 'message.created').map((e) => (e.type === 'message.created' ? e.data.message.text : ''));

describe('upgrade', () => {
  it('refuses a missing or wrong token with 401 and a foreign Origin with 403', async () => {
    const auth = { authorization: `Bearer ${ada.token}` };
    expect(await upgradeStatus(`${server.wsUrl}/v1/socket`)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/v1/socket`, { authorization: 'Bearer nope' })).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/v1/socket`, { ...auth, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${server.wsUrl}/v1/socket`, { ...auth, origin: server.url })).toBe(101);
    expect(await upgradeStatus(`${server.wsUrl}/v1/socket`, auth)).toBe(101);
  });
});

describe('delivery', () => {
  it('delivers live, replays exactly once on resume, and marks caught up', async () => {
    const live = await SpySocket.open(server, bob.token, null);
    await ada.client.sendMessage(conversationId, { clientMessageId: 'live-1', text: 'one' });
    await live.waitFor((f) => f.type === 'message.created' && f.data.message.text === 'one');
    const cursor = live.events().at(-1)!.pos;
    live.close();
    await ada.client.sendMessage(conversationId, { clientMessageId: 'live-2', text: 'two' });
    await ada.client.sendMessage(conversationId, { clientMessageId: 'live-3', text: 'three' });
    const back = await SpySocket.open(server, bob.token, cursor);
    const ready = back.frames.find((f) => f.type === 'ready');
    expect(ready).toMatchObject({ type: 'ready', replayed: 2 });
    expect(messages(back.events())).toEqual(['two', 'three']);
    await ada.client.sendMessage(conversationId, { clientMessageId: 'live-4', text: 'four' });
    await back.waitFor((f) => f.type === 'message.created' && f.data.message.text === 'four');
    await back.settle();
    expect(messages(back.events())).toEqual(['two', 'three', 'four']);
    const positions = back.events().map((e) => e.pos);
    expect(new Set(positions).size).toBe(positions.length);
    back.close();
  });

  it('sends over the socket with an ack only after commit, idempotently', async () => {
    const s = await SpySocket.open(server, ada.token, null);
    s.send({ op: 'message.send', id: 'r1', conversationId, clientMessageId: 'sock-1', text: 'via socket' });
    const ack = await s.waitFor((f) => f.type === 'ack' && f.id === 'r1');
    s.send({ op: 'message.send', id: 'r2', conversationId, clientMessageId: 'sock-1', text: 'retry' });
    const again = await s.waitFor((f) => f.type === 'ack' && f.id === 'r2');
    expect(again.type === 'ack' && again.data).toEqual(ack.type === 'ack' && ack.data);
    const hist = await bob.client.history(conversationId, { limit: 1 });
    expect(hist.messages[0]!.text).toBe('via socket');
    s.close();
  });

  it('answers a cursor from the future and one beyond the resume window with resume_failed', async () => {
    const future = await SpySocket.open(server, bob.token, server.deps.cursors.forEvent(10_000_000));
    expect(future.frames.find((f) => f.type === 'resume_failed')).toMatchObject({ reason: 'cursor_from_future' });
    future.close();
    const c = await signupUser(server);
    await c.client.follow(ada.id);
    const conv = await ada.client.openDirect(c.id);
    for (let i = 0; i < 110; i++) await ada.client.sendMessage(conv.id, { clientMessageId: `w${i}`, text: `w${i}` });
    const behind = await SpySocket.open(server, c.token, server.deps.cursors.forHead(0));
    expect(behind.frames.find((f) => f.type === 'resume_failed')).toMatchObject({ reason: 'too_far_behind' });
    // The answer comes first: not one page of the backlog is replayed before it.
    expect(behind.frames.map((f) => f.type)).toEqual(['hello', 'resume_failed']);
    behind.close();
  });

  it('closes the sockets of a logged-out session with 4001', async () => {
    const u = await signupUser(server);
    const s = await SpySocket.open(server, u.token, null);
    await u.client.logout();
    expect(await s.waitClosed()).toBe(CLOSE_CODES.unauthorized);
  });
});

describe('bad frames', () => {
  it('answers bad JSON and bad shapes with an error naming the field, and keeps the socket', async () => {
    const s = await SpySocket.open(server, ada.token, null);
    const cases: Array<[string, string, string?]> = [
      ['not json', 'bad_json'],
      ['{"op":"ping","id":"x","n":1e400}', 'bad_json'],
      ['{"op":"ping","id":"\\ud800"}', 'bad_json'],
      [`{"op":"ping","deep":${'['.repeat(20)}${']'.repeat(20)}}`, 'bad_json'],
      ['{"op":"ping","big":12345678901234567890}', 'bad_json'],
      ['[1,2,3]', 'bad_request', 'op'],
      ['{"op":"explode"}', 'bad_request', 'op'],
      ['{"op":"message.send","id":"q","conversationId":"c"}', 'bad_request', 'clientMessageId'],
      ['{"op":"message.send","id":"q","conversationId":"c","clientMessageId":"x","text":"t","extra":1}', 'bad_request'],
      ['{"op":"read.mark","conversationId":"c","seq":"1"}', 'bad_request', 'seq'],
      ['{"op":"resume","cursor":-1}', 'bad_request', 'cursor'],
      ['{"op":"auth","token":"x"}', 'already_authenticated'],
    ];
    for (const [frame, code, field] of cases) {
      const before = s.frames.length;
      s.send(frame);
      const err = await s.waitFor((f) => s.frames.indexOf(f) >= before && f.type === 'error');
      expect(err, frame).toMatchObject({ type: 'error', code });
      if (field && err.type === 'error') expect(err.details?.field, frame).toBe(field);
    }
    s.send({ op: 'message.send', id: 'nf', conversationId: 'no-such-conversation', clientMessageId: 'x', text: 'hi' });
    expect(await s.waitFor((f) => f.type === 'error' && f.id === 'nf')).toMatchObject({ code: 'not_found' });
    await s.settle();
    s.close();
  });

  it('echoes the op id on bad_json whenever the frame still names one', async () => {
    const s = await SpySocket.open(server, ada.token, null);
    const cases: Array<[string, string | undefined]> = [
      [`{"op":"message.send","id":"s1","conversationId":"${conversationId}","clientMessageId":"x","text":"a\\ud800b"}`, 's1'],
      ['{"op":"ping","id":"n1","n":1e400}', 'n1'],
      [`{"op":"ping","id":"d1","deep":${'['.repeat(20)}${']'.repeat(20)}}`, 'd1'],
      ['{"op":"ping","id":"\\ud800"}', undefined],
      ['{"op":"ping","id":"t1"', undefined],
    ];
    for (const [frame, id] of cases) {
      const before = s.frames.length;
      s.send(frame);
      const err = await s.waitFor((f) => s.frames.indexOf(f) >= before && f.type === 'error');
      expect(err, frame).toMatchObject({ type: 'error', code: 'bad_json' });
      expect(err.type === 'error' ? err.id : 'not an error', frame).toBe(id);
    }
    s.close();
  });

  it('closes with 1009 on an oversized frame and 1003 on a binary frame', async () => {
    const big = await SpySocket.open(server, ada.token);
    big.send(JSON.stringify({ op: 'ping', id: 'x'.repeat(10_000) }));
    expect(await big.waitClosed()).toBe(CLOSE_CODES.tooBig);
    expect(big.closeReason).toBe('frame larger than 4096 bytes');
    const utf8 = await SpySocket.open(server, ada.token);
    utf8.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await utf8.waitClosed()).toBe(CLOSE_CODES.invalidPayload);
    expect(utf8.closeReason).toBe('text frame is not valid UTF-8');
    const bin = await SpySocket.open(server, ada.token);
    bin.ws.send(Buffer.from([1, 2, 3]));
    expect(await bin.waitClosed()).toBe(CLOSE_CODES.unsupportedData);
  });

  it('rate-limits a flooding socket, then closes it with 4008', async () => {
    const s = await SpySocket.open(server, ada.token);
    for (let i = 0; i < 700; i++) s.send({ op: 'ping', id: `p${i}` });
    expect(await s.waitFor((f) => f.type === 'error' && f.code === 'rate_limited')).toMatchObject({ details: { retryAfterMs: expect.any(Number) } });
    expect(await s.waitClosed()).toBe(CLOSE_CODES.rateLimited);
  });
});
