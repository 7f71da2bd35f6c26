/** Parses and validates one client frame: bad JSON → `bad_json`, wrong shape → `bad_request` naming the field. */
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { CLIENT_OPS, type ClientFrame, type ClientOpName, type TSchema } from '@backchannel/protocol/schemas';
import { BadJson, parseSafeJson } from '../lib/safeJson.js';

const CHECKS = Object.fromEntries(Object.entries(CLIENT_OPS).map(([op, schema]) => [op, TypeCompiler.Compile(schema as TSchema)])) as Record<ClientOpName, TypeCheck<TSchema>>;

export type ParsedFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: 'bad_json' | 'bad_request'; message: string; id?: string; field?: string };

export function parseFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = parseSafeJson(text, { maxDepth: 8, maxArray: 256 });
  } catch (err) {
    const id = readableId(text);
    return { ok: false, code: 'bad_json', message: `Frame is not acceptable JSON: ${(err as BadJson).message}.`, ...(id ? { id } : {}) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, code: 'bad_request', message: 'A frame is a JSON object.', field: 'op' };
  const obj = raw as Record<string, unknown>;
  const id = requestId(obj);
  const op = obj.op;
  if (typeof op !== 'string' || !Object.hasOwn(CHECKS, op)) {
    return { ok: false, code: 'bad_request', message: `Unknown op ${JSON.stringify(op)}; known: ${Object.keys(CHECKS).join(', ')}.`, field: 'op', ...(id ? { id } : {}) };
  }
  const check = CHECKS[op as ClientOpName];
  if (!check.Check(obj)) {
    const first = check.Errors(obj).First();
    const field = first?.path.replace(/^\//, '').replace(/\//g, '.') || 'op';
    return { ok: false, code: 'bad_request', message: `Invalid field ${field}: ${first?.message ?? 'invalid'}.`, field, ...(id ? { id } : {}) };
  }
  return { ok: true, frame: obj as ClientFrame };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function requestId(obj: Record<string, unknown>): string | undefined {
  const id = obj.id;
  return typeof id === 'string' && id.length >= 1 && id.length <= 64 && !LONE_SURROGATE.test(id) ? id : undefined;
}

/**
 * A frame refused by the safe parser (a lone surrogate in `text`, a huge number, deep nesting…) is
 * often still plain JSON whose `id` can be read; echoing it lets the client settle that request
 * instead of waiting for an answer that never comes. The frame is already bounded by the size limit.
 */
function readableId(text: string): string | undefined {
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? requestId(raw as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
