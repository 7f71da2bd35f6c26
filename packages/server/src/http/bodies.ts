/**
 * Request bodies: JSON objects only, parsed by the safe parser (lib/safeJson.ts), which refuses
 * what JSON.parse lets through but we cannot store safely (huge numbers, deep nesting, lone
 * surrogates) with `bad_json`. A body that is JSON but not an object is a wrong type: `bad_request`
 * with `details.field: "body"`, as a wrong-typed field would be.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { BadJson, parseSafeJson } from '../lib/safeJson.js';

function parseBody(text: string): Record<string, unknown> | undefined {
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = parseSafeJson(text);
  } catch (err) {
    const e = new BadJson((err as Error).message);
    e.name = 'BadJson';
    throw e;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('bad_request', 'The body must be a JSON object.', { field: 'body', in: 'body' });
  }
  return value as Record<string, unknown>;
}

export function registerJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
