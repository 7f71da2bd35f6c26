/**
 * Input types over HTTP, for every route the app serves: the walk reads each route's body and
 * query schemas from `GET /openapi.json` (so a new route is covered without touching this file),
 * sends every field with every JSON type it does not accept, and expects `400 bad_request` naming
 * the field, with nothing written. Query strings may carry numbers, parsed strictly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
}
interface Operation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
}
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let server: TestServer;
let ada: TestUser;
let bob: TestUser;
let groupId: string;
let operations: Array<{ method: string; path: string; op: Operation }>;
let writes = 0;

beforeAll(async () => {
  // No background jobs: their claims are writes too, and would be counted against the route being walked.
  server = await startTestServer({ jobsPollMs: 0 });
  [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
  groupId = (await ada.client.createGroup({ title: 'Walk', memberIds: [bob.id] })).id;
  const store = server.deps.store;
  const write = store.write.bind(store);
  store.write = (work, opts) => {
    writes++;
    return write(work, opts);
  };
  // The walk counts the writes requests make: background jobs (recurring sweeps, prunes) write on
  // their own schedule and would be counted against whichever route the walk is on.
  await server.jobs.stop(0);
  const raw = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };
  // Named schemas are `$ref`s to components.schemas (http/openapi/components.ts): the walk reads them inline.
  const inline = (node: Json): Json =>
    Array.isArray(node) ? node.map(inline) : node !== null && typeof node === 'object' ? (typeof node.$ref === 'string' ? inline(raw.components.schemas[node.$ref.replace('#/components/schemas/', '')]!) : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]))) : node;
  const doc = { paths: inline(raw.paths as unknown as Json) as unknown as Record<string, Record<string, Operation>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
});
afterAll(() => server.close());

/** Real ids in the path, so a body that slipped through validation would reach a real resource. */
function concretePath(path: string): string {
  return path.replace('{id}', groupId).replace('{userId}', bob.id).replace('{username}', bob.username).replace('{questionId}', groupId).replace(/\{[A-Za-z]+\}/g, 'no-such-id');
}

async function send(method: string, path: string, body: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ada.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as { code?: string; details?: { field?: string; in?: string } } };
}

/** A value the schema accepts (the walk mutates one field of it at a time). */
function sample(schema: JsonSchema, salt = 0): Json {
  if (schema.const !== undefined) return schema.const as Json;
  if (schema.enum) return schema.enum[0] as Json;
  if (schema.anyOf) return sample(schema.anyOf[0]!, salt);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, salt)]));
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, (_, i) => sample(schema.items ?? {}, salt + i));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string': {
      const s = String.fromCharCode(97 + (salt % 26)).repeat(Math.max(schema.minLength ?? 1, 1));
      if (schema.pattern && !new RegExp(schema.pattern).test(s)) throw new Error(`the walk cannot sample pattern ${schema.pattern}`);
      return s;
    }
    default:
      throw new Error(`the walk cannot sample ${JSON.stringify(schema)}`);
  }
}

const WRONG: Record<string, Json> = { string: 'wrong', number: 12.5, boolean: true, null: null, object: { wrong: 1 }, array: ['wrong'] };

/** The JSON types a schema accepts; `integer` accepts no `number` (12.5 is wrong for it). */
function acceptedTypes(schema: JsonSchema): Set<string> {
  if (schema.anyOf) return new Set(schema.anyOf.flatMap((s) => [...acceptedTypes(s)]));
  if (schema.const !== undefined) return new Set([schema.const === null ? 'null' : typeof schema.const]);
  if (schema.enum) return new Set(schema.enum.map((v) => (v === null ? 'null' : typeof v)));
  return new Set([schema.type ?? []].flat());
}

/**
 * Every field reachable in a body: properties, the first item of arrays, and fields inside nested
 * objects. Inside a union (a report target) the error names the union, as on the socket.
 */
function fields(schema: JsonSchema, path: string[] = [], union?: string[]): Array<{ path: string[]; field: string; schema: JsonSchema }> {
  const out: Array<{ path: string[]; field: string; schema: JsonSchema }> = [];
  if (path.length > 0) out.push({ path, field: (union ?? path).join('.'), schema });
  const variant = schema.anyOf?.find((s) => s.type === 'object');
  if (variant) return [...out, ...fields(variant, path, union ?? path).slice(1)];
  for (const [key, child] of Object.entries(schema.properties ?? {})) out.push(...fields(child, [...path, key], union));
  if (schema.items && path.length > 0) out.push(...fields(schema.items, [...path, '0'], union));
  return out;
}

function withValue(base: Json, path: string[], value: Json): Json {
  const copy = structuredClone(base) as Record<string, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[path.at(-1)!] = value;
  return copy;
}

describe('body types', () => {
  it('answers bad_request naming the field for every wrong JSON type of every body field, and writes nothing', async () => {
    const routes = operations.filter(({ op }) => op.requestBody);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /v1/conversations/{id}/messages', 'PATCH /v1/me', 'POST /v1/auth/signup', 'POST /v1/reports']));
    const failures: string[] = [];
    let cases = 0;
    for (const { method, path, op } of routes) {
      const schema = op.requestBody!.content['application/json']!.schema;
      const base = sample(schema);
      const before = writes;
      for (const f of fields(schema)) {
        const accepted = acceptedTypes(f.schema);
        for (const [type, value] of Object.entries(WRONG)) {
          if (accepted.has(type) || (type === 'number' && accepted.has('number'))) continue;
          cases++;
          const body = JSON.stringify(withValue(base, f.path, value));
          const r = await send(method, concretePath(path), body);
          const got = [r.status, r.body.code, r.body.details?.field, r.body.details?.in];
          if (JSON.stringify(got) !== JSON.stringify([400, 'bad_request', f.field, 'body'])) failures.push(`${method} ${path} ${body} → ${JSON.stringify(got)}`);
        }
      }
      if (writes !== before) failures.push(`${method} ${path}: ${writes - before} writes`);
    }
    expect(cases).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('the walk’s sample bodies are valid, so each refusal above is the wrong field’s', async () => {
    for (const { method, path, op } of operations.filter((o) => o.op.requestBody)) {
      const r = await send(method, concretePath(path), JSON.stringify(sample(op.requestBody!.content['application/json']!.schema)));
      expect([method, path, r.body.code === 'bad_request' && r.body.details?.in === 'body'], JSON.stringify(r.body)).toEqual([method, path, false]);
    }
  });

  it('refuses a body that is JSON but not an object', async () => {
    for (const body of ['5', '"text"', 'null', '[]', 'true']) {
      const r = await send('POST', `/v1/conversations/${groupId}/messages`, body);
      expect([r.status, r.body.code, r.body.details?.field], body).toEqual([400, 'bad_request', 'body']);
    }
  });
});

describe('query strings', () => {
  it('parses integers strictly: digits only, for every integer query parameter of every route', async () => {
    const params = operations.flatMap(({ method, path, op }) => (op.parameters ?? []).filter((p) => p.in === 'query' && p.schema.type === 'integer').map((p) => ({ method, path, op, p })));
    expect(params.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const { method, path, op, p } of params) {
      // Other required parameters (the search text) get a valid value.
      const required = Object.fromEntries((op.parameters ?? []).filter((o) => o.in === 'query' && o.name !== p.name && o.required).map((o) => [o.name, String(sample(o.schema))]));
      for (const value of ['12abc', '1.5', '0x10', '1e1', ' 12', '+12', '', 'true', '9007199254740993']) {
        const qs = new URLSearchParams({ ...required, [p.name]: value });
        const r = await send(method, `${concretePath(path)}?${qs}`, undefined);
        const got = [r.status, r.body.code, r.body.details?.field, r.body.details?.in];
        if (JSON.stringify(got) !== JSON.stringify([400, 'bad_request', p.name, 'querystring'])) failures.push(`${method} ${path}?${qs} → ${JSON.stringify(got)}`);
      }
      const ok = await send(method, `${concretePath(path)}?${new URLSearchParams({ ...required, [p.name]: String(p.schema.minimum ?? 1) })}`, undefined);
      if (ok.body.code === 'bad_request') failures.push(`${method} ${path}: a valid ${p.name} was refused: ${JSON.stringify(ok.body)}`);
    }
    expect(failures).toEqual([]);
  });
});
