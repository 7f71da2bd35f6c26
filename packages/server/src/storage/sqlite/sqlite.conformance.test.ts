import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStoreConformance } from '../conformance/storeConformance.js';
import { openSqliteStore } from './sqliteStore.js';

runStoreConformance('sqlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-sqlite-conformance-'));
  const store = openSqliteStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
