/**
 * The client entry (`@backchannel/protocol`) must load no TypeBox at run time; the server entry
 * (`@backchannel/protocol/schemas`) holds the schemas. See docs/adr/0004-one-wire-definition.md.
 *
 * The walk follows what survives compilation under `verbatimModuleSyntax`: an `import type` /
 * `export type` declaration is erased; any other declaration stays, even one whose names are all
 * marked `type` (it becomes a side-effect import), so it counts as a run-time edge.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as client from './index.js';
import * as schemas from './schemas.js';

const srcDir = dirname(fileURLToPath(import.meta.url));

function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const out: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
  }
  return out;
}

/** Files and packages loaded at run time by importing `entry`. */
function runtimeGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeSpecifiers(file)) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(join(srcDir, entry));
  return { files: [...files].map((f) => relative(srcDir, f)).sort(), packages: [...packages].sort() };
}

describe('protocol entries', () => {
  it('the client entry loads only plain constants, no TypeBox', () => {
    expect(runtimeGraph('index.ts')).toEqual({ files: ['errors.ts', 'eventTypes.ts', 'index.ts', 'limits.ts', 'tokenScopes.ts'], packages: [] });
    expect(Object.keys(client).sort()).toEqual(['CLOSE_CODES', 'DURABLE_EVENT_TYPES', 'ERROR_CODES', 'LIMITS', 'QUESTION_LIMITS', 'ROOM_EVENT_TYPES', 'ROOM_LIMITS', 'TOKEN_SCOPES', 'errorCodes', 'httpStatusFor']);
  });

  it('the server entry carries the schemas (and so TypeBox)', () => {
    expect(runtimeGraph('schemas.ts').packages).toEqual(['@sinclair/typebox']);
    expect(schemas.CLIENT_OPS['message.send'].properties.op.const).toBe('message.send');
    expect(schemas.DurableEvent.anyOf.map((s) => s.properties.type.const).sort()).toEqual([...client.DURABLE_EVENT_TYPES].sort());
  });
});
