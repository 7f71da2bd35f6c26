/**
 * The SDK against the real server (packages/server): REST + socket end to end over loopback.
 * The server's own API tests cover the routes; this covers what only the SDK does: resume, the
 * optimistic outbox and live delivery through a real `ws` connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
// Types from the package name, like the harness, so both sides see the same declarations.
import type { BackchannelSocket, LifecycleEventMap } from '@backchannel/sdk';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../../server/src/testing/harness.js';

let server: TestServer;
let ada: TestUser;
let bob: TestUser;

/** Resolves with the next event of that name (waits on events, not on time). */
function next<K extends keyof LifecycleEventMap | 'message.created'>(socket: BackchannelSocket, name: K) {
  return new Promise<unknown>((resolve) => {
    const off = socket.on(name, (e: unknown) => {
      off();
      resolve(e);
    });
  });
}

beforeAll(async () => {
  server = await startTestServer();
  [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
});
afterAll(() => server.close());

describe('socket against the real server', () => {
  it('sends optimistically, delivers live to the other side, and resumes after a reconnect', async () => {
    const conversation = await ada.client.openDirect(bob.id);
    const adaSocket = ada.client.socket({ WebSocket });
    const bobSocket = bob.client.socket({ WebSocket });
    const adaReady = next(adaSocket, 'ready');
    const bobReady = next(bobSocket, 'ready');
    adaSocket.connect();
    bobSocket.connect();
    await Promise.all([adaReady, bobReady]);

    const received = next(bobSocket, 'message.created');
    const pending = adaSocket.send(conversation.id, 'hello bob');
    const sent = await adaSocket.whenSettled(pending.clientMessageId);
    expect(sent.status).toBe('sent');
    expect(sent.message).toMatchObject({ text: 'hello bob', clientMessageId: pending.clientMessageId, seq: 1 });
    expect(await received).toMatchObject({ data: { message: { id: sent.message!.id } } });

    // Bob drops; a message sent meanwhile is replayed on resume, exactly once.
    const cursorBefore = bobSocket.cursor!;
    bobSocket.close();
    const again = await ada.client.sendMessage(conversation.id, { clientMessageId: 'while-away', text: 'missed you' });
    const seen: Array<[number, string]> = [];
    bobSocket.on('message.created', (e) => void seen.push([e.data.message.seq, e.pos]));
    const resumed = next(bobSocket, 'ready');
    bobSocket.connect();
    expect(await resumed).toMatchObject({ replayed: 1 });
    expect(seen.map(([seq]) => seq)).toEqual([again.seq]);
    // The cursor is now the replayed event's token (opaque: compared only for equality).
    expect(bobSocket.cursor).toBe(seen[0]![1]);
    expect(bobSocket.cursor).not.toBe(cursorBefore);

    // A REST retry with the same clientMessageId returns the original.
    const retry = await ada.client.sendMessage(conversation.id, { clientMessageId: 'while-away', text: 'different body' });
    expect(retry).toEqual(again);
    adaSocket.close();
    bobSocket.close();
  });
});
