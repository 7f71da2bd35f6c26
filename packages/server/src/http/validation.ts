/**
 * Route input validation: the protocol's TypeBox schemas, compiled with the same compiler the
 * socket uses (gateway/frames.ts), so HTTP and the socket accept the same values and name the same
 * field when they refuse one. Nothing is coerced: `{"text": 5}` is a wrong type, not the text "5".
 * The one conversion is for query strings, where every value arrives as text: an integer parameter
 * is parsed when it is plain decimal digits within 2^53, and refused otherwise ("12abc", "1.5",
 * "0x10", "1e1", " 12").
 */
import type { FastifySchemaCompiler } from 'fastify';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Kind, type TSchema } from '@sinclair/typebox';

export type InputPart = 'body' | 'querystring' | 'params' | 'headers';

/** A request part that does not match its schema; `field` is a dotted path (`target`, `memberIds.0`). */
export class InvalidInput extends Error {
  constructor(
    readonly part: InputPart,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const DECIMAL = /^\d+$/;

function strictQueryNumbers(schema: TSchema, query: Record<string, unknown>): Record<string, unknown> {
  const props = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  const out: Record<string, unknown> = { ...query };
  for (const [key, value] of Object.entries(query)) {
    const type = props[key]?.type;
    if ((type === 'integer' || type === 'number') && typeof value === 'string' && DECIMAL.test(value)) {
      const n = Number(value);
      if (Number.isSafeInteger(n)) out[key] = n;
    }
  }
  return out;
}

function refusal(check: TypeCheck<TSchema>, part: InputPart, value: unknown): InvalidInput {
  const first = check.Errors(value).First();
  const field = first?.path.replace(/^\//, '').replace(/\//g, '.') || part;
  return new InvalidInput(part, field, `Invalid field ${field}: ${first?.message ?? 'invalid'}.`);
}

/** Fastify's validator compiler for every route (`app.setValidatorCompiler`). */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  if (!(Kind in schema)) throw new Error(`route schemas must be protocol (TypeBox) schemas; got ${JSON.stringify(schema).slice(0, 80)}`);
  const check = TypeCompiler.Compile(schema);
  const part = (httpPart ?? 'body') as InputPart;
  return (data: unknown) => {
    // Fastify hands an absent body over as null; the JSON parser only lets objects through
    // (http/bodies.ts), so null here means "no body": check it as an empty object, which names the
    // first missing field, and lets routes whose fields are all optional take no body.
    let value = part === 'body' && data === null ? {} : data;
    if (part === 'querystring' && typeof value === 'object' && value !== null) value = strictQueryNumbers(schema, value as Record<string, unknown>);
    return check.Check(value) ? { value } : { error: refusal(check, part, value) };
  };
};
