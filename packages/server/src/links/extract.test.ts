/** The card extractor and charset detection over the project's own fixture pages (links/fixtures/, written for these tests). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from './charset.js';
import { extractCard } from './extract.js';
import { normalizeUrl } from './normalize.js';

const page = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const card = (name: string, url: string, headerCharset: string | null = null) => extractCard(decodeHtml(page(name), headerCharset), new URL(url));

describe('extractCard', () => {
  it('prefers Open Graph, decodes entities, resolves a relative image, takes og:url as canonical; scripts do not run', () => {
    expect(card('article.html', 'http://harbour.example/s/1')).toEqual({
      title: 'The Lighthouse Keeper’s Logbook',
      description: 'Forty years of weather, ships & one very patient cat.',
      siteName: 'Harbour Notes',
      imageUrl: 'http://harbour.example/img/cover.png',
      canonicalUrl: 'https://harbour.example/stories/logbook',
    });
  });

  it('reads Twitter cards and collapses whitespace', () => {
    const c = card('twitter-card.html', 'https://harbour.example/tides');
    expect([c.title, c.description, c.imageUrl, c.siteName, c.canonicalUrl]).toEqual(['Tide tables, explained', 'Why the sea is late twice a day.', 'https://cdn.harbour.example/tides.jpg', null, 'https://harbour.example/tides']);
  });

  it('falls back to <title> and meta description, resolves against <base>, ignores an SVG title, takes the site from the title', () => {
    expect(card('plain.html', 'https://harbour.example/knots')).toEqual({
      title: 'Knots & Splices — Rope Guide',
      description: 'How to tie the ten knots every sailor needs.',
      siteName: 'Rope Guide',
      imageUrl: 'https://docs.harbour.example/guide/images/bowline.png',
      canonicalUrl: 'https://docs.harbour.example/guide/knots',
    });
  });

  it('survives malformed markup; drops a data: image', () => {
    const c = card('malformed.html', 'https://harbour.example/m');
    expect([c.title, c.description, c.imageUrl]).toEqual(['Nested heads still parse', 'unquoted', null]);
  });

  it('uses JSON-LD as data for what the meta tags lack, skips broken JSON-LD, never reads tags inside scripts', () => {
    expect(card('jsonld.html', 'https://harbour.example/q')).toEqual({
      title: 'Quarterly report',
      description: 'More ferries, fewer yachts.',
      siteName: 'Harbour Gazette',
      imageUrl: 'https://harbour.example/chart.png',
      canonicalUrl: 'https://harbour.example/q',
    });
  });

  it('cuts very long text', () => {
    const c = extractCard(`<title>${'long '.repeat(200)}</title>`, new URL('https://x.example/'));
    expect(c.title!.length).toBe(300);
    expect(c.title!.endsWith('…')).toBe(true);
  });
});

describe('decodeHtml', () => {
  it('reads a windows-1252 page by its meta charset', () => {
    expect(card('legacy-charset.html', 'https://harbour.example/cafe').title).toBe('Café crème – menu');
  });

  it('the Content-Type charset wins over the meta tag; a BOM wins over both', () => {
    const bytes = Buffer.from('<meta charset="windows-1252"><title>é</title>', 'utf8');
    expect(extractCard(decodeHtml(bytes, 'utf-8'), new URL('https://x.example/')).title).toBe('é');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    expect(extractCard(decodeHtml(bom, 'iso-8859-1'), new URL('https://x.example/')).title).toBe('é');
  });

  it('a page declaring a legacy charset whose bytes are UTF-8 is read as UTF-8; invalid UTF-8 without a declaration as windows-1252', () => {
    const lying = Buffer.from('<meta charset="windows-1251"><title>Привет</title>', 'utf8');
    expect(extractCard(decodeHtml(lying, null), new URL('https://x.example/')).title).toBe('Привет');
    const latin = Buffer.from([...Buffer.from('<title>'), 0xe9, ...Buffer.from('</title>')]);
    expect(extractCard(decodeHtml(latin, null), new URL('https://x.example/')).title).toBe('é');
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['HTTP://Harbour.Example:80/a?utm_source=x&b=1#frag', 'http://harbour.example/a?b=1'],
    ['https://harbour.example./', 'https://harbour.example/'],
    ['https://harbour.example', 'https://harbour.example/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['https://harbour.example/?fbclid=1&gclid=2', 'https://harbour.example/'],
  ])('%s → %s', (raw, key) => expect(normalizeUrl(raw)).toBe(key));

  it('is null for what is never fetched', () => {
    expect(normalizeUrl('mailto:a@b.example')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
  });
});
