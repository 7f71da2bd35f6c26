/**
 * `GET /openapi.json`: the options @fastify/swagger builds the document from, and the per-route
 * transform that adds each operation's error responses (errorResponses.ts). The rules every
 * documented route follows (docs/api/README.md "Adding a route") are checked by `documentRuleViolations`,
 * which a test runs over the whole app: an operationId that is the SDK method's name, a summary, one
 * known tag, the `errors` it can answer.
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifySchema, RouteOptions } from 'fastify';
import { routeNeeds } from '../auth.js';
import { namedProtocolSchemas, referenceComponents } from './components.js';
import { ERROR_SCHEMA_NAME, errorResponses, errorSchema, routeErrorCodes } from './errorResponses.js';

export const API_VERSION = '0.1.0';

/** Every tag an operation may carry, with what the area is (shown as the sections of /docs). */
export const API_TAGS = [
  { name: 'auth', description: 'Accounts and sessions: sign up, log in, log out (one device or all).' },
  { name: 'account', description: 'Your account\'s data and its end: download my data, delete my account.' },
  { name: 'users', description: 'Your profile and settings, other people\'s profiles, search, follows and blocks.' },
  { name: 'conversations', description: '1:1s and groups you are in: list, open, rename, members, your settings and read position.' },
  { name: 'messages', description: 'A conversation\'s history and sending (idempotent by `clientMessageId`).' },
  { name: 'requests', description: 'The requests inbox: first messages from people you do not follow; accept, delete, block or report.' },
  { name: 'reports', description: 'Reporting a message, a conversation or a person, and withdrawing a report.' },
  { name: 'moderation', description: 'The operators\' queue: reports, message removal, suspensions, the audit log.' },
  { name: 'media', description: 'Images: upload, then send by id with a message; media tokens; loading an image (members only, checked on every fetch).' },
  { name: 'rooms', description: 'Live audio rooms: the hallway, joining, the stage, hands, moderators, room chat.' },
  { name: 'socket', description: 'Opening the WebSocket (its ops and events: `/asyncapi.json`, docs/api/socket.md).' },
  { name: 'sync', description: 'Re-syncing a device after it missed the socket\'s resume window.' },
  { name: 'integrations', description: 'Server-to-server: signed webhooks from the platform\'s audio service.' },
] as const;

const KNOWN_TAGS = new Set<string>(API_TAGS.map((t) => t.name));

const DESCRIPTION = `The HTTP API of Backchannel: private messaging for live audio rooms.

Request bodies are JSON objects (\`Content-Type: application/json\`, at most 256 KiB, else \`413 too_large\`); unknown fields are refused and field types are never coerced. Every error is \`{ code, message, details? }\` with a stable \`code\`: each operation lists the codes it can answer, and docs/errors.md explains them all.

Authenticate with \`Authorization: Bearer <token>\` (the \`token\` of sign-up or log-in). Events arrive on the WebSocket at \`/v1/socket\`, described by the AsyncAPI document at \`/asyncapi.json\` (and docs/api/socket.md).

\`GET /v1/users/by-username/{username}\` was renamed \`GET /v1/usernames/{username}\`; the old path still answers, with a \`Deprecation\` header, for one release (docs/api/README.md).`;

function isDocumented(schema: FastifySchema | undefined): boolean {
  return schema?.hide !== true;
}

export function swaggerOptions(): FastifyDynamicSwaggerOptions {
  const named = namedProtocolSchemas();
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Backchannel API',
        version: API_VERSION,
        description: DESCRIPTION,
        license: { name: 'MIT', identifier: 'MIT' },
        contact: { name: 'Backchannel maintainers' },
      },
      servers: [{ url: '/', description: 'The server that serves this document' }],
      tags: API_TAGS.map((t) => ({ ...t })),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'The session `token` of `POST /v1/auth/signup` or `POST /v1/auth/login` (every right), or an API token of `POST /v1/me/tokens` limited to its scopes. Each operation names the scope a token needs: `read`, `send`, `manage`, or `session` (logged-in sessions only). docs/api/tokens.md.',
          },
        },
        schemas: { ...(named as unknown as Record<string, Record<string, unknown>>), [ERROR_SCHEMA_NAME]: errorSchema as unknown as Record<string, unknown> },
      },
      security: [{ bearer: [] }],
    },
    transformObject: (input) => {
      const doc = (input as { openapiObject: { paths: Record<string, Record<string, { tags?: string[] }>>; tags?: Array<{ name: string }> } }).openapiObject;
      referenceComponents(doc as unknown as Parameters<typeof referenceComponents>[0], Object.keys(named));
      // A tag no operation of this deployment carries (integrations, in built-in rooms mode) is left out.
      const used = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags ?? [])));
      doc.tags = (doc.tags ?? []).filter((t) => used.has(t.name));
      return doc;
    },
    transform: ({ schema, url, route }) => {
      if (!isDocumented(schema)) return { schema, url };
      const codes = routeErrorCodes({ method: route.method, schema: schema as Parameters<typeof routeErrorCodes>[0]['schema'] });
      const ok = Object.fromEntries(Object.entries((schema.response as Record<string, object> | undefined) ?? {}).map(([status, s]) => [status, { ...s, 'x-response-description': SUCCESS[status] ?? 'Success' }]));
      // A status the route answers with its own body keeps that schema.
      const response = { ...errorResponses(codes), ...ok };
      const { errors: _errors, sdk: _sdk, scope: _scope, ...rest } = schema;
      // Behind the token, the security requirement names what an API token needs (docs/api/tokens.md).
      const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
      const security = isPublic ? schema.security : [{ bearer: [routeNeeds(String(route.method), schema)] }];
      return { schema: { ...rest, security, response } as FastifySchema, url };
    },
  };
}

const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '204': 'No content' };

const OPERATION_ID = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;

/**
 * What is wrong with the documented routes, one line each (empty: nothing). Checked by a test
 * (http/openapi/document.test.ts) so a route added without its documentation fails the build.
 */
export function documentRuleViolations(routes: readonly Pick<RouteOptions, 'method' | 'url' | 'schema'>[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  for (const r of routes) {
    // HEAD twins of GET routes are Fastify's own, and not in the document.
    if (!isDocumented(r.schema) || r.method === 'HEAD') continue;
    const s = r.schema ?? {};
    const where = `${String(r.method)} ${r.url}`;
    if (typeof s.operationId !== 'string' || !OPERATION_ID.test(s.operationId)) out.push(`${where}: schema.operationId must be the SDK method's name (camelCase, dotted for a namespace: rooms.join); got ${JSON.stringify(s.operationId)}`);
    else if (seen.has(s.operationId)) out.push(`${where}: operationId ${s.operationId} is also ${seen.get(s.operationId)}`);
    else seen.set(s.operationId, where);
    if (typeof s.summary !== 'string' || s.summary.length === 0) out.push(`${where}: schema.summary is missing`);
    else if (s.summary.length > 120) out.push(`${where}: schema.summary is over 120 characters; put the rest in schema.description`);
    if (!Array.isArray(s.tags) || s.tags.length !== 1 || !KNOWN_TAGS.has(s.tags[0]!)) out.push(`${where}: schema.tags must be one of ${[...KNOWN_TAGS].join(', ')} (add a new area to API_TAGS in http/openapi/document.ts)`);
    if (!Array.isArray(s.errors)) out.push(`${where}: schema.errors must list the domain error codes the route can answer ([] for none)`);
    const ok = Object.keys((s.response as Record<string, unknown> | undefined) ?? {}).filter((k) => /^2\d\d$/.test(k));
    if (ok.length === 0) out.push(`${where}: schema.response has no 2xx schema`);
  }
  return out;
}
