#!/usr/bin/env node
/** `npm run docs`: regenerates the reference pages (and the page sections) that are derived from code. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configurationDoc, errorsDoc } from './referenceDocs.js';
import { withSocketTables } from './socketReference.js';
import { asyncapiFile } from '../http/asyncapi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
fs.writeFileSync(path.join(root, 'docs/errors.md'), errorsDoc());
fs.writeFileSync(path.join(root, 'docs/configuration.md'), configurationDoc());
const socket = path.join(root, 'docs/api/socket.md');
fs.writeFileSync(socket, withSocketTables(fs.readFileSync(socket, 'utf8')));
fs.writeFileSync(path.join(root, 'docs/api/asyncapi.json'), asyncapiFile());
console.log('wrote docs/errors.md, docs/configuration.md, docs/api/asyncapi.json and the tables of docs/api/socket.md');
