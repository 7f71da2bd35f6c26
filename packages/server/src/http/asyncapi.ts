/**
 * The AsyncAPI 3.0 document of the WebSocket protocol, generated from the protocol package's
 * schemas (the same ones the gateway validates client frames with, gateway/frames.ts): every client
 * op (CLIENT_OPS), every server frame (SERVER_FRAMES), every durable, ephemeral and room event.
 * Served at `GET /asyncapi.json`; `npm run docs` writes docs/api/asyncapi.json, a test fails when
 * they drift, and the AsyncAPI parser validates it (http/asyncapi.test.ts).
 *
 * The document describes the server: it receives the ops and sends the frames and events. Ops that
 * carry an `id` are answered on the same socket by `ack` or `error` with that id (their `reply`).
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import * as wire from '@backchannel/protocol/schemas';
import { API_VERSION } from './openapi/document.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const CHANNEL = 'socket';
const ref = (pointer: string) => ({ $ref: pointer });

/** The schema as JSON (TypeBox's symbols dropped), so the document is plain data. */
const json = (s: TSchema): Json => JSON.parse(JSON.stringify(s)) as Json;

const tagOf = (s: TObject, key: 'op' | 'type') => String((s.properties[key] as TSchema).const);

/** A message: its key in the document (AsyncAPI keys allow `[A-Za-z0-9._-]`) and its `op` or `type`. */
interface Entry {
  key: string;
  name: string;
  title: string;
  schema: TObject;
  tag: 'ops' | 'frames' | 'events' | 'room events';
}

function entries(): { ops: Entry[]; frames: Entry[] } {
  const describe = (s: TObject, what: string) => {
    if (typeof s.description !== 'string') throw new Error(`asyncapi: ${what} has no description`);
    return s;
  };
  // Ops are keyed `client.<op>`: the `typing` op and the `typing` event are two messages.
  const ops = Object.entries(wire.CLIENT_OPS).map(([op, s]) => ({ key: `client.${op}`, name: op, title: `op ${op}`, schema: describe(s, op), tag: 'ops' as const }));
  const frames = [
    ...Object.entries(wire.SERVER_FRAMES).map(([type, s]) => ({ key: type, name: type, title: `frame ${type}`, schema: describe(s, type) as TObject, tag: 'frames' as const })),
    ...[...wire.DurableEvent.anyOf, wire.TypingEvent].map((s) => ({ key: tagOf(s, 'type'), name: tagOf(s, 'type'), title: `event ${tagOf(s, 'type')}`, schema: describe(s, tagOf(s, 'type')), tag: 'events' as const })),
    ...[...wire.RoomEvent.anyOf, wire.RoomCountsEvent].map((s) => ({ key: tagOf(s as TObject, 'type'), name: tagOf(s as TObject, 'type'), title: `room event ${tagOf(s as TObject, 'type')}`, schema: describe(s as TObject, tagOf(s as TObject, 'type')), tag: 'room events' as const })),
  ];
  return { ops, frames };
}

const opName = (prefix: string, key: string) => `${prefix}.${key}`;

export function asyncapiDocument(): Record<string, Json> {
  const { ops, frames } = entries();
  const all = [...ops, ...frames];
  const keys = new Set<string>();
  for (const e of all) {
    if (keys.has(e.key)) throw new Error(`asyncapi: two messages named ${e.key}`);
    keys.add(e.key);
  }
  const messages: Record<string, Json> = {};
  for (const e of all) {
    const description = e.schema.description as string;
    messages[e.key] = { name: e.name, title: e.title, summary: description.split(/(?<=\.)\s/)[0]!, description, contentType: 'application/json', tags: [{ name: e.tag }], payload: json(e.schema) };
  }
  const channelMessage = (key: string) => ref(`#/channels/${CHANNEL}/messages/${key}`);
  const operations: Record<string, Json> = {};
  for (const e of ops) {
    // An op with an `id` (optional or not) is answered by `ack` or `error` carrying it.
    const answered = 'id' in e.schema.properties;
    operations[opName('receive', e.name)] = {
      action: 'receive',
      channel: ref(`#/channels/${CHANNEL}`),
      title: `Client op ${e.name}`,
      summary: (messages[e.key] as { summary: string }).summary,
      messages: [channelMessage(e.key)],
      ...(answered ? { reply: { channel: ref(`#/channels/${CHANNEL}`), messages: [channelMessage('ack'), channelMessage('error')] } } : {}),
    };
  }
  for (const e of frames) {
    operations[opName('send', e.key)] = {
      action: 'send',
      channel: ref(`#/channels/${CHANNEL}`),
      title: `Server ${e.title}`,
      summary: (messages[e.key] as { summary: string }).summary,
      messages: [channelMessage(e.key)],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Backchannel socket API',
      version: API_VERSION,
      description:
        'The WebSocket of Backchannel: one JSON object per text frame. Clients send ops (`op`); the server sends frames and events (`type`). Durable events carry `pos` and are replayed after `resume`; room events carry their room\'s `seq`. Semantics: docs/api/socket.md and docs/subsystems/delivery.md. Error codes: docs/errors.md. The HTTP API: `/openapi.json`.',
      license: { name: 'MIT' },
      contact: { name: 'Backchannel maintainers' },
      tags: [
        { name: 'ops', description: 'Client → server.' },
        { name: 'frames', description: 'Server → client frames that are not events.' },
        { name: 'events', description: 'A user\'s stream: durable (with `pos`) and typing.' },
        { name: 'room events', description: 'The events of the rooms a socket subscribed to.' },
      ],
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:8080',
        protocol: 'ws',
        description: 'A server started with `npm start`; use `wss://` and your own host in production.',
        security: [ref('#/components/securitySchemes/bearer'), ref('#/components/securitySchemes/ticket')],
      },
    },
    channels: {
      [CHANNEL]: {
        address: '/v1/socket',
        title: 'The socket',
        description:
          'Authenticated on upgrade: `Authorization: Bearer <token>` (Node, bots), or `?ticket=` from `POST /v1/socket/ticket` (browsers). A token in the URL is refused. Refusals are HTTP answers with `{code, message}`.',
        messages: Object.fromEntries(all.map((e) => [e.key, ref(`#/components/messages/${e.key}`)])),
        bindings: {
          ws: {
            method: 'GET',
            query: { type: 'object', properties: { ticket: { type: 'string', minLength: 1, maxLength: 256, description: 'A socket ticket (browsers).' } }, additionalProperties: false },
            bindingVersion: '0.1.0',
          },
        },
      },
    },
    operations,
    components: {
      messages,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The session token of sign-up or log-in, on the upgrade request.' },
        ticket: { type: 'httpApiKey', in: 'query', name: 'ticket', description: 'A single-use, 30-second ticket from `POST /v1/socket/ticket`.' },
      },
    },
  };
}

/** The file `npm run docs` writes and the drift test compares. */
export const asyncapiFile = (): string => `${JSON.stringify(asyncapiDocument(), null, 2)}\n`;
