/**
 * Image uploads and media through the public API (docs/subsystems/media.md), on both backends:
 * type by bytes, re-encoding without metadata, caps while bytes arrive, pixel bombs, rate limits,
 * sends that reference uploads, access on every fetch with short-lived tokens, garbage collection.
 */
import http from 'node:http';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Message } from '@backchannel/protocol';
import { api, cmid } from '../domain/requests/requests.test-helpers.js';
import { TestClock } from '../testing/clock.js';
import { signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ uploadsPerMinute: 1000 });
});
afterAll(() => server?.close());

async function upload(s: TestServer, u: TestUser, body: Buffer | Uint8Array, type = 'application/octet-stream') {
  const res = await fetch(`${s.url}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${u.token}`, 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as { upload: Attachment; code?: string; details?: Record<string, unknown> } & Record<string, unknown> };
}

async function tokenOf(s: TestServer, u: TestUser): Promise<string> {
  return (await api<{ token: string }>(s, u, 'GET', '/v1/media/token')).body.token;
}

async function media(s: TestServer, path: string, token: string) {
  const res = await fetch(`${s.url}${path}?t=${encodeURIComponent(token)}`);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const photo = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#884422' } })
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'SecretCam', ImageDescription: 'x'.repeat(30_000) }, IFD3: { GPSLatitudeRef: 'N' } } })
    .jpeg()
    .toBuffer();

/** A PNG whose header claims `w`×`h` pixels, with a few bytes of data: a decompression bomb's shape. */
function pngHeaderOnly(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

async function pair(s: TestServer) {
  const [a, b] = [await signupUser(s), await signupUser(s)];
  await b.client.follow(a.id);
  await a.client.follow(b.id);
  return { a, b, conversationId: (await a.client.openDirect(b.id)).id };
}

const sendWith = (s: TestServer, u: TestUser, conversationId: string, attachments: string[], text = '', clientMessageId = cmid()) =>
  api<{ message: Message }>(s, u, 'POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId, text, attachments });

describe('image uploads', () => {
  it('re-encodes a photo (orientation applied, size capped, no EXIF or GPS), sends it with an empty caption, serves it to members only', async () => {
    const { a, b, conversationId } = await pair(server);
    const up = await upload(server, a, await photo(), 'image/jpeg');
    expect(up.status).toBe(201);
    const att = up.body.upload;
    expect([att.kind, att.contentType, att.width, att.height]).toEqual(['image', 'image/webp', 1365, 2048]);
    expect(att.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(att.placeholder.length).toBeLessThan(1000);

    // Before it is sent only its uploader can load it.
    expect((await media(server, att.url, await tokenOf(server, b))).res.status).toBe(404);
    expect((await media(server, att.url, await tokenOf(server, a))).res.status).toBe(200);

    const sent = await sendWith(server, a, conversationId, [att.id]);
    expect(sent.status).toBe(201);
    expect(sent.body.message.text).toBe('');
    expect(sent.body.message.attachments).toEqual([att]);
    const seen = (await b.client.history(conversationId)).messages.find((m) => m.id === sent.body.message.id)!;
    expect(seen.attachments).toEqual([att]);

    const full = await media(server, att.url, await tokenOf(server, b));
    expect(full.res.status).toBe(200);
    expect([full.res.headers.get('content-type'), full.res.headers.get('x-content-type-options')]).toEqual(['image/webp', 'nosniff']);
    expect(full.res.headers.get('content-security-policy')).toContain('sandbox');
    expect(full.res.headers.get('content-disposition')).toMatch(/^inline; filename="[A-Za-z0-9_-]+\.webp"$/);
    const meta = await sharp(full.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(['webp', 1365, 2048, undefined, undefined]);
    const thumb = await sharp((await media(server, att.thumbUrl, await tokenOf(server, b))).bytes).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(400);

    // A stranger, a forged token and an unknown id all get the same not_found.
    const stranger = await signupUser(server);
    const answers = await Promise.all([media(server, att.url, await tokenOf(server, stranger)), media(server, att.url, 'forged.1.x'), media(server, '/v1/media/AAAAAAAAAAAAAAAAAAAAAA/full', await tokenOf(server, a))]);
    expect(answers.map((x) => x.res.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((x) => x.bytes.toString())).size).toBe(1);
  });

  it('a retried send returns the original; an upload is sent once; another person\'s upload is not_found', async () => {
    const { a, b, conversationId } = await pair(server);
    const att = (await upload(server, a, await photo())).body.upload;
    const id = cmid();
    const first = await sendWith(server, a, conversationId, [att.id], 'caption', id);
    const retry = await sendWith(server, a, conversationId, [att.id], 'caption', id);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.message.id).toBe(first.body.message.id);
    expect((await sendWith(server, a, conversationId, [att.id])).body.code).toBe('not_found');
    const theirs = (await upload(server, b, await photo())).body.upload;
    const stolen = await sendWith(server, a, conversationId, [theirs.id], 'mine now');
    expect([stolen.status, stolen.body.code]).toEqual([404, 'not_found']);
    expect((await b.client.history(conversationId)).messages.filter((m) => m.text === 'mine now')).toEqual([]);
  });

  it('no images in a pending request: the send is refused and nothing is stored', async () => {
    const [stranger, target] = [await signupUser(server), await signupUser(server)];
    const conv = await stranger.client.openDirect(target.id);
    const att = (await upload(server, stranger, await photo())).body.upload;
    const res = await sendWith(server, stranger, conv.id, [att.id], 'hello');
    expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
    expect((await stranger.client.history(conv.id)).messages).toEqual([]);
  });

  it.each<[string, () => Buffer | Promise<Buffer>, string]>([
    ['HTML named .png', () => Buffer.from('<html><script>alert(1)</script></html>'), 'image/png'],
    ['SVG', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml'],
    ['PDF', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'application/pdf'],
    ['a zip', () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]), 'application/zip'],
    ['0 bytes', () => Buffer.alloc(0), 'image/jpeg'],
    ['a truncated JPEG', async () => (await photo()).subarray(0, 2000), 'image/jpeg'],
    ['a corrupt PNG', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]), 'image/png'],
    ['a 50,000 × 50,000 PNG (decompression bomb)', () => pngHeaderOnly(50_000, 50_000), 'image/png'],
  ])('refuses %s with unsupported_media and stores nothing', async (_name, make, type) => {
    const u = await signupUser(server);
    const res = await upload(server, u, await make(), type);
    expect([res.status, res.body.code]).toEqual([415, 'unsupported_media']);
  });
});

describe('upload limits', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ uploadMaxImageBytes: 64 * 1024, uploadsPerMinute: 3 });
  });
  afterAll(() => small?.close());

  it('over the cap: 413 as soon as the cap is crossed, before the rest of the body is read', async () => {
    const u = await signupUser(small);
    const total = 32 * 1024 * 1024;
    // A chunked body (no Content-Length), written one 64 KB chunk at a time until the answer comes.
    const { status, code, written } = await new Promise<{ status: number; code: string; written: number }>((resolve, reject) => {
      const req = http.request(`${small.url}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${u.token}`, 'content-type': 'image/jpeg' } });
      let written = 0;
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { code: string }).code, written }));
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const chunk = Buffer.alloc(64 * 1024, 0xff);
      const pump = () => {
        while (!answered && written < total) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect([status, code]).toEqual([413, 'too_large']);
    expect(written).toBeLessThan(total / 4);
    // A declared length over the cap is refused without reading anything.
    const declared = await upload(small, u, Buffer.alloc(70 * 1024, 1), 'image/jpeg');
    expect([declared.status, declared.body.code]).toEqual([413, 'too_large']);
  });

  it('rate-limits uploads per person', async () => {
    const u = await signupUser(small);
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await upload(small, u, tiny)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });
});

describe('garbage collection', () => {
  it('an upload no message took is deleted after a day; a sent one stays', async () => {
    const clock = new TestClock();
    const s = await startTestServer({ jobsPollMs: 0, uploadsPerMinute: 1000 }, { clock });
    try {
      const { a, conversationId } = await pair(s);
      const unsent = (await upload(s, a, await photo())).body.upload;
      const sent = (await upload(s, a, await photo())).body.upload;
      await sendWith(s, a, conversationId, [sent.id]);
      clock.advance(25 * 3_600_000);
      await s.jobs.runDue();
      const token = await tokenOf(s, a);
      expect((await media(s, unsent.url, token)).res.status).toBe(404);
      expect((await media(s, sent.url, token)).res.status).toBe(200);
      expect(await s.deps.store.read.uploads.byId(unsent.id)).toBeNull();
    } finally {
      await s.close();
    }
  });
});
