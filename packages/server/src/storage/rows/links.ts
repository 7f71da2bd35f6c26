/** Rows of the links area (link-preview cache and preview images) and their mappers, shared by both backends. */
import type { Row } from './row.js';

/** What a fetched page gave, cached per normalized URL (docs/subsystems/links.md). */
export interface LinkCard {
  canonicalUrl: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  image: { id: string; width: number; height: number } | null;
}

export interface LinkCacheRow {
  /** The normalized URL (links/normalize.ts). */
  urlKey: string;
  /** Null: the page was fetched (or refused) and has no preview; cached too, so it is not retried on every send. */
  card: LinkCard | null;
  fetchedAt: number;
  expiresAt: number;
}

/** A preview image as we re-encoded it; served from `/v1/link-previews/images/{id}`. */
export interface LinkImageRow {
  id: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
  createdAt: number;
}

export const toLinkCache = (r: Row): LinkCacheRow => ({
  urlKey: r.url_key as string,
  card: r.card ? (JSON.parse(r.card as string) as LinkCard) : null,
  fetchedAt: Number(r.fetched_at),
  expiresAt: Number(r.expires_at),
});

export const toLinkImage = (r: Row): LinkImageRow => ({
  id: r.id as string,
  contentType: r.content_type as string,
  width: Number(r.width),
  height: Number(r.height),
  bytes: Buffer.from(r.bytes as Uint8Array),
  createdAt: Number(r.created_at),
});
