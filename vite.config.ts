import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 has no exports map: without this alias test files load index.mjs while
  // type-graphql and Apollo load index.js, and graphql refuses objects from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Unit tests sit beside their module (server/http/router.test.ts); end-to-end suites in test/.
    include: ['test/**/*.test.ts', 'core/**/*.test.ts', 'store/**/*.test.ts', 'ingest/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
