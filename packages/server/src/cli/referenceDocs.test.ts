import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '@backchannel/protocol';
import { configurationDoc, errorsDoc } from './referenceDocs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

describe('reference docs stay in sync with the code (run `npm run docs` to regenerate)', () => {
  it('docs/errors.md lists exactly the protocol error codes', () => {
    expect(read('docs/errors.md')).toBe(errorsDoc());
    const documented = [...read('docs/errors.md').matchAll(/^\| `([a-z_]+)` \| \d{3} \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...errorCodes].sort());
  });

  it('docs/configuration.md lists exactly the settings', () => {
    expect(read('docs/configuration.md')).toBe(configurationDoc());
  });
});
