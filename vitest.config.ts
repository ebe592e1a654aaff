import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests exercise the runtime's source, not a stale build.
    alias: {
      '@spawnguard/runtime': fileURLToPath(new URL('./runtime/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'runtime/test/**/*.test.ts'],
    // Builds dist/ (incrementally) for the tests of the published entry points.
    globalSetup: ['test/global-setup.ts'],
    // Fixed fast-check seeds for the property tests.
    setupFiles: ['test/setup-fast-check.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
