/** SQLite side of the links port (storage/ports/links.ts). */
import type Database from 'better-sqlite3';
import type { LinksRepo } from '../ports/links.js';
import { toLinkCache, toLinkImage, type LinkCacheRow, type LinkImageRow } from '../rows/links.js';
import type { Row } from '../rows/row.js';

export class SqliteLinks implements LinksRepo {
  private readonly q;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      cached: p('SELECT * FROM link_previews WHERE url_key = ?'),
      putCached: p(`INSERT INTO link_previews (url_key, card, fetched_at, expires_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (url_key) DO UPDATE SET card = excluded.card, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`),
      putImage: p('INSERT INTO link_images (id, content_type, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      image: p('SELECT * FROM link_images WHERE id = ?'),
      prune: p('DELETE FROM link_previews WHERE url_key IN (SELECT url_key FROM link_previews WHERE expires_at < ? LIMIT ?)'),
    };
  }

  async cached(urlKey: string) {
    const r = this.q.cached.get(urlKey) as Row | undefined;
    return r ? toLinkCache(r) : null;
  }
  async putCached(row: LinkCacheRow) {
    this.q.putCached.run(row.urlKey, row.card ? JSON.stringify(row.card) : null, row.fetchedAt, row.expiresAt);
  }
  async putImage(row: LinkImageRow) {
    this.q.putImage.run(row.id, row.contentType, row.width, row.height, row.bytes, row.createdAt);
  }
  async image(id: string) {
    const r = this.q.image.get(id) as Row | undefined;
    return r ? toLinkImage(r) : null;
  }
  async pruneExpired(before: number, limit: number) {
    return this.q.prune.run(before, limit).changes;
  }
}
