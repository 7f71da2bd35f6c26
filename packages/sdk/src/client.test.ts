import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackchannelClient } from './client.js';
import { BackchannelError } from './errors.js';
import { json, message, queuedFetch } from './fakes.testkit.js';
import { findGaps, mergeMessages } from './messages.js';

const me = { id: 'u1', username: 'ada', displayName: 'Ada', bio: '', createdAt: '2025-01-01T00:00:00.000Z', roles: [], whoCanMessage: 'everyone' as const };

function setup(answers: Array<Response | Error>, token: string | undefined = 'tok') {
  const f = queuedFetch(answers);
  const client = new BackchannelClient({ baseUrl: 'http://127.0.0.1:3000/', ...(token ? { token } : {}), fetch: f.fetch, random: () => 0.5, sendRetry: { attempts: 4, baseMs: 100, maxMs: 1000 } });
  return { client, requests: f.requests };
}

/** Runs a promise to completion while fake timers advance (retry waits are timers). */
async function settle<T>(p: Promise<T>): Promise<T> {
  const outcome = p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await vi.runAllTimersAsync();
  const r = await outcome;
  if (r.ok) return r.value;
  throw r.error;
}

const caught = (p: Promise<unknown>) => settle(p).then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as BackchannelError);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('requests', () => {
  it('sends the bearer token and JSON body, and unwraps single-field envelopes', async () => {
    const { client, requests } = setup([json(200, { user: me })]);
    await expect(client.updateMe({ bio: 'hi' })).resolves.toEqual(me);
    expect(requests).toEqual([
      {
        url: 'http://127.0.0.1:3000/v1/me',
        method: 'PATCH',
        headers: { accept: 'application/json', authorization: 'Bearer tok', 'content-type': 'application/json' },
        body: { bio: 'hi' },
      },
    ]);
  });

  it('builds query strings without undefined values and encodes path segments', async () => {
    const { client, requests } = setup([json(200, { conversations: [], next: null }), json(200, { users: [] }), json(200, { messages: [], hasMore: false })]);
    await client.listConversations({ folder: 'requests', limit: 20 });
    await client.followers('a/b');
    await client.history('c1', { before: 10 });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET http://127.0.0.1:3000/v1/conversations?folder=requests&limit=20',
      'GET http://127.0.0.1:3000/v1/users/a%2Fb/followers',
      'GET http://127.0.0.1:3000/v1/conversations/c1/messages?before=10',
    ]);
  });

  it('adopts the token from login and forgets it on logout', async () => {
    const { client, requests } = setup([json(200, { token: 'new', user: me }), json(200, { ok: true }), json(200, { user: me })], undefined);
    await client.login({ username: 'ada', password: 'correct horse' });
    expect(client.token).toBe('new');
    await client.logout();
    expect(requests[1]!.headers['authorization']).toBe('Bearer new');
    await client.me();
    expect(requests[2]!.headers['authorization']).toBeUndefined();
  });
});

describe('error mapping', () => {
  it('maps 429 to rate_limited with retryAfterMs from the body', async () => {
    const { client } = setup([json(429, { code: 'rate_limited', message: 'slow down', details: { retryAfterMs: 1500 } }, { 'retry-after': '2' })]);
    const err = await caught(client.follow('u2'));
    expect(err).toBeInstanceOf(BackchannelError);
    expect(err).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 1500, details: { retryAfterMs: 1500 }, message: 'slow down' });
  });

  it('falls back to the Retry-After header when details carry no delay', async () => {
    const { client } = setup([json(429, { code: 'rate_limited', message: 'slow down' }, { 'retry-after': '2' })]);
    expect(await caught(client.me())).toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
  });

  it('reports a proxy page as bad_response and a failed fetch as network_error', async () => {
    const { client } = setup([new Response('<html>bad gateway</html>', { status: 502 }), new TypeError('fetch failed')]);
    expect(await caught(client.me())).toMatchObject({ code: 'bad_response', status: 502 });
    expect(await caught(client.me())).toMatchObject({ code: 'network_error', status: 0 });
  });
});

describe('sendMessage', () => {
  const body = { clientMessageId: 'cm-1', text: 'hi' };
  const unknown = () => json(503, { code: 'outcome_unknown', message: 'db dropped' });

  it('retries network errors and 503s with the same clientMessageId until it succeeds', async () => {
    const { client, requests } = setup([new TypeError('reset'), unknown(), json(200, { message: message(7) })]);
    await expect(settle(client.sendMessage('c1', body))).resolves.toEqual(message(7));
    expect(requests.map((r) => r.body)).toEqual([body, body, body]);
  });

  it('waits with full jitter and never sooner than retryAfterMs', async () => {
    const { client, requests } = setup([json(503, { code: 'unavailable', message: 'draining', details: { retryAfterMs: 1000 } }), json(201, { message: message(7) })]);
    const p = client.sendMessage('c1', body);
    await vi.advanceTimersByTimeAsync(1049); // 1000 asked + 0.5 × 100 jitter
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toEqual(message(7));
  });

  it('treats 4xx as final', async () => {
    const { client, requests } = setup([json(403, { code: 'cannot_message', message: 'no' })]);
    expect(await caught(client.sendMessage('c1', body))).toMatchObject({ code: 'cannot_message', status: 403 });
    expect(requests).toHaveLength(1);
  });

  it('gives up after the configured attempts with the last error', async () => {
    const { client, requests } = setup([unknown(), unknown(), unknown(), unknown(), json(201, { message: message(7) })]);
    expect(await caught(client.sendMessage('c1', body))).toMatchObject({ code: 'outcome_unknown', status: 503 });
    expect(requests).toHaveLength(4);
  });
});

describe('fillGap', () => {
  it('pages history forward until the gap is closed', async () => {
    const { client, requests } = setup([
      json(200, { messages: [message(3), message(4)], hasMore: true }),
      json(200, { messages: [message(5)], hasMore: false }),
    ]);
    const have = [message(1), message(2), message(6)];
    const [gap] = findGaps(have);
    const filled = await client.fillGap('c1', gap!.afterSeq, gap!.beforeSeq);
    expect(mergeMessages(have, filled).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(requests.map((r) => r.url.split('?')[1])).toEqual(['after=2&limit=3', 'after=4&limit=1']);
  });

  it('makes no request for an empty gap', async () => {
    const { client, requests } = setup([]);
    await expect(client.fillGap('c1', 4, 5)).resolves.toEqual([]);
    expect(requests).toHaveLength(0);
  });
});
