/**
 * A client generated from `GET /openapi.json` by common tools works: openapi-typescript turns the
 * document into types, a small program written against them with openapi-fetch must type-check
 * under the repo's strict settings, and the same program (transpiled) then signs up two people,
 * opens a 1:1 and sends a message on a real server, and reads a typed error. What an outside
 * developer would do with the document, with nothing of ours but the document.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestServer, type TestServer } from '../testing/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Written against the generated `paths` only; every call and result is typed from the document. */
const PROGRAM = `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export interface SmokeResult {
  conversationId: string;
  folder: string;
  messageText: string;
  seq: number;
  retrySeq: number;
  missingStatus: number;
  missingCode: string;
}

export async function smoke(baseUrl: string, suffix: string): Promise<SmokeResult> {
  const api = createClient<paths>({ baseUrl });
  const signup = async (name: string) => {
    const { data, error } = await api.POST('/v1/auth/signup', { body: { username: name + suffix, displayName: name, password: 'correct horse battery' } });
    if (error) throw new Error('signup: ' + error.code + ' ' + error.message);
    return data;
  };
  const ada = await signup('gen_ada');
  const bob = await signup('gen_bob');
  const auth = { headers: { authorization: 'Bearer ' + ada.token } };
  const opened = await api.POST('/v1/conversations/direct', { body: { userId: bob.user.id }, ...auth });
  if (opened.error) throw new Error('openDirect: ' + opened.error.code);
  const conversationId: string = opened.data.conversation.id;
  const body = { clientMessageId: 'gen-1', text: 'hello from a generated client' };
  const sent = await api.POST('/v1/conversations/{id}/messages', { params: { path: { id: conversationId } }, body, ...auth });
  if (sent.error) throw new Error('sendMessage: ' + sent.error.code);
  const retry = await api.POST('/v1/conversations/{id}/messages', { params: { path: { id: conversationId } }, body, ...auth });
  if (retry.error) throw new Error('sendMessage retry: ' + retry.error.code);
  const missing = await api.GET('/v1/conversations/{id}', { params: { path: { id: 'no-such-conversation' } }, ...auth });
  // The error's code is typed with the codes the document lists for this operation.
  type MissingCode = NonNullable<typeof missing.error>['code'];
  const documented: MissingCode = 'not_found';
  const code: MissingCode | undefined = missing.error?.code;
  return {
    conversationId,
    folder: opened.data.conversation.folder,
    messageText: sent.data.message.text,
    seq: sent.data.message.seq,
    retrySeq: retry.data.message.seq,
    missingStatus: missing.response.status,
    missingCode: code ?? 'none, not ' + documented,
  };
}
`;

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  // Inside the repo's node_modules, so the program resolves openapi-fetch like any dependency.
  dir = fs.mkdtempSync(path.join(root, 'node_modules', '.generated-client-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await server.close();
});

describe('a client generated from the OpenAPI document', () => {
  it('compiles under strict settings, then signs up, opens a conversation and sends a message', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as object;
    fs.writeFileSync(path.join(dir, 'schema.ts'), astToString(await openapiTS(doc as Parameters<typeof openapiTS>[0])));
    fs.writeFileSync(path.join(dir, 'smoke.ts'), PROGRAM);

    const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    const { options, errors } = ts.convertCompilerOptionsFromJson({ ...base.compilerOptions, composite: false, declaration: false, declarationMap: false, noEmit: true, types: [] }, dir);
    expect(errors).toEqual([]);
    const program = ts.createProgram([path.join(dir, 'smoke.ts')], options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);

    // The program that type-checked, run as JavaScript (types erased, nothing else changed).
    const js = ts.transpileModule(PROGRAM, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;
    fs.writeFileSync(path.join(dir, 'smoke.mjs'), js);
    const { smoke } = (await import(pathToFileURL(path.join(dir, 'smoke.mjs')).href)) as { smoke: (url: string, suffix: string) => Promise<Record<string, unknown>> };
    const result = await smoke(server.url, String(process.pid));
    expect(result).toMatchObject({ folder: 'inbox', messageText: 'hello from a generated client', missingStatus: 404, missingCode: 'not_found' });
    expect(result.retrySeq).toBe(result.seq);
  });

  it('fails to compile a program that misuses the API (the check has teeth)', async () => {
    const wrong = PROGRAM.replace("text: 'hello from a generated client'", "txt: 'a typo'");
    expect(wrong).not.toBe(PROGRAM);
    fs.writeFileSync(path.join(dir, 'wrong.ts'), wrong);
    const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    const { options } = ts.convertCompilerOptionsFromJson({ ...base.compilerOptions, composite: false, declaration: false, declarationMap: false, noEmit: true, types: [] }, dir);
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([path.join(dir, 'wrong.ts')], options)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics.join('\n')).toMatch(/txt/);
  });
});
