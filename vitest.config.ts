import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A folder for what the run makes once (test/run-once.ts); the account pages, built once for the files that serve them.
    globalSetup: ['test/global-setup.ts', 'test/pages/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own app and database; two cores run two files at once.
    fileParallelism: true,
  },
});
