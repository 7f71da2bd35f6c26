import { runStoreConformance } from '../conformance/storeConformance.js';
import { openPostgresStore } from './pgStore.js';
import { createTestSchema } from './testSchema.js';

runStoreConformance('postgres', async () => {
  const schema = await createTestSchema();
  const store = await openPostgresStore({ url: schema.url, poolSize: 4 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await schema.drop();
    },
  };
});
