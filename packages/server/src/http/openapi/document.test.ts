/**
 * The rules of `GET /openapi.json` (docs/api/README.md "Adding a route"), over every route of the
 * app in both rooms modes: a route registered without its operationId, summary, tag or error codes
 * fails here. Also: each operationId is the SDK method that calls the route; the conformance check
 * the harness runs on every test server (testing/openapiCheck.ts) does catch a lying document;
 * the renamed by-username route keeps its deprecated alias.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { BackchannelClient } from '@backchannel/sdk';
import { ERROR_CODES } from '@backchannel/protocol';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { DomainError } from '../../domain/errors.js';
import { OpenapiCheck } from '../../testing/openapiCheck.js';
import { signupUser, startTestServer, type TestServer } from '../../testing/harness.js';
import { documentRuleViolations } from './document.js';

interface Op {
  operationId: string;
  summary: string;
  tags: string[];
  deprecated?: boolean;
  security?: unknown[];
  responses: Record<string, { content?: { 'application/json'?: { schema: { allOf?: Array<{ properties?: { code?: { enum?: string[] } } }> } } } }>;
}
type Doc = { paths: Record<string, Record<string, Op>>; info: { license?: unknown; contact?: unknown }; servers?: unknown[] };

let server: TestServer;
let external: TestServer;
let doc: Doc;

beforeAll(async () => {
  [server, external] = await Promise.all([startTestServer(), startTestServer({ roomsMode: 'external', audioWebhookSecret: 'test-secret-0123456789abcdef0123456789' })]);
  doc = (await (await fetch(`${external.url}/openapi.json`)).json()) as Doc;
});
afterAll(() => Promise.all([server.close(), external.close()]));

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));

describe('every documented route follows the document rules', () => {
  it('has an operationId, a summary, one known tag and its error codes, in both rooms modes', () => {
    expect(documentRuleViolations(server.routes)).toEqual([]);
    expect(documentRuleViolations(external.routes)).toEqual([]);
    expect(operations().length).toBeGreaterThan(60);
  });

  it('names what is missing on a route that breaks them', () => {
    const bad = documentRuleViolations([
      { method: 'GET', url: '/v1/a', schema: { response: { 200: Type.Object({}) } } },
      { method: 'POST', url: '/v1/b', schema: { operationId: 'Not_Camel', summary: 'B', tags: ['nope'], errors: [] } },
      { method: 'GET', url: '/v1/c', schema: { operationId: 'me', summary: 'x'.repeat(121), tags: ['users'], errors: [], response: { 200: Type.Object({}) } } },
      { method: 'GET', url: '/v1/d', schema: { operationId: 'me', summary: 'D', tags: ['users'], errors: [], response: { 200: Type.Object({}) } } },
      { method: 'GET', url: '/hidden', schema: { hide: true } },
    ]);
    expect(bad.join('\n')).toMatch(/GET \/v1\/a: schema.operationId/);
    expect(bad.join('\n')).toMatch(/GET \/v1\/a: schema.summary is missing/);
    expect(bad.join('\n')).toMatch(/GET \/v1\/a: schema.tags/);
    expect(bad.join('\n')).toMatch(/GET \/v1\/a: schema.errors/);
    expect(bad.join('\n')).toMatch(/POST \/v1\/b: schema.operationId must be/);
    expect(bad.join('\n')).toMatch(/POST \/v1\/b: schema.response has no 2xx/);
    expect(bad.join('\n')).toMatch(/GET \/v1\/c: schema.summary is over 120/);
    expect(bad.join('\n')).toMatch(/GET \/v1\/d: operationId me is also GET \/v1\/c/);
    expect(bad.join('\n')).not.toMatch(/hidden/);
  });

  it('documents, per error status, the shared error schema narrowed to codes of that status', () => {
    for (const { method, path, op } of operations()) {
      const errorStatuses = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect(errorStatuses.some((s) => s.startsWith('4')), `${method} ${path}`).toBe(true);
      expect(errorStatuses).toContain('500');
      for (const status of errorStatuses) {
        const codes = op.responses[status]!.content!['application/json']!.schema.allOf![1]!.properties!.code!.enum!;
        expect(codes.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
        for (const c of codes) expect(ERROR_CODES[c as keyof typeof ERROR_CODES].status, `${method} ${path} ${c}`).toBe(Number(status));
      }
      const secured = !(Array.isArray(op.security) && op.security.length === 0);
      if (secured) {
        expect(op.responses['401'], `${method} ${path}`).toBeDefined();
        expect(op.security, `${method} ${path}`).toEqual([{ bearer: [expect.stringMatching(/^(read|send|manage|session)$/)] }]);
      }
    }
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    expect(doc.info.contact).toBeDefined();
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});

describe('operationId is the SDK method that calls the route', () => {
  it('holds for every operation: calling the method sends that method and path', async () => {
    const calls: Array<{ method: string; url: string }> = [];
    const client = new BackchannelClient({
      baseUrl: 'http://127.0.0.1:9',
      fetch: async (url, init) => {
        calls.push({ method: String(init.method), url });
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const notInSdk = new Set(external.routes.filter((r) => r.schema?.sdk === false).map((r) => r.schema?.operationId));
    expect([...notInSdk]).toEqual(expect.arrayContaining(['audioEvent', 'linkPreviewImage', 'exportData']));
    const ops = operations().filter(({ op }) => !notInSdk.has(op.operationId));
    expect(ops.length).toBeGreaterThan(60);
    for (const { method, path, op } of ops) {
      const parts = op.operationId.split('.');
      let target: unknown = client;
      for (const p of parts.slice(0, -1)) target = (target as Record<string, unknown>)[p];
      const fn = (target as Record<string, unknown>)[parts.at(-1)!];
      expect(typeof fn, `${op.operationId} (${method} ${path}) is not a method of BackchannelClient`).toBe('function');
      calls.length = 0;
      await Promise.resolve((fn as (...a: unknown[]) => unknown).call(target, 'p1', 'p2', 'p3')).catch(() => undefined);
      const first = calls[0];
      expect(first, `${op.operationId} sent nothing`).toBeDefined();
      const pattern = new RegExp(`^http://127\\.0\\.0\\.1:9${path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
      expect(`${first!.method} ${first!.url}`, op.operationId).toMatch(new RegExp(`^${method} ${pattern.source.slice(1)}`));
    }
  });
});

describe('the conformance check of every test server (testing/openapiCheck.ts)', () => {
  it('catches an undocumented status, an undeclared error code and a body the document does not describe', async () => {
    const { default: os } = await import('node:os');
    const { default: fs } = await import('node:fs');
    const { default: path } = await import('node:path');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-oacheck-'));
    const built = await buildApp(loadConfig({}, { dataDir, port: 0, logLevel: 'silent', roomSweepIntervalMs: 0 }));
    try {
      const schema = (operationId: string) => ({ tags: ['users'], operationId, summary: 'A test route', errors: [], security: [], response: { 200: Type.Object({ n: Type.Integer() }) } });
      built.app.get('/v1/test/teapot', { schema: schema('teapot') }, async (_req, reply) => reply.code(418).send({ n: 1 }));
      built.app.get('/v1/test/forbidden', { schema: schema('forbidden') }, async () => {
        throw new DomainError('forbidden', 'Not declared.');
      });
      // Past the serializer (which would coerce), as a hand-written reply could be.
      built.app.get('/v1/test/shape', { schema: schema('shape') }, async (_req, reply) => reply.type('application/json').serializer(JSON.stringify).send({ n: 'one' }));
      built.app.get('/v1/test/fine', { schema: schema('fine') }, async () => ({ n: 1 }));
      const check = new OpenapiCheck(built.app);
      check.install();
      await built.app.ready();
      for (const url of ['/v1/test/teapot', '/v1/test/forbidden', '/v1/test/shape', '/v1/test/fine']) await built.app.inject({ method: 'GET', url });
      expect(check.checked).toBe(4);
      expect(check.mismatches).toHaveLength(3);
      expect(check.mismatches[0]).toMatch(/GET \/v1\/test\/teapot → 418: status 418 is not documented/);
      expect(check.mismatches[1]).toMatch(/GET \/v1\/test\/forbidden → 403: status 403 is not documented/);
      expect(check.mismatches[2]).toMatch(/GET \/v1\/test\/shape → 200: response body does not match: data\/n must be integer/);
      expect(() => check.assertClean()).toThrow(/3 request\(s\)\/response\(s\) do not match/);
    } finally {
      await built.shutdown();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('GET /v1/users/by-username/{username} (renamed)', () => {
  it('answers at /v1/usernames/{username}; the old path still answers, marked deprecated, and is not documented', async () => {
    const [ada, bob] = await Promise.all([signupUser(server), signupUser(server)]);
    const get = (p: string) => fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${ada.token}` } });
    const now = await get(`/v1/usernames/${bob.username}`);
    const old = await get(`/v1/users/by-username/${bob.username}`);
    expect(now.status).toBe(200);
    expect(old.status).toBe(200);
    expect(await old.json()).toEqual(await now.json());
    expect(old.headers.get('deprecation')).toBe('true');
    expect(old.headers.get('link')).toBe(`</v1/usernames/${bob.username}>; rel="successor-version"`);
    expect(now.headers.get('deprecation')).toBeNull();
    expect((await ada.client.profileByUsername(bob.username)).id).toBe(bob.id);
    expect(Object.keys(doc.paths)).toContain('/v1/usernames/{username}');
    expect(Object.keys(doc.paths).filter((p) => p.includes('by-username'))).toEqual([]);
    // Sign-ups and the new path went through this server's conformance check; the hidden alias did not.
    expect(server.openapi.checked).toBe(4);
  });
});
