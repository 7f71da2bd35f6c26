/**
 * Every test server checks its own HTTP traffic against its own `GET /openapi.json`
 * (testing/harness.ts installs this on each one), so the API, socket and domain tests are also a
 * conformance pass of the document:
 * - the response's status must be documented for the operation, and its JSON body must match that
 *   status's schema (an error's `code` must be one the operation lists for the status);
 * - the request is checked too: one the document refuses must be answered 4xx, and one it accepts
 *   must not be refused by the server's own input validation (`bad_request` with `details.in`).
 * Mismatches are collected; `close()` of the test server fails with them listed. Validation uses
 * Ajv's JSON Schema 2020-12 dialect (the one OpenAPI 3.1 uses) on the document itself, not on the
 * TypeBox schemas the routes were built from, so a document that drifted from the server shows.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: { type?: string | string[] };
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_REPORTED = 50;

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class OpenapiCheck {
  readonly mismatches: string[] = [];
  /** Exchanges checked (a test can assert the pass was not empty). */
  checked = 0;
  private doc: { paths: Record<string, Record<string, Operation>> } | undefined;
  private ajv: Ajv2020 | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly app: FastifyInstance) {}

  /** Adds the hook; call before the app is ready. */
  install(): void {
    this.app.addHook('onSend', async (req, reply, payload) => {
      try {
        this.check(req, reply, payload);
      } catch (err) {
        this.report(`${req.method} ${req.url}: the check itself failed: ${(err as Error).message}`);
      }
      return payload;
    });
  }

  /** Throws when any exchange did not match the document. */
  assertClean(): void {
    if (this.mismatches.length === 0) return;
    throw new Error(`${this.mismatches.length} request(s)/response(s) do not match GET /openapi.json (http/openapi/, docs/api/README.md "Adding a route"):\n  ${this.mismatches.join('\n  ')}`);
  }

  private report(line: string): void {
    if (this.mismatches.length < MAX_REPORTED) this.mismatches.push(line);
  }

  private load(): void {
    if (this.doc) return;
    this.doc = this.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc as object, 'openapi');
  }

  private validator(pointer: string): ValidateFunction {
    let v = this.compiled.get(pointer);
    if (!v) {
      v = this.ajv!.getSchema(`openapi#${pointer}`);
      if (!v) throw new Error(`no schema at ${pointer}`);
      this.compiled.set(pointer, v);
    }
    return v;
  }

  private check(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const url = req.routeOptions.url;
    if (url === undefined || req.method === 'HEAD' || req.routeOptions.schema?.hide === true || req.routeOptions.schema === undefined) return;
    this.load();
    const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const method = req.method.toLowerCase();
    const op = this.doc!.paths[path]?.[method];
    if (!op) return; // not documented: websocket upgrade, static files
    this.checked++;
    const where = `${req.method} ${path} → ${reply.statusCode}`;
    const base = `/paths/${escape(path)}/${method}`;

    const status = String(reply.statusCode);
    const response = op.responses[status];
    let body: unknown;
    if (!response) {
      this.report(`${where}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')}); body ${String(payload).slice(0, 200)}`);
      return;
    }
    if (response.content?.['application/json']) {
      try {
        body = JSON.parse(typeof payload === 'string' ? payload : String(payload));
      } catch {
        this.report(`${where}: the body is not JSON`);
        return;
      }
      const v = this.validator(`${base}/responses/${status}/content/application~1json/schema`);
      if (!v(body)) this.report(`${where}: response body does not match: ${this.ajv!.errorsText(v.errors)}; body ${JSON.stringify(body).slice(0, 300)}`);
    }

    const refusal = this.requestRefusal(req, op, base);
    const serverRefusedInput = reply.statusCode === 400 && typeof (body as { details?: { in?: unknown } } | undefined)?.details?.in === 'string';
    if (refusal !== null && reply.statusCode < 400) this.report(`${where}: the document refuses this request (${refusal}) but the server accepted it`);
    if (refusal === null && serverRefusedInput) this.report(`${where}: the document accepts this request but the server refused its input: ${JSON.stringify(body)}`);
  }

  /** Why the document refuses the request, or null when it accepts it. */
  private requestRefusal(req: FastifyRequest, op: Operation, base: string): string | null {
    const params = (op.parameters ?? []).map((p, i) => ({ p, i }));
    for (const { p, i } of params) {
      if (p.in === 'cookie') continue;
      const source = (p.in === 'path' ? req.params : p.in === 'query' ? req.query : req.headers) as Record<string, unknown>;
      let value = source?.[p.in === 'header' ? p.name.toLowerCase() : p.name];
      if (value === undefined) {
        if (p.required) return `missing ${p.in} parameter ${p.name}`;
        continue;
      }
      const types = Array.isArray(p.schema.type) ? p.schema.type : [p.schema.type];
      if ((types.includes('integer') || types.includes('number')) && typeof value === 'string' && /^\d+$/.test(value)) value = Number(value);
      const v = this.validator(`${base}/parameters/${i}/schema`);
      if (!v(value)) return `${p.in} parameter ${p.name}: ${this.ajv!.errorsText(v.errors)}`;
    }
    if (params.some(({ p }) => p.in === 'query')) {
      const known = new Set(params.filter(({ p }) => p.in === 'query').map(({ p }) => p.name));
      const extra = Object.keys((req.query as Record<string, unknown>) ?? {}).find((k) => !known.has(k));
      if (extra !== undefined) return `unknown query parameter ${extra}`;
    }
    if (BODY_METHODS.has(req.method) && op.requestBody?.content['application/json']) {
      const contentType = String(req.headers['content-type'] ?? '');
      if (req.body === undefined || req.body === null) {
        if (op.requestBody.required) {
          // The server reads "no body" as {} (http/validation.ts): the document's schema decides.
          const v = this.validator(`${base}/requestBody/content/application~1json/schema`);
          if (!v({})) return 'no body';
        }
        return contentType !== '' && !contentType.startsWith('application/json') ? `content-type ${contentType}` : null;
      }
      const v = this.validator(`${base}/requestBody/content/application~1json/schema`);
      if (!v(req.body)) return `body: ${this.ajv!.errorsText(v.errors)}`;
    }
    return null;
  }
}
