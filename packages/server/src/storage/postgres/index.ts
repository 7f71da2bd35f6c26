/** The PostgreSQL backend (multi-node). See pgStore.ts and docs/adr/0003-*. */
export { openPostgresStore, type PostgresStoreOptions } from './pgStore.js';
