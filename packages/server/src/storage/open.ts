import type { Config } from '../config/config.js';
import type { Store } from './store.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/sqliteStore.js';

/** SQLite by default; PostgreSQL when `BACKCHANNEL_DATABASE_URL` is set. */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'unsafeRelaxedDurability'>): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore({ url: config.databaseUrl, unsafeAsyncCommit: config.unsafeRelaxedDurability });
  return openSqliteStore({ dataDir: config.dataDir, unsafeRelaxedDurability: config.unsafeRelaxedDurability });
}
