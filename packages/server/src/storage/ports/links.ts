/** Storage port of link previews: the cache per normalized URL and the images we re-encoded (docs/subsystems/links.md). */
import type { LinkCacheRow, LinkImageRow } from '../rows/links.js';

export interface LinksRepo {
  /** The cached entry of a normalized URL, expired or not (the caller compares `expiresAt`). */
  cached(urlKey: string): Promise<LinkCacheRow | null>;
  /** Stores or replaces the entry of `row.urlKey`. */
  putCached(row: LinkCacheRow): Promise<void>;
  /** Stores an image; ids come from the id generator and are never reused. */
  putImage(row: LinkImageRow): Promise<void>;
  image(id: string): Promise<LinkImageRow | null>;
  /** Deletes cache entries that expired before `before`; returns how many (images stay: messages point at them). */
  pruneExpired(before: number, limit: number): Promise<number>;
}
