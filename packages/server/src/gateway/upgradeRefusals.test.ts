/**
 * A refused socket upgrade answers from the one error table (http/errors.ts over the protocol's
 * ERROR_CODES): the status of its code, the same body and Retry-After as an HTTP route that fails
 * the same way, and no upgrade.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor, type ErrorBody, type ErrorCode } from '@backchannel/protocol';
import { StorageUnavailable } from '../storage/store.js';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

interface Refusal {
  status: number;
  body: ErrorBody;
  retryAfter: string | null;
}

let server: TestServer;
let ada: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  ada = await signupUser(server);
});
afterAll(() => server.close());

function upgrade(query: string, headers: Record<string, string>): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/v1/socket${query}`, { headers });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }));
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('error', reject);
  });
}

async function http(path: string, headers: Record<string, string>): Promise<Refusal> {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as ErrorBody, retryAfter: res.headers.get('retry-after') };
}

const expectCode = (r: Refusal, code: ErrorCode) => expect(r).toMatchObject({ status: httpStatusFor(code), body: { code } });

/**
 * Every storage call rejects with StorageUnavailable while `fn` runs, whatever the port's shape:
 * any property of `store.read` is a callable that also has every property.
 */
async function withStorageDown<T>(fn: () => Promise<T>): Promise<T> {
  const down = (): unknown =>
    new Proxy(() => undefined, {
      get: (_t, key) => (key === 'then' ? undefined : down()),
      apply: () => Promise.reject(new StorageUnavailable('storage is down (test)', false)),
    });
  const deps = server.deps as { store: object };
  const real = deps.store;
  deps.store = new Proxy(real, { get: (t, key, r) => (key === 'read' ? down() : Reflect.get(t, key, r)) as unknown });
  try {
    return await fn();
  } finally {
    deps.store = real;
  }
}

describe('refused socket upgrades', () => {
  it('answers missing and bad credentials as HTTP does: unauthorized', async () => {
    const none = await upgrade('', {});
    expectCode(none, 'unauthorized');
    expect(none.body.code).toBe((await http('/v1/me', {})).body.code);
    const bad = await upgrade('', { authorization: 'Bearer nope' });
    expect(bad).toEqual(await http('/v1/me', { authorization: 'Bearer nope' }));
    expectCode(await upgrade(`?token=${ada.token}`, {}), 'unauthorized');
    expectCode(await upgrade('?ticket=made-up', {}), 'unauthorized');
  });

  it('answers a foreign Origin with origin_not_allowed, before looking at credentials', async () => {
    const r = await upgrade('', { authorization: `Bearer ${ada.token}`, origin: 'https://evil.example' });
    expectCode(r, 'origin_not_allowed');
  });

  it('answers a storage outage with unavailable and Retry-After, exactly as a route does', async () => {
    const auth = { authorization: `Bearer ${ada.token}` };
    const [socket, route] = await withStorageDown(async () => [await upgrade('', auth), await http('/v1/me', auth)]);
    expectCode(socket, 'unavailable');
    expect(socket.retryAfter).toBe('1');
    expect(socket).toEqual(route);
  });
});
