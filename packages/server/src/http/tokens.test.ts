/**
 * API tokens (docs/api/tokens.md) from the outside, on both backends: created, listed and revoked by
 * a logged-in session; each works only within its scopes (`insufficient_scope` naming the scope);
 * a token cannot manage tokens, get a socket ticket or open the socket; a revoked or expired token
 * is `unauthorized`; log out everywhere revokes tokens too; a token's sends go through the same
 * requests rules as the person's (a stranger gets a request, and the budget applies).
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackchannelClient, BackchannelError } from '@backchannel/sdk';
import type { ErrorBody } from '@backchannel/protocol';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

const clock = { t: Date.now(), now: () => clock.t };
let server: TestServer;
let ada: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
  [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
});
afterAll(() => server.close());

const as = (token: string) => new BackchannelClient({ baseUrl: server.url, token });

async function codeOf(p: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BackchannelError) return { code: err.code, ...(err.details ? { details: err.details } : {}) };
    throw err;
  }
  throw new Error('expected an error');
}

function upgrade(token: string): Promise<{ status: number; body?: ErrorBody }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/v1/socket`, { headers: { authorization: `Bearer ${token}` } });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody }));
    });
    ws.once('message', () => {
      ws.close();
      resolve({ status: 101 });
    });
    ws.once('error', reject);
  });
}

describe('API tokens', () => {
  it('are created with scopes, shown once, listed without the secret, and work within their scopes only', async () => {
    const created = await ada.client.createApiToken({ label: 'digest', scopes: ['read'] });
    expect(created.apiToken).toMatchObject({ label: 'digest', scopes: ['read'] });
    expect(Date.parse(created.apiToken.expiresAt) - Date.parse(created.apiToken.createdAt)).toBe(90 * 86_400_000);
    const listed = await ada.client.listApiTokens();
    expect(listed).toContainEqual(created.apiToken);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const reader = as(created.token);
    expect((await reader.me()).id).toBe(ada.id);
    const conversation = await ada.client.openDirect(bob.id);
    expect((await reader.history(conversation.id)).messages).toEqual([]);
    expect(await codeOf(reader.sendMessage(conversation.id, { clientMessageId: 'r-1', text: 'no' }))).toEqual({ code: 'insufficient_scope', details: { scope: 'send', scopes: ['read'] } });
    expect((await codeOf(reader.follow(bob.id))).code).toBe('insufficient_scope');
    expect((await ada.client.history(conversation.id)).messages).toEqual([]);

    const sender = as((await ada.client.createApiToken({ label: 'bot', scopes: ['send'], expiresInDays: 1 })).token);
    const sent = await sender.sendMessage(conversation.id, { clientMessageId: 's-1', text: 'from a script' });
    expect(sent.senderId).toBe(ada.id);
    expect((await codeOf(sender.me())).code).toBe('insufficient_scope');
    expect((await codeOf(sender.openDirect(bob.id))).code).toBe('insufficient_scope');
    const manager = as((await ada.client.createApiToken({ label: 'manager', scopes: ['manage', 'read'] })).token);
    expect((await manager.follow(bob.id)).followedByMe).toBe(true);
  });

  it('cannot manage tokens, the account or the socket: those need a logged-in session', async () => {
    const all = await ada.client.createApiToken({ label: 'everything', scopes: ['read', 'send', 'manage'] });
    const token = as(all.token);
    // One call at a time: a rejected promise nobody awaits yet would be reported as unhandled.
    for (const call of [() => token.createApiToken({ label: 'more', scopes: ['read'] }), () => token.listApiTokens(), () => token.revokeApiToken(all.apiToken.id), () => token.socketTicket(), () => token.logoutAll()]) {
      expect(await codeOf(call())).toEqual({ code: 'insufficient_scope', details: { scope: 'session' } });
    }
    expect(await upgrade(all.token)).toEqual({ status: 403, body: { code: 'insufficient_scope', message: expect.any(String), details: { scope: 'session' } } });
    expect((await upgrade(ada.token)).status).toBe(101);
  });

  it('stops working when revoked or expired; only its owner can revoke it', async () => {
    const t = await ada.client.createApiToken({ label: 'short', scopes: ['read'], expiresInDays: 1 });
    expect((await codeOf(bob.client.revokeApiToken(t.apiToken.id))).code).toBe('not_found');
    expect((await as(t.token).me()).id).toBe(ada.id);
    await ada.client.revokeApiToken(t.apiToken.id);
    expect((await codeOf(as(t.token).me())).code).toBe('unauthorized');
    expect((await ada.client.listApiTokens()).map((x) => x.id)).not.toContain(t.apiToken.id);
    expect((await codeOf(ada.client.revokeApiToken(t.apiToken.id))).code).toBe('not_found');

    const soon = await ada.client.createApiToken({ label: 'expiring', scopes: ['read'], expiresInDays: 1 });
    clock.t += 86_400_000 + 1;
    expect((await codeOf(as(soon.token).me())).code).toBe('unauthorized');
    expect((await ada.client.listApiTokens()).map((x) => x.id)).not.toContain(soon.apiToken.id);
  });

  it('refuses bad input: no scope, an unknown scope, a blank label, too long a life', async () => {
    const bad = async (body: unknown) => {
      const r = await fetch(`${server.url}/v1/me/tokens`, { method: 'POST', headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return [r.status, ((await r.json()) as ErrorBody).code];
    };
    expect(await bad({ label: 'x', scopes: [] })).toEqual([400, 'bad_request']);
    expect(await bad({ label: 'x', scopes: ['admin'] })).toEqual([400, 'bad_request']);
    expect(await bad({ label: 'x', scopes: ['read', 'read'] })).toEqual([400, 'bad_request']);
    expect(await bad({ label: 'x', scopes: ['read'], expiresInDays: 366 })).toEqual([400, 'bad_request']);
    expect(await bad({ label: '', scopes: ['read'] })).toEqual([400, 'bad_request']);
    expect(await bad({ label: 'a\u202Eb', scopes: ['read'] })).toEqual([400, 'invalid_text']);
  });

  it('go through the requests rules like the person: a stranger gets a request', async () => {
    const cy = await signupUser(server);
    const dee = await signupUser(server);
    const token = as((await cy.client.createApiToken({ label: 'outreach', scopes: ['manage', 'send'] })).token);
    const conversation = await token.openDirect(dee.id);
    await token.sendMessage(conversation.id, { clientMessageId: 'o-1', text: 'hello stranger' });
    const requests = await dee.client.listRequests();
    expect(requests.conversations.map((c) => c.id)).toContain(conversation.id);
    expect((await dee.client.listConversations({ folder: 'inbox' })).conversations.map((c) => c.id)).not.toContain(conversation.id);
  });

  it('end with log out everywhere', async () => {
    const eve = await signupUser(server);
    const t = await eve.client.createApiToken({ label: 'x', scopes: ['read'] });
    await eve.client.logoutAll();
    expect((await codeOf(as(t.token).me())).code).toBe('unauthorized');
  });
});
