/**
 * links.preview: after a message with links commits, fetch the previews of its first links
 * (never on the send path, never because someone viewed it), then attach them in the job's write
 * with a `message.updated` event (docs/subsystems/links.md). Previews are cached per normalized
 * URL: a link sent a thousand times is fetched once per cache period. A page that gives no preview
 * is cached too (for a tenth of the period), so a refused URL is not tried on every send.
 *
 * Retries: the slow work is the fetch, and a fetch that fails is an answer ("no preview"), not an
 * error; the job retries only when storage fails. Re-running is harmless: the write re-reads the
 * message and attaches nothing when it changed or already has previews.
 */
import type { LinkPreview } from '@backchannel/protocol';
import type { Deps } from '../domain/deps.js';
import { attachPreviews, previewsAllowed } from '../domain/messages/previews.js';
import { normalizeUrl } from '../links/normalize.js';
import type { FetchPolicy } from '../links/policy.js';
import { fetchPreview, type PreviewLimits } from '../links/preview.js';
import type { LinkCacheRow, LinkCard, LinkImageRow } from '../storage/store.js';
import { JobGiveUp, type JobKind } from './kind.js';
import { LINK_PREVIEW_KIND, LINK_PREVIEW_MAX_ATTEMPTS, type LinkPreviewPayload } from './linkPreviewKind.js';


export interface LinkPreviewSettings {
  policy: FetchPolicy;
  limits: PreviewLimits;
  perMessage: number;
  cacheMs: number;
}

export const previewImagePath = (id: string) => `/v1/link-previews/images/${id}`;

export function linkPreviewJob(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, s: LinkPreviewSettings): JobKind<LinkPreviewPayload> {
  return {
    kind: LINK_PREVIEW_KIND,
    maxAttempts: LINK_PREVIEW_MAX_ATTEMPTS,
    // Each link: a page and an image fetch, each within the fetch deadline, plus decoding.
    timeoutMs: s.perMessage * (2 * s.policy.timeoutMs + 5000),
    backoff: { baseMs: 5000, maxMs: 300_000 },
    parse(p) {
      const o = p as Partial<LinkPreviewPayload> | null;
      if (!o || typeof o.conversationId !== 'string' || typeof o.messageId !== 'string' || !Number.isSafeInteger(o.seq)) throw new JobGiveUp('bad payload');
      return o as LinkPreviewPayload;
    },
    async run(job) {
      const { conversationId, seq, messageId } = job.payload;
      const row = await deps.store.read.messages.bySeq(conversationId, seq);
      if (!row || row.id !== messageId || row.previewsRemoved || (row.previews?.length ?? 0) > 0) return;
      if (!(await previewsAllowed(deps.store.read, conversationId))) return;
      const links = uniqueLinks(row.entities.map((e) => e.url)).slice(0, s.perMessage);
      const cacheWrites: LinkCacheRow[] = [];
      const images: LinkImageRow[] = [];
      const previews: LinkPreview[] = [];
      for (const { url, key } of links) {
        if (job.signal.aborted) break;
        const cached = await deps.store.read.links.cached(key);
        let card: LinkCard | null;
        if (cached && cached.expiresAt > job.now) {
          card = cached.card;
        } else {
          card = await fetchCard(deps, s, url, images, job.signal);
          cacheWrites.push({ urlKey: key, card, fetchedAt: job.now, expiresAt: job.now + (card ? s.cacheMs : Math.ceil(s.cacheMs / 10)) });
        }
        if (card) previews.push(toPreview(url, card));
      }
      return {
        write: async (tx) => {
          for (const img of images) await tx.links.putImage(img);
          for (const c of cacheWrites) await tx.links.putCached(c);
          await attachPreviews(deps, tx, { conversationId, seq, messageId, text: row.text }, previews);
        },
      };
    },
  };
}

function uniqueLinks(urls: readonly string[]): Array<{ url: string; key: string }> {
  const seen = new Set<string>();
  const out: Array<{ url: string; key: string }> = [];
  for (const url of urls) {
    const key = normalizeUrl(url);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    out.push({ url, key });
  }
  return out;
}

async function fetchCard(deps: Pick<Deps, 'clock' | 'ids'>, s: LinkPreviewSettings, url: string, images: LinkImageRow[], signal: AbortSignal): Promise<LinkCard | null> {
  const outcome = await fetchPreview(s.policy, s.limits, url, signal);
  if (!outcome.ok) return null;
  const { card, image } = outcome;
  let stored: LinkCard['image'] = null;
  if (image) {
    const id = deps.ids.id();
    images.push({ id, contentType: image.contentType, width: image.width, height: image.height, bytes: image.bytes, createdAt: deps.clock.now() });
    stored = { id, width: image.width, height: image.height };
  }
  return { canonicalUrl: card.canonicalUrl, title: card.title, description: card.description, siteName: card.siteName, image: stored };
}

const toPreview = (url: string, c: LinkCard): LinkPreview => ({
  url,
  canonicalUrl: c.canonicalUrl,
  title: c.title,
  description: c.description,
  siteName: c.siteName,
  image: c.image ? { url: previewImagePath(c.image.id), width: c.image.width, height: c.image.height } : null,
});
