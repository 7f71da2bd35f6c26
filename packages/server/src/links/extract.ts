/**
 * The card of a page from its HTML, with htmlparser2 (a forgiving streaming parser: malformed,
 * nested or duplicate `<html>`/`<head>`, missing closing tags). No script runs; nothing is
 * fetched here. Each field takes the first non-empty value in order:
 * - title: `og:title`, `twitter:title`, `<title>` (the first outside `<svg>`);
 * - description: `og:description`, `twitter:description`, `<meta name=description>`;
 * - site name: `og:site_name`, `application-name`, `al:android:app_name`, `al:ios:app_name`;
 * - image: `og:image:secure_url`, `og:image:url`, `og:image`, `twitter:image:src`, `twitter:image`,
 *   `<meta itemprop=image>`, `<link rel=image_src>` (http/https only; `data:` is dropped);
 * - canonical URL: `og:url`, `<link rel=canonical>`, else the URL after redirects;
 * then, for a field still empty, the page's JSON-LD (`<script type="application/ld+json">`, read
 * as data with JSON.parse, never run: headline, description, image, publisher name), and for the
 * site name the last part of a `<title>` such as "Article | Site".
 * Relative URLs resolve against `<base href>` (when it is http/https) or the page's URL. Text is
 * entity-decoded by the parser, whitespace collapsed, and cut to a length a card can show.
 */
import { Parser } from 'htmlparser2';

export interface PageCard {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** Absolute http(s) URL of the page's image, not fetched yet. */
  imageUrl: string | null;
  canonicalUrl: string;
}

export const CARD_LIMITS = { title: 300, description: 600, siteName: 100, url: 2048 } as const;

const TITLE_KEYS = ['og:title', 'twitter:title'];
const DESCRIPTION_KEYS = ['og:description', 'twitter:description', 'description'];
const SITE_KEYS = ['og:site_name', 'application-name', 'al:android:app_name', 'al:ios:app_name'];
const IMAGE_KEYS = ['og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image:src', 'twitter:image', 'image'];

interface Collected {
  meta: Map<string, string>;
  title: string | null;
  base: string | null;
  canonical: string | null;
  imageSrc: string | null;
  jsonLd: string[];
}

/** JSON-LD blocks read per page, and the largest one parsed. */
const JSON_LD_MAX = { blocks: 10, chars: 200_000 };

function collect(html: string): Collected {
  const c: Collected = { meta: new Map(), title: null, base: null, canonical: null, imageSrc: null, jsonLd: [] };
  let svgDepth = 0;
  let titleText: string[] | null = null;
  let ldText: string[] | null = null;
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (name === 'svg') svgDepth++;
        if (name === 'title' && svgDepth === 0 && c.title === null) titleText = [];
        if (name === 'base' && c.base === null && a.href) c.base = a.href;
        if (name === 'script' && a.type?.trim().toLowerCase() === 'application/ld+json' && c.jsonLd.length < JSON_LD_MAX.blocks) ldText = [];
        if (name === 'meta' && a.content !== undefined) {
          const content = a.content.trim();
          // `property` (Open Graph), `name` (Twitter, description), `itemprop` (schema.org).
          for (const key of [a.property, a.name, a.itemprop]) {
            const k = key?.trim().toLowerCase();
            if (k && content !== '' && !c.meta.has(k)) c.meta.set(k, content);
          }
        }
        if (name === 'link' && a.href) {
          const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
          if (rels.includes('canonical') && c.canonical === null) c.canonical = a.href;
          if (rels.includes('image_src') && c.imageSrc === null) c.imageSrc = a.href;
        }
      },
      ontext(text) {
        if (titleText) titleText.push(text);
        if (ldText) ldText.push(text);
      },
      onclosetag(name) {
        if (name === 'svg' && svgDepth > 0) svgDepth--;
        if (name === 'script' && ldText) {
          c.jsonLd.push(ldText.join(''));
          ldText = null;
        }
        if (name === 'title' && titleText) {
          c.title = titleText.join('');
          titleText = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return c;
}

export function cleanText(s: string | null | undefined, max: number): string | null {
  if (s == null) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** `raw` resolved against `base` when it is an http(s) URL of sane length, else null. */
export function absoluteHttpUrl(raw: string | null | undefined, base: URL | string): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const s = u.toString();
    return s.length <= CARD_LIMITS.url ? s : null;
  } catch {
    return null;
  }
}

const first = (meta: Map<string, string>, keys: readonly string[]) => keys.map((k) => meta.get(k)).find((v) => v !== undefined && v.trim() !== '') ?? null;

interface LinkedData {
  headline: string | null;
  description: string | null;
  image: string | null;
  publisher: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const imageOf = (v: unknown): string | null => {
  if (Array.isArray(v)) return imageOf(v[0]);
  return str(v) ?? (v && typeof v === 'object' ? str((v as Record<string, unknown>).url) : null);
};

/** The first value of each field over the page's JSON-LD objects (and their `@graph`s), bounded. */
function linkedData(blocks: readonly string[]): LinkedData {
  const out: LinkedData = { headline: null, description: null, image: null, publisher: null };
  const queue: unknown[] = [];
  for (const b of blocks) {
    if (b.length > JSON_LD_MAX.chars) continue;
    try {
      queue.push(JSON.parse(b));
    } catch {
      // Broken JSON-LD is common; the meta tags still count.
    }
  }
  for (let i = 0; i < queue.length && i < 200; i++) {
    const v = queue[i];
    if (Array.isArray(v)) {
      queue.push(...v.slice(0, 20));
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]).slice(0, 20));
    out.headline ??= str(o.headline);
    out.description ??= str(o.description);
    out.image ??= imageOf(o.image);
    const pub = o.publisher;
    out.publisher ??= str(pub) ?? (pub && typeof pub === 'object' && !Array.isArray(pub) ? str((pub as Record<string, unknown>).name) : null);
  }
  return out;
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' • ', ' · ', ' :: '];

/** "Article | Site" → "Site", when the last part is short and the title has more before it. */
function siteFromTitle(title: string | null): string | null {
  if (!title) return null;
  let best: string | null = null;
  for (const sep of TITLE_SEPARATORS) {
    const at = title.lastIndexOf(sep);
    if (at <= 0) continue;
    const tail = title.slice(at + sep.length).trim();
    if (tail !== '' && tail.length <= 40 && tail.length <= at && (best === null || tail.length < best.length)) best = tail;
  }
  return best;
}

export function extractCard(html: string, pageUrl: URL): PageCard {
  const c = collect(html);
  const base = absoluteHttpUrl(c.base, pageUrl) ?? pageUrl.toString();
  const ld = linkedData(c.jsonLd);
  return {
    title: cleanText(first(c.meta, TITLE_KEYS) ?? c.title ?? ld.headline, CARD_LIMITS.title),
    description: cleanText(first(c.meta, DESCRIPTION_KEYS) ?? ld.description, CARD_LIMITS.description),
    siteName: cleanText(first(c.meta, SITE_KEYS) ?? ld.publisher ?? siteFromTitle(cleanText(c.title, CARD_LIMITS.title)), CARD_LIMITS.siteName),
    imageUrl: absoluteHttpUrl(first(c.meta, IMAGE_KEYS), base) ?? absoluteHttpUrl(c.imageSrc, base) ?? absoluteHttpUrl(ld.image, base),
    canonicalUrl: absoluteHttpUrl(c.meta.get('og:url'), base) ?? absoluteHttpUrl(c.canonical, base) ?? pageUrl.toString(),
  };
}
