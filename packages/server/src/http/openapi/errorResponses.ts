/**
 * The error half of every operation in `GET /openapi.json`, derived from the route itself so it
 * cannot be forgotten: each route declares the domain codes it can answer (`schema.errors`), and
 * the codes the transport adds are worked out from its shape:
 * - any route: `internal` (500), `unavailable` (503);
 * - a method with a body (POST, PUT, PATCH, DELETE): `bad_request` (not JSON / a field is wrong),
 *   `bad_json`, `too_large` (413, over 256 KiB), `outcome_unknown` (503, the commit's outcome is lost);
 * - a route with a query string or path parameters: `bad_request` (naming the field);
 * - a route behind the bearer token: `unauthorized` (401), `account_suspended` and
 *   `insufficient_scope` (403, an API token without the route's scope: http/auth.ts).
 * Each status gets the shared `Error` schema narrowed to exactly its codes, with one example per
 * code, so a client (and the validation pass in testing/openapiCheck.ts) knows what can come back.
 */
import { ERROR_CODES, type ErrorCode } from '@backchannel/protocol';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The domain error codes this route can answer, beyond the ones the transport adds (see
     * http/openapi/errorResponses.ts). Required on every documented route, `[]` when there are none.
     */
    errors?: readonly ErrorCode[];
    /** `false`: no SDK method calls this route (server-to-server, probes); its operationId is then free. */
    sdk?: false;
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const ERROR_SCHEMA_NAME = 'Error';

/** The shared error body (`ErrorBody` in the protocol), as a component every error response narrows. */
export const errorSchema = {
  type: 'object',
  description: 'Every error, over HTTP or the socket: a stable `code`, a `message` for people, and `details` for some codes (docs/errors.md).',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'Stable; see docs/errors.md.' },
    message: { type: 'string', description: 'For people; may change.' },
    details: {
      type: 'object',
      additionalProperties: true,
      description: '`field` and `in` name the offending input of a `bad_request`; `retryAfterMs` comes with 429 and 503 answers.',
    },
  },
} as const;

const EXAMPLE_DETAILS: Partial<Record<ErrorCode, Record<string, unknown>>> = {
  bad_request: { field: 'text', in: 'body' },
  rate_limited: { retryAfterMs: 1200 },
  request_budget: { retryAfterMs: 3_600_000 },
  room_slow_mode: { retryAfterMs: 4000, slowSeconds: 10 },
  room_chat_muted: { retryAfterMs: 300_000 },
  unavailable: { retryAfterMs: 1000 },
  outcome_unknown: { retryAfterMs: 1000 },
  unknown_event_type: { type: 'room.paused', known: ['room.started', 'room.ended'] },
};

interface RouteShape {
  method: string | string[];
  schema?: { errors?: readonly ErrorCode[]; querystring?: unknown; params?: unknown; body?: unknown; security?: ReadonlyArray<Record<string, readonly string[]>> };
}

/** Every code the route can answer: its declared ones and the transport's. */
export function routeErrorCodes(route: RouteShape): ErrorCode[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const s = route.schema ?? {};
  const codes = new Set<ErrorCode>(['internal', 'unavailable', ...(s.errors ?? [])]);
  if (methods.some((m) => BODY_METHODS.has(m))) for (const c of ['bad_request', 'bad_json', 'too_large', 'outcome_unknown'] as const) codes.add(c);
  if (s.querystring !== undefined || s.params !== undefined || s.body !== undefined) codes.add('bad_request');
  const publicRoute = Array.isArray(s.security) && s.security.length === 0;
  if (!publicRoute) for (const c of ['unauthorized', 'account_suspended', 'insufficient_scope'] as const) codes.add(c);
  return [...codes];
}

/** `schema.response` entries for the route's error statuses (4xx/5xx), keyed by status. */
export function errorResponses(codes: readonly ErrorCode[]): Record<string, object> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, object> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    list.sort();
    out[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${ERROR_CODES[c].summary}`).join('\n\n'),
      allOf: [{ $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` }, { type: 'object', properties: { code: { type: 'string', enum: list } } }],
      'x-examples': Object.fromEntries(list.map((c) => [c, { summary: c, value: { code: c, message: ERROR_CODES[c].summary.split(';')[0]!.replace(/`/g, ''), ...(EXAMPLE_DETAILS[c] ? { details: EXAMPLE_DETAILS[c] } : {}) } }])),
    };
  }
  return out;
}
