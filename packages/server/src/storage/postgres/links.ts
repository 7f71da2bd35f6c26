/** PostgreSQL side of the links port (storage/ports/links.ts). */
import type { LinksRepo } from '../ports/links.js';
import { toLinkCache, toLinkImage, type LinkCacheRow, type LinkImageRow } from '../rows/links.js';
import type { PgHandle } from './handle.js';

export class PgLinks implements LinksRepo {
  constructor(private readonly h: PgHandle) {}

  async cached(urlKey: string) {
    const r = await this.h.one('SELECT * FROM link_previews WHERE url_key = $1', [urlKey]);
    return r ? toLinkCache(r) : null;
  }
  async putCached(row: LinkCacheRow) {
    await this.h.q(
      `INSERT INTO link_previews (url_key, card, fetched_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url_key) DO UPDATE SET card = excluded.card, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
      [row.urlKey, row.card ? JSON.stringify(row.card) : null, row.fetchedAt, row.expiresAt],
    );
  }
  async putImage(row: LinkImageRow) {
    await this.h.q('INSERT INTO link_images (id, content_type, width, height, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [row.id, row.contentType, row.width, row.height, row.bytes, row.createdAt]);
  }
  async image(id: string) {
    const r = await this.h.one('SELECT * FROM link_images WHERE id = $1', [id]);
    return r ? toLinkImage(r) : null;
  }
  async pruneExpired(before: number, limit: number) {
    const rows = await this.h.q('DELETE FROM link_previews WHERE url_key IN (SELECT url_key FROM link_previews WHERE expires_at < $1 LIMIT $2) RETURNING url_key', [before, limit]);
    return rows.length;
  }
}
