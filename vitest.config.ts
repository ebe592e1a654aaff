import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests exercise the runtime's source, not a stale build.
    alias: [
      { find: '@spawnguard/runtime', replacement: fileURLToPath(new URL('./runtime/src/index.ts', import.meta.url)) },
      // The plugin entry loads each rule's module with `require` on first use, which cannot load a
      // TypeScript source: under vitest the modules are imported (rules/rule-modules.ts says more).
      { find: /^\.\/rule-modules\.js$/, replacement: fileURLToPath(new URL('./test/rule-modules-imported.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'runtime/test/**/*.test.ts'],
    // Builds dist/ (incrementally) for the tests of the published entry points.
    globalSetup: ['test/global-setup.ts'],
    // Fixed fast-check seeds for the property tests.
    setupFiles: ['test/setup-fast-check.ts'],
    pool: 'forks',
    // A limit for hangs, not a speed target: the heaviest default-limit tests (a tsc run over the bench
    // corpus, the built CLI in a child process) take 10-20 s on a 2-core machine under load (measured
    // at a load average near 29), so 20 s made them fail on load alone. Speed is measured by the bench.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
