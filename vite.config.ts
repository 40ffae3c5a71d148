import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 has no exports map: without this alias test files load index.mjs while
  // type-graphql and Apollo load index.js, and graphql refuses objects from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Unit tests sit beside their module (server/http/router.test.ts); end-to-end suites in test/.
    include: ['test/**/*.test.ts', 'core/**/*.test.ts', 'store/**/*.test.ts', 'ingest/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'sdk/*.test.ts'],
    // Suites of several processes sharing one catalog need PostgreSQL's cluster: they run in
    // `npm run test:postgres` (RADOME_TEST_CATALOG=postgres), not in the SQLite pass.
    exclude: [...configDefaults.exclude, ...(process.env.RADOME_TEST_CATALOG === 'postgres' ? [] : ['**/*.postgres.test.ts'])],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
