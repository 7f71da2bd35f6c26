/**
 * Link previews in the browser (docs/subsystems/links.md): a fixture page served by this run on
 * 127.0.0.1 (the project's own fixture, packages/server/src/links/fixtures/article.html, and an
 * image made here), the server allowed to fetch that one address (BACKCHANNEL_LINK_PREVIEW_*),
 * the card under the message for both people with the image from our server, never from the page's
 * host, and the sender removing it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { T, check, go, seeMessage, send } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTICLE = fs.readFileSync(path.join(here, '../../server/src/links/fixtures/article.html'));

/** The fixture site: /article and its og:image /img/cover.png. Counts hits per path. */
export async function startPreviewFixture() {
  const cover = await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#2f6f8f' } }).png().toBuffer();
  const hits = new Map();
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0];
    hits.set(p, (hits.get(p) ?? 0) + 1);
    if (p === '/article') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    else if (p === '/img/cover.png') res.writeHead(200, { 'content-type': 'image/png' }).end(cover);
    else res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    hits,
    /** What the e2e server needs to fetch from it (the default refuses loopback and other ports). */
    // The allow-list keeps every other link of the run (e.g. https://example.com in the first
    // scenario) from being fetched at all: refused before any DNS lookup, so nothing leaves the machine.
    env: { BACKCHANNEL_LINK_PREVIEW_ALLOW_DOMAINS: '127.0.0.1', BACKCHANNEL_LINK_PREVIEW_ALLOW_ADDRESSES: '127.0.0.1/32', BACKCHANNEL_LINK_PREVIEW_PORTS: `80,443,${port}`, BACKCHANNEL_JOBS_POLL_MS: '200' },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export async function linkPreviews(ctx) {
  const { ada, bea, people, previewFixture: fx } = ctx;
  check(people.dm, 'needs the 1:1 of the first scenario');
  const thirdParty = [];
  for (const page of [ada, bea]) page.on('request', (r) => r.url().startsWith(fx.origin) && thirdParty.push(r.url()));
  const dm = new URL(people.dm).pathname;
  await go(ada, dm);
  await go(bea, dm);
  const text = `The keeper's log ${fx.origin}/article`;
  await send(ada, text);
  await seeMessage(ada, "The keeper's log");
  for (const page of [ada, bea]) {
    const card = page.getByTestId('link-preview').filter({ hasText: 'The Lighthouse Keeper’s Logbook' });
    await card.waitFor({ timeout: T });
    await card.getByText('Harbour Notes').waitFor({ timeout: T });
    const img = card.locator('img');
    const src = await img.getAttribute('src');
    check(src?.startsWith('/v1/link-previews/images/'), `the preview image comes from our server, got ${src}`);
    check((await img.getAttribute('width')) === '800' && (await img.getAttribute('height')) === '420', 'the image box is reserved from the measured size');
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: T });
  }
  check(fx.hits.get('/article') === 1 && fx.hits.get('/img/cover.png') === 1, `the server fetched the page and image once each: ${JSON.stringify([...fx.hits])}`);
  check(thirdParty.length === 0, `the browsers loaded nothing from the linked site: ${thirdParty.join(', ')}`);
  const card = ada.getByTestId('link-preview').first();
  await card.scrollIntoViewIfNeeded();
  await ada.screenshot({ path: path.join(ctx.outDir, 'desktop-light-link-preview.png') });

  // Only the sender has the remove button; removing takes the card away for both.
  check((await bea.getByRole('button', { name: 'Remove link preview' }).count()) === 0, 'the recipient cannot remove the preview');
  await card.hover();
  await ada.getByRole('button', { name: 'Remove link preview' }).click();
  for (const page of [ada, bea]) await page.getByTestId('link-preview').filter({ hasText: 'The Lighthouse Keeper’s Logbook' }).waitFor({ state: 'detached', timeout: T });
  await seeMessage(bea, "The keeper's log");
}
