import type { Config } from '../config/config.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqliteStore.js';

/** SQLite by default; PostgreSQL when `BACKCHANNEL_DATABASE_URL` is set. */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'unsafeRelaxedDurability'>): Promise<Store> {
  if (config.databaseUrl) {
    // TODO(scale-out): the PostgreSQL backend lands in storage/postgres; resolved at run time until then.
    const specifier = './postgres/index.js';
    const { openPostgresStore } = (await import(specifier)) as { openPostgresStore: (o: { url: string; unsafeAsyncCommit: boolean }) => Promise<Store> };
    return openPostgresStore({ url: config.databaseUrl, unsafeAsyncCommit: config.unsafeRelaxedDurability });
  }
  return openSqliteStore({ dataDir: config.dataDir, unsafeRelaxedDurability: config.unsafeRelaxedDurability });
}
