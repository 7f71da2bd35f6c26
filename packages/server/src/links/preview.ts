/**
 * One link's preview: fetch the page (text/html only), read its card (extract.ts), fetch its image
 * (vetted again like any URL, typed by magic bytes), re-encode the image with sharp. Never throws
 * for what a page does: a refused or failed fetch is "no preview", a bad image is "no image".
 */
import { ImageRejected, reencodeImage, type EncodedImage } from '../media/image.js';
import { decodeHtml } from './charset.js';
import { extractCard, type PageCard } from './extract.js';
import { FetchRefused, type FetchPolicy } from './policy.js';
import { safeFetch } from './safeFetch.js';

export interface PreviewLimits {
  maxPageBytes: number;
  maxImageBytes: number;
  /** Longest side of the re-encoded image. */
  imageMaxSide: number;
  /** Largest image accepted, in pixels, read from its header. */
  imageMaxPixels: number;
}

export type PreviewOutcome = { ok: true; card: PageCard; image: EncodedImage | null } | { ok: false; reason: string };

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export async function fetchPreview(policy: FetchPolicy, limits: PreviewLimits, url: string, signal?: AbortSignal): Promise<PreviewOutcome> {
  let card: PageCard;
  try {
    const page = await safeFetch(policy, {
      url,
      maxBytes: limits.maxPageBytes,
      accept: 'text/html,application/xhtml+xml;q=0.9',
      acceptType: (t) => t !== null && HTML_TYPES.has(t),
      signal,
    });
    card = extractCard(decodeHtml(page.body, page.charset), page.url);
  } catch (err) {
    if (err instanceof FetchRefused) return { ok: false, reason: `${err.code}: ${err.message}` };
    throw err;
  }
  if (card.title === null && card.description === null && card.imageUrl === null) return { ok: false, reason: 'the page has nothing to show' };
  return { ok: true, card, image: card.imageUrl ? await fetchImage(policy, limits, card.imageUrl, signal) : null };
}

async function fetchImage(policy: FetchPolicy, limits: PreviewLimits, url: string, signal?: AbortSignal): Promise<EncodedImage | null> {
  try {
    // The declared type is not trusted either way: the bytes decide (media/sniff.ts).
    const res = await safeFetch(policy, { url, maxBytes: limits.maxImageBytes, accept: 'image/webp,image/png,image/jpeg,image/gif;q=0.9', signal });
    return await reencodeImage(res.body, { maxSide: limits.imageMaxSide, maxInputPixels: limits.imageMaxPixels });
  } catch (err) {
    if (err instanceof FetchRefused || err instanceof ImageRejected) return null;
    throw err;
  }
}
