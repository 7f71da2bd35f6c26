/**
 * Names in `GET /openapi.json`: routes use the protocol's TypeBox schemas inline, so the document
 * @fastify/swagger builds repeats `Conversation`, `Message`, … wherever they occur. Here every
 * exported protocol object schema becomes `components.schemas.<export name>`, and each place of the
 * document that holds exactly that schema becomes a `$ref` to it. Generated clients then get named
 * types (`components['schemas']['Message']`), and the document is a fraction of the size.
 * Only exact matches are replaced (annotations aside), so nothing is ever described differently.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import * as wire from '@backchannel/protocol/schemas';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isSchema = (v: unknown): v is TSchema => typeof v === 'object' && v !== null && Kind in v;

/** The protocol's named object schemas, by export name (the first name of a schema exported twice). */
export function namedProtocolSchemas(): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  const seen = new Set<unknown>();
  for (const [name, value] of Object.entries(wire)) {
    if (!isSchema(value) || seen.has(value) || value[Kind] !== 'Object') continue;
    seen.add(value);
    out[name] = value;
  }
  return out;
}

const ANNOTATIONS = new Set(['example', 'examples']);

/** A stable text of a schema, keys sorted, examples left out (they move to media objects). */
function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => !ANNOTATIONS.has(k)).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Replaces, in place, every subschema equal to a component by a `$ref` to it; drops components nothing refers to. */
export function referenceComponents(doc: JsonObject, names: readonly string[]): void {
  const components = (doc.components as JsonObject).schemas as JsonObject;
  const byText = new Map<string, string>();
  for (const name of names) {
    const s = components[name];
    if (isObject(s) && !byText.has(canonical(s))) byText.set(canonical(s), name);
  }
  const walk = (node: Json, self: string | null): Json => {
    if (Array.isArray(node)) return node.map((n) => walk(n, null));
    if (!isObject(node) || typeof node.$ref === 'string') return node;
    const name = byText.get(canonical(node));
    if (name !== undefined && name !== self) return { $ref: `#/components/schemas/${name}` };
    for (const k of Object.keys(node)) node[k] = walk(node[k]!, null);
    return node;
  };
  doc.paths = walk(doc.paths!, null);
  for (const name of names) if (isObject(components[name])) components[name] = walk(components[name], name);
  // A component only components refer to is used too; keep going until nothing new is found.
  const refsIn = (node: Json, out: Set<string>): void => {
    if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
    else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') out.add(v.replace('#/components/schemas/', ''));
        else refsIn(v, out);
      }
    }
  };
  const keep = new Set<string>();
  refsIn(doc.paths, keep);
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of [...keep]) {
      const inner = new Set<string>();
      refsIn(components[name] ?? null, inner);
      for (const n of inner) {
        if (!keep.has(n)) {
          keep.add(n);
          grew = true;
        }
      }
    }
  }
  for (const name of Object.keys(components)) if (!keep.has(name)) delete components[name];
}
