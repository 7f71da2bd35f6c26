/**
 * The AsyncAPI document of the socket: the AsyncAPI parser accepts it with no error or warning,
 * docs/api/asyncapi.json is the generated one (run `npm run docs` after changing the protocol),
 * `GET /asyncapi.json` serves it, it has a message for every op, frame and event of the protocol
 * with the very schemas the gateway validates with, and the frames a real socket receives match it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DURABLE_EVENT_TYPES, ROOM_EVENT_TYPES } from '@backchannel/protocol';
import { CLIENT_OPS, SERVER_FRAMES } from '@backchannel/protocol/schemas';
import { SpySocket, signupUser, startTestServer, type TestServer } from '../testing/harness.js';
import { asyncapiDocument, asyncapiFile } from './asyncapi.js';

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

type Doc = { components: { messages: Record<string, { name: string; payload: object }> }; operations: Record<string, { action: string; reply?: unknown }> };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the AsyncAPI document of the socket', () => {
  it('is valid AsyncAPI 3.0: the parser reports no error and no warning', async () => {
    const { document, diagnostics } = await new Parser().parse(asyncapiFile());
    // Severity 0 is an error, 1 a warning; 2 and 3 are information (e.g. "3.1.0 exists").
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.operations().length).toBe(Object.keys(asyncapiDocument().operations as object).length);
  });

  it('is the file in docs/api (run `npm run docs` to regenerate) and what GET /asyncapi.json serves', async () => {
    expect(fs.readFileSync(path.join(root, 'docs/api/asyncapi.json'), 'utf8')).toBe(asyncapiFile());
    const served = await fetch(`${server.url}/asyncapi.json`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(asyncapiDocument());
  });

  it('has every op, frame and event, with the schemas the server validates with', () => {
    const doc = asyncapiDocument() as unknown as Doc;
    const names = Object.values(doc.components.messages).map((m) => m.name);
    expect(names.sort()).toEqual([...Object.keys(CLIENT_OPS), ...Object.keys(SERVER_FRAMES), ...DURABLE_EVENT_TYPES, 'typing', ...ROOM_EVENT_TYPES, 'room.counts'].sort());
    for (const [op, schema] of Object.entries(CLIENT_OPS)) {
      expect(doc.components.messages[`client.${op}`]?.payload).toEqual(JSON.parse(JSON.stringify(schema)));
      expect(doc.operations[`receive.${op}`]?.action).toBe('receive');
    }
    expect(doc.operations['receive.message.send']?.reply).toBeDefined();
    expect(doc.operations['receive.typing']?.reply).toBeUndefined();
    expect(doc.operations['send.message.created']?.action).toBe('send');
  });

  it('describes the frames a real socket receives', async () => {
    const doc = asyncapiDocument() as unknown as Doc;
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const byType = new Map(Object.entries(doc.components.messages).filter(([k]) => !k.startsWith('client.')).map(([, m]) => [m.name, ajv.compile(m.payload)]));
    const [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
    await bob.client.follow(ada.id);
    const conversation = await ada.client.openDirect(bob.id);
    const spy = await SpySocket.open(server, bob.token, null);
    const send = await SpySocket.open(server, ada.token, null);
    send.send({ op: 'message.send', id: 's1', conversationId: conversation.id, clientMessageId: 'aa-1', text: 'hi' });
    send.send({ op: 'typing', conversationId: conversation.id });
    send.send({ op: 'message.send', id: 's2', conversationId: 'no-such', clientMessageId: 'aa-2', text: 'hi' });
    await send.waitFor((f) => f.type === 'error' && f.id === 's2');
    await spy.waitFor((f) => f.type === 'message.created');
    await spy.settle();
    const frames = [...spy.frames, ...send.frames];
    expect(new Set(frames.map((f) => f.type))).toEqual(new Set(['hello', 'ready', 'message.created', 'typing', 'ack', 'error']));
    for (const f of frames) {
      const check = byType.get(f.type);
      expect(check, f.type).toBeDefined();
      expect(check!(f), `${f.type}: ${ajv.errorsText(check!.errors)}`).toBe(true);
    }
    spy.close();
    send.close();
  });
});
