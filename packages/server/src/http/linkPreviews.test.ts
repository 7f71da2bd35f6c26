/**
 * Link previews through the public API (docs/subsystems/links.md), on both backends: the job after
 * commit, `message.updated`, the image we re-encoded and serve, the cache per normalized URL, no
 * previews in pending requests, refused addresses giving no preview, the sender removing previews,
 * and the off switch. Pages come from the project's fixture server on 127.0.0.1; names resolve
 * through a table (never real DNS).
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableEvent, EventOf, Message } from '@backchannel/protocol';
import { api, cmid } from '../domain/requests/requests.test-helpers.js';
import { startFixtureServer, tableResolver, watchConnects, type FixtureServer } from '../links/fixtureServer.test-helpers.js';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';

let fx: FixtureServer;
let server: TestServer;
let cover: Buffer;
const article = fs.readFileSync(new URL('../links/fixtures/article.html', import.meta.url));

beforeAll(async () => {
  // A photo-sized PNG with EXIF (orientation 6 and a camera name) that our copy must not keep.
  cover = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#336699' } })
    .withMetadata({ orientation: 6, exif: { IFD0: { Make: 'PreviewCam' } } })
    .png()
    .toBuffer();
  fx = await startFixtureServer({
    '/article': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article),
    '/img/cover.png': (_q, r) => void r.writeHead(200, { 'content-type': 'image/png' }).end(cover),
    '/text': (_q, r) => void r.writeHead(200, { 'content-type': 'text/plain' }).end('just text'),
    '/lying-image': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<meta property="og:title" content="Lying image"><meta property="og:image" content="/fake.png">'),
    '/fake.png': (_q, r) => void r.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>'),
  });
  server = await startTestServer(
    { jobsPollMs: 0, linkPreviewAllowAddresses: ['127.0.0.1/32'], linkPreviewPorts: ['80', '443', String(fx.port)], linkPreviewTimeoutMs: 3000 },
    { resolver: tableResolver({ 'site.test': '127.0.0.1', 'private.test': '10.1.2.3' }) },
  );
});
afterAll(async () => {
  await server?.close();
  await fx?.close();
});

const link = (path: string, host = 'site.test') => `http://${host}:${fx.port}${path}`;

/** A and B in a 1:1 that is not a request (B follows A). */
async function pair(): Promise<{ a: TestUser; b: TestUser; conversationId: string }> {
  const [a, b] = [await signupUser(server), await signupUser(server)];
  await b.client.follow(a.id);
  await a.client.follow(b.id);
  const conv = await a.client.openDirect(b.id);
  return { a, b, conversationId: conv.id };
}

const send = (u: TestUser, conversationId: string, text: string) => u.client.sendMessage(conversationId, { clientMessageId: cmid(), text });
const historyOf = async (u: TestUser, conversationId: string, id: string): Promise<Message> => (await u.client.history(conversationId)).messages.find((m) => m.id === id)!;
const updates = (spy: SpySocket, id: string) => spy.events().filter((e: DurableEvent): e is EventOf<'message.updated'> => e.type === 'message.updated' && e.data.messageId === id);

describe('link previews', () => {
  it('are fetched after commit by the job, arrive as message.updated, and their image is our re-encoded copy', async () => {
    const { a, b, conversationId } = await pair();
    const spy = await SpySocket.open(server, b.token);
    const sent = await send(a, conversationId, `the log ${link('/article')} is wonderful`);
    expect(sent.previews).toBeUndefined();
    expect(fx.hits.get('/article') ?? 0).toBe(0); // nothing fetched on the send path
    expect(await server.jobs.runDue()).toBeGreaterThan(0);
    const ev = (await spy.waitFor((f) => f.type === 'message.updated')) as EventOf<'message.updated'>;
    expect(ev.data).toMatchObject({ conversationId, messageId: sent.id, seq: sent.seq });
    expect(Object.keys(ev.data.fields)).toEqual(['previews']);
    const [p] = ev.data.fields.previews!;
    expect(p).toMatchObject({ url: link('/article'), canonicalUrl: 'https://harbour.example/stories/logbook', title: 'The Lighthouse Keeper’s Logbook', description: 'Forty years of weather, ships & one very patient cat.', siteName: 'Harbour Notes' });
    expect(p!.image!.url).toMatch(/^\/v1\/link-previews\/images\/[A-Za-z0-9_-]{22}$/);
    expect((await historyOf(b, conversationId, sent.id)).previews).toEqual(ev.data.fields.previews);

    const res = await fetch(`${server.url}${p!.image!.url}`);
    expect(res.status).toBe(200);
    expect([res.headers.get('content-type'), res.headers.get('x-content-type-options')]).toEqual(['image/webp', 'nosniff']);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const bytes = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    // Orientation 6 applied (portrait now), capped at 800, no EXIF kept.
    expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(['webp', 450, 800, undefined, undefined]);
    expect([p!.image!.width, p!.image!.height]).toEqual([450, 800]);
    spy.close();
  });

  it('are cached per normalized URL: the same page sent again is not fetched again', async () => {
    const { a, conversationId } = await pair();
    await server.jobs.runDue();
    const before = fx.hits.get('/article') ?? 0;
    const m = await send(a, conversationId, `again ${link('/article')}?utm_source=chat#top`);
    await server.jobs.runDue();
    expect((await historyOf(a, conversationId, m.id)).previews?.[0]?.title).toBe('The Lighthouse Keeper’s Logbook');
    expect(fx.hits.get('/article') ?? 0).toBe(before);
  });

  it('a page that is not HTML, or an image that is not an image, gives no preview or no image', async () => {
    const { a, conversationId } = await pair();
    const text = await send(a, conversationId, link('/text'));
    const lying = await send(a, conversationId, link('/lying-image'));
    await server.jobs.runDue();
    expect((await historyOf(a, conversationId, text.id)).previews).toBeUndefined();
    expect((await historyOf(a, conversationId, lying.id)).previews).toEqual([expect.objectContaining({ title: 'Lying image', image: null })]);
    expect(fx.hits.get('/fake.png')).toBe(1);
  });

  it('a link to a refused address gives no preview and opens no connection to it', async () => {
    const { a, conversationId } = await pair();
    const connects = watchConnects();
    try {
      const m = await send(a, conversationId, `${link('/article', '127.0.0.2')} and ${link('/article', 'private.test')} and http://169.254.169.254/latest/meta-data/`);
      await server.jobs.runDue();
      expect((await historyOf(a, conversationId, m.id)).previews).toBeUndefined();
      expect(connects.hosts.filter((h) => !h.startsWith('127.0.0.1:'))).toEqual([]);
    } finally {
      connects.stop();
    }
  });

  it('are never fetched for a pending request', async () => {
    const [stranger, target] = [await signupUser(server), await signupUser(server)];
    const conv = await stranger.client.openDirect(target.id);
    fx.route('/request-only', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<title>should not be fetched</title>'));
    const m = await send(stranger, conv.id, `hi ${link('/request-only')}`);
    expect((await target.client.listRequests()).conversations.map((c) => c.id)).toContain(conv.id);
    await server.jobs.runDue();
    expect(fx.hits.get('/request-only') ?? 0).toBe(0);
    expect((await historyOf(target, conv.id, m.id)).previews).toBeUndefined();
  });

  it('the sender removes them for everyone, once; others get forbidden, strangers not_found', async () => {
    const { a, b, conversationId } = await pair();
    const m = await send(a, conversationId, link('/article'));
    expect(await server.deps.store.read.jobs.byKey(`links.preview:${m.id}`)).not.toBeNull();
    await server.jobs.runDue();
    expect((await historyOf(a, conversationId, m.id)).previews).toHaveLength(1);
    const path = `/v1/conversations/${conversationId}/messages/${m.id}/previews`;
    const stranger = await signupUser(server);
    expect((await api(server, b, 'DELETE', path)).body.code).toBe('forbidden');
    const unknown = await api(server, stranger, 'DELETE', `/v1/conversations/${conversationId}/messages/nope/previews`);
    const notMine = await api(server, stranger, 'DELETE', path);
    expect([unknown.status, notMine.status]).toEqual([404, 404]);
    expect(JSON.stringify(unknown.body)).toBe(JSON.stringify(notMine.body));
    expect((await api(server, a, 'DELETE', `/v1/conversations/${conversationId}/messages/${m.id}/previews?x=1`)).status).toBe(200);

    const spy = await SpySocket.open(server, b.token, null);
    const removed = await a.client.removePreviews(conversationId, m.id);
    expect(removed.previews).toBeUndefined();
    await spy.settle();
    expect(updates(spy, m.id)).toHaveLength(0); // already removed by the raw call above: nothing new
    expect((await historyOf(b, conversationId, m.id)).previews).toBeUndefined();
    spy.close();
  });

  it('removing tells the members with message.updated, and a later job run does not bring them back', async () => {
    const { a, b, conversationId } = await pair();
    const spy = await SpySocket.open(server, b.token, null);
    const m = await send(a, conversationId, link('/article'));
    await a.client.removePreviews(conversationId, m.id); // before the job ran
    await server.jobs.runDue();
    await spy.settle();
    const got = updates(spy, m.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.data.fields).toEqual({ previews: [] });
    expect((await historyOf(b, conversationId, m.id)).previews).toBeUndefined();
    spy.close();
  });

  it('an image id that does not exist is not_found', async () => {
    const res = await api(server, null, 'GET', '/v1/link-previews/images/AAAAAAAAAAAAAAAAAAAAAA');
    expect([res.status, res.body.code]).toEqual([404, 'not_found']);
  });
});

describe('the off switch', () => {
  it('with linkPreviews off, a link enqueues nothing and nothing is fetched', async () => {
    const off = await startTestServer({ jobsPollMs: 0, linkPreviews: false, linkPreviewAllowAddresses: ['127.0.0.1/32'], linkPreviewPorts: [String(fx.port)] }, { resolver: tableResolver({ 'site.test': '127.0.0.1' }) });
    try {
      const [a, b] = [await signupUser(off), await signupUser(off)];
      await b.client.follow(a.id);
      const conv = await a.client.openDirect(b.id);
      fx.route('/off', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<title>off</title>'));
      const m = await a.client.sendMessage(conv.id, { clientMessageId: cmid(), text: link('/off') });
      expect(await off.deps.store.read.jobs.byKey(`links.preview:${m.id}`)).toBeNull();
      await off.jobs.runDue();
      expect(fx.hits.get('/off') ?? 0).toBe(0);
    } finally {
      await off.close();
    }
  });
});
