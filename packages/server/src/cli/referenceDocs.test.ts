import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DURABLE_EVENT_TYPES, ROOM_EVENT_TYPES, errorCodes } from '@backchannel/protocol';
import { CLIENT_OPS, SERVER_FRAMES } from '@backchannel/protocol/schemas';
import { configurationDoc, errorsDoc } from './referenceDocs.js';
import { SOCKET_BEGIN, SOCKET_END, withSocketTables } from './socketReference.js';

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

  it('docs/api/socket.md has a row for every op, frame and event of the protocol', () => {
    const doc = read('docs/api/socket.md');
    expect(doc).toBe(withSocketTables(doc));
    const section = doc.slice(doc.indexOf(SOCKET_BEGIN), doc.indexOf(SOCKET_END));
    const rows = [...section.matchAll(/^\| `([a-z_.]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...Object.keys(CLIENT_OPS), ...Object.keys(SERVER_FRAMES), ...DURABLE_EVENT_TYPES, 'typing', ...ROOM_EVENT_TYPES, 'room.counts', 'hallway.updated', 'room.qa_votes'].sort());
    expect(rows).toEqual(expect.arrayContaining(['request.accepted', 'message.removed']));
  });

  it('keeps the prose around the generated section and refuses a page without the markers', () => {
    const page = `intro\n\n${SOCKET_BEGIN}\nstale\n${SOCKET_END}\n\noutro\n`;
    const out = withSocketTables(page);
    expect(out.startsWith(`intro\n\n${SOCKET_BEGIN}\n`)).toBe(true);
    expect(out.endsWith(`${SOCKET_END}\n\noutro\n`)).toBe(true);
    expect(out).not.toContain('stale');
    expect(() => withSocketTables('no markers')).toThrow(/markers/);
  });
});
