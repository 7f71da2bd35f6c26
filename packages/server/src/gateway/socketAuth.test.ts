/**
 * Socket authentication on upgrade (ADR 0002): a bearer header, or a single-use, short-lived
 * ticket from `POST /v1/socket/ticket`; a session token in the URL is refused. Refusals carry the
 * error table's status and code.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor, type ErrorBody, type SocketTicketResponse } from '@backchannel/protocol';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

const clock = { t: Date.now(), now: () => clock.t };
let server: TestServer;
let ada: TestUser;

beforeAll(async () => {
  server = await startTestServer({}, { clock });
  ada = await signupUser(server);
});
afterAll(() => server.close());

/** Tries an upgrade: 101 and the hello's user, or the refusal's status and body. */
function upgrade(query: string, headers: Record<string, string> = {}): Promise<{ status: number; body?: ErrorBody; userId?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/v1/socket${query}`, { headers });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody }));
    });
    ws.once('message', (data) => {
      ws.close();
      resolve({ status: 101, userId: (JSON.parse(String(data)) as { userId: string }).userId });
    });
    ws.once('error', reject);
  });
}

async function ticket(token: string): Promise<{ status: number; body: SocketTicketResponse }> {
  const res = await fetch(`${server.url}/v1/socket/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as SocketTicketResponse };
}

describe('socket upgrade credentials', () => {
  it('refuses a session token in the URL, even a valid one, with unauthorized', async () => {
    const res = await upgrade(`?token=${ada.token}`);
    expect(res).toMatchObject({ status: httpStatusFor('unauthorized'), body: { code: 'unauthorized' } });
    expect(res.body!.message).toContain('ticket');
    const both = await upgrade(`?token=${ada.token}`, { authorization: `Bearer ${ada.token}` });
    expect(both.status).toBe(401);
  });

  it('opens with a bearer header, and answers a missing or bad one with unauthorized', async () => {
    expect(await upgrade('', { authorization: `Bearer ${ada.token}` })).toEqual({ status: 101, userId: ada.id });
    expect(await upgrade('')).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(await upgrade('', { authorization: 'Bearer nope' })).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });

  it('opens one socket per ticket, for the ticket holder only', async () => {
    const t = await ticket(ada.token);
    expect(t.status).toBe(200);
    expect(t.body.expiresInMs).toBe(30_000);
    expect(t.body.ticket).not.toContain(ada.token);
    expect(await upgrade(`?ticket=${encodeURIComponent(t.body.ticket)}`)).toEqual({ status: 101, userId: ada.id });
    expect(await upgrade(`?ticket=${encodeURIComponent(t.body.ticket)}`)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(await upgrade('?ticket=made-up')).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });

  it('refuses a ticket after 30 s, and one whose session logged out', async () => {
    const late = await ticket(ada.token);
    clock.t += 30_000;
    expect(await upgrade(`?ticket=${encodeURIComponent(late.body.ticket)}`)).toMatchObject({ status: 401 });
    const bob = await signupUser(server);
    const orphan = await ticket(bob.token);
    await bob.client.logout();
    expect(await upgrade(`?ticket=${encodeURIComponent(orphan.body.ticket)}`)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
  });

  it('needs a session to get a ticket', async () => {
    const res = await fetch(`${server.url}/v1/socket/ticket`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).code).toBe('unauthorized');
  });

  it('refuses a suspended account with account_suspended and its status from the table', async () => {
    const mallory = await signupUser(server);
    const t = await ticket(mallory.token);
    const row = (await server.deps.store.read.users.byId(mallory.id))!;
    await server.deps.store.write((tx) => tx.users.update(row.id, { suspendedAt: clock.now() }));
    expect(await upgrade(`?ticket=${encodeURIComponent(t.body.ticket)}`)).toMatchObject({ status: httpStatusFor('account_suspended'), body: { code: 'account_suspended' } });
  });
});
