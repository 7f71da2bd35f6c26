/**
 * Generates the op, frame and event tables of docs/api/socket.md from the protocol's schemas
 * (CLIENT_OPS, SERVER_FRAMES, DurableEvent, TypingEvent, RoomEvent, RoomCountsEvent, RoomQaVotesEvent): `npm run docs` rewrites the section
 * between the markers, the prose around it stays hand-written, and a test fails when they drift.
 * Every op, frame and event schema must carry a `description`; the generator refuses one without.
 */
import { Kind, type TObject, type TSchema } from '@sinclair/typebox';
import * as wire from '@backchannel/protocol/schemas';

export const SOCKET_BEGIN = '<!-- BEGIN generated from packages/protocol/src (frames.ts, events.ts) by `npm run docs`; a test fails when they drift. -->';
export const SOCKET_END = '<!-- END generated -->';

const isSchema = (v: unknown): v is TSchema => typeof v === 'object' && v !== null && Kind in v;

/** Exported schemas by identity, so a field typed `Message` reads `Message`, not its expansion. */
const names = new Map<unknown, string>();
for (const [name, value] of Object.entries(wire)) if (isSchema(value) && !names.has(value)) names.set(value, name);

const isEnum = (s: TSchema) => s[Kind] === 'Union' && (s.anyOf as TSchema[]).every((m) => m[Kind] === 'Literal');

function typeOf(s: TSchema): string {
  // A named enum reads better spelled out (`"too_far_behind" | …`) than by its schema's name.
  const name = isEnum(s) ? undefined : (names.get(s) ?? (s.title as string | undefined));
  if (name) return name;
  switch (s[Kind]) {
    case 'Literal':
      return JSON.stringify(s.const);
    case 'String':
    case 'Boolean':
    case 'Null':
    case 'Integer':
      return (s[Kind] as string).toLowerCase();
    case 'Unknown':
      return 'any';
    case 'Record':
      return 'object';
    case 'Union':
      return (s.anyOf as TSchema[]).map(typeOf).join(' | ');
    case 'Array':
      return `${typeOf(s.items as TSchema)}[]`;
    case 'Object':
      return `{ ${fields(s as TObject).map((f) => f.signature).join(', ')} }`;
    default:
      throw new Error(`socketReference: no rendering for a ${String(s[Kind])} schema`);
  }
}

interface Field {
  /** `name?: Type`, shown as code. */
  signature: string;
  /** The field schema's own description, if it has one, shown after it. */
  note: string | undefined;
}

/** Each property; `data`'s properties are spelled `data.name` (events). */
function fields(obj: TObject, prefix = ''): Field[] {
  const required = new Set(obj.required ?? []);
  return Object.entries(obj.properties).flatMap(([key, s]) => {
    if (!prefix && (key === 'op' || key === 'type')) return [];
    if (!prefix && key === 'data' && s[Kind] === 'Object' && !names.has(s)) return fields(s as TObject, 'data.');
    const note = !names.has(s) && typeof s.description === 'string' ? s.description : undefined;
    return [{ signature: `${prefix}${key}${required.has(key) ? '' : '?'}: ${typeOf(s)}`, note }];
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function row(name: string, schema: TObject): string {
  if (typeof schema.description !== 'string') throw new Error(`socketReference: ${name} has no description`);
  const fieldList = fields(schema).map((f) => `\`${cell(f.signature)}\`` + (f.note ? ` (${cell(f.note)})` : '')).join(', ') || '—';
  return `| \`${name}\` | ${fieldList} | ${cell(schema.description)} |`;
}

const tagOf = (s: TObject, key: 'op' | 'type') => String((s.properties[key] as TSchema).const);

export function socketTables(): string {
  const ops = Object.entries(wire.CLIENT_OPS).map(([op, s]) => row(op, s));
  const frames = Object.entries(wire.SERVER_FRAMES).map(([type, s]) => row(type, s));
  const events = [...wire.DurableEvent.anyOf, wire.TypingEvent].map((s) => row(tagOf(s, 'type'), s));
  const roomEvents = [...wire.RoomEvent.anyOf, wire.RoomCountsEvent, wire.HallwayUpdatedEvent, wire.RoomQaVotesEvent].map((s) => row(tagOf(s, 'type'), s));
  return `${SOCKET_BEGIN}

## Client → server ops
| op | fields | what it does, and the answer |
|---|---|---|
${ops.join('\n')}

## Server → client frames
| type | fields | meaning |
|---|---|---|
${frames.join('\n')}

## Events
Durable events carry \`pos\` and are replayed on \`resume\`; \`typing\` is ephemeral.

| type | fields | meaning |
|---|---|---|
${events.join('\n')}

## Room events
Sent for the rooms the socket subscribed to (\`room.subscribe\`). Each carries its room's \`seq\`
(per room, increasing; events addressed to the staff are skipped for others, so a listener's seqs
may jump); resume a room with \`afterSeq\`. \`room.counts\` is ephemeral, and so is
\`hallway.updated\` (after \`hallway.subscribe\`, not tied to one room). See
[rooms.md](../subsystems/rooms.md).

| type | fields | meaning |
|---|---|---|
${roomEvents.join('\n')}

${SOCKET_END}`;
}

/** `doc` with its generated section replaced by the current tables. */
export function withSocketTables(doc: string): string {
  const begin = doc.indexOf(SOCKET_BEGIN);
  const end = doc.indexOf(SOCKET_END);
  if (begin < 0 || end < begin) throw new Error('docs/api/socket.md: the generated-section markers are missing');
  return doc.slice(0, begin) + socketTables() + doc.slice(end + SOCKET_END.length);
}
