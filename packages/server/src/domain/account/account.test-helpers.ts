/** Shared by the export and deletion tests: unzip an export, and read what a user can read through the API. */
import yauzl from 'yauzl';
import type { Conversation, Message } from '@backchannel/protocol';
import type { TestUser } from '../../testing/harness.js';
import { api } from '../requests/requests.test-helpers.js';

/** Every file of a zip archive, by path, as text. Rejects a damaged or truncated archive. */
export function unzip(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export async function downloadExport(server: { url: string }, user: TestUser): Promise<{ status: number; type: string | null; disposition: string | null; files: Map<string, string> }> {
  const res = await fetch(`${server.url}/v1/me/export`, { headers: { authorization: `Bearer ${user.token}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), files: res.status === 200 ? await unzip(buf) : new Map() };
}

/** What the API lets `user` read: every listed conversation in every folder, with its whole history. */
export async function readableThroughApi(server: { url: string }, user: TestUser): Promise<Map<string, Message[]>> {
  const out = new Map<string, Message[]>();
  for (const folder of ['inbox', 'requests', 'archived']) {
    const list = await api<{ conversations: Conversation[] }>(server, user, 'GET', `/v1/conversations?folder=${folder}&limit=100`);
    for (const c of list.body.conversations) {
      const messages: Message[] = [];
      let after = 0;
      for (let page = 0; page < 1000; page++) {
        const h = await api<{ messages: Message[]; hasMore: boolean }>(server, user, 'GET', `/v1/conversations/${c.id}/messages?after=${after}&limit=200`);
        messages.push(...h.body.messages);
        if (!h.body.hasMore) break;
        after = h.body.messages.at(-1)!.seq;
      }
      out.set(c.id, messages);
    }
  }
  return out;
}
