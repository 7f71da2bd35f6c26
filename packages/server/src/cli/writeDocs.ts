#!/usr/bin/env node
/** `npm run docs`: regenerates the reference pages that are derived from code. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configurationDoc, errorsDoc } from './referenceDocs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
fs.writeFileSync(path.join(root, 'docs/errors.md'), errorsDoc());
fs.writeFileSync(path.join(root, 'docs/configuration.md'), configurationDoc());
console.log('wrote docs/errors.md and docs/configuration.md');
