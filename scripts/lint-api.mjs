#!/usr/bin/env node
/**
 * `npm run lint:api` (and a step of `npm test`): lints `GET /openapi.json` of both rooms modes with
 * Redocly's linter and the rules in redocly.yaml (recommended-strict: every warning is an error).
 * Needs a build (packages/server/dist).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { openapiDocument } = await import(path.join(root, 'packages/server/dist/cli/apiDocuments.js'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-lint-api-'));
const files = [];
for (const mode of ['builtin', 'external']) {
  const file = path.join(dir, `openapi-${mode}.json`);
  fs.writeFileSync(file, JSON.stringify(await openapiDocument(mode), null, 2));
  files.push(file);
}
const bin = path.join(root, 'node_modules/.bin/redocly');
const r = spawnSync(bin, ['lint', ...files, '--config', path.join(root, 'redocly.yaml'), '--max-problems', '200'], { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
fs.rmSync(dir, { recursive: true, force: true });
// redocly.yaml extends recommended-strict: every problem is an error, and any error exits non-zero.
process.exit(r.status ?? 1);
