import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The API, socket and domain tiers (everything that runs a real server through testing/harness.ts)
 * also run on PostgreSQL as a second project, `pg`. `npm test` (scripts/test.mjs) adds it when
 * PostgreSQL answers, so CI runs every tier on both backends in one Vitest run sharing one worker
 * pool; a plain `npx vitest run` stays on SQLite.
 */
const harnessTiers = ['packages/server/src/http/**/*.test.ts', 'packages/server/src/gateway/**/*.test.ts', 'packages/server/src/domain/**/*.test.ts'];
const withPgProject = process.env.BACKCHANNEL_TEST_PG_TIERS === '1';

export default defineConfig({
  resolve: {
    alias: {
      // The subpath first: an alias also matches `<name>/…`, and the first match wins.
      '@backchannel/protocol/schemas': src('./packages/protocol/src/schemas.ts'),
      '@backchannel/protocol': src('./packages/protocol/src/index.ts'),
      '@backchannel/sdk': src('./packages/sdk/src/index.ts'),
    },
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/web/e2e/**'],
    setupFiles: [src('./scripts/test-network-guard.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'default', include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'tools/*/src/**/*.test.ts'] } },
      ...(withPgProject ? [{ extends: true, test: { name: 'pg', include: harnessTiers, env: { BACKCHANNEL_TEST_BACKEND: 'pg' } } }] : []),
    ],
  },
});
