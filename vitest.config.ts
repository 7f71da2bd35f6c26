import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

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
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'tools/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/web/e2e/**'],
    setupFiles: [src('./scripts/test-network-guard.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
