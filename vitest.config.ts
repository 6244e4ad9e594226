import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A folder for what the run makes once (test/run-once.ts); the account pages, built once for the files that serve them.
    globalSetup: ['test/global-setup.ts', 'test/pages/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own app and database, so files can run side by side. Vitest's
    // default is one worker fewer than the cores, which on two cores ran one file at a time;
    // files spend much of their time waiting (timers, child processes, the browser), so as
    // many run at once as there are cores.
    fileParallelism: true,
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker runs its files one after another in one process with the modules they share
    // (Fastify, Drizzle, PGlite, src/) loaded once: isolating each file cost about 2 s of
    // imports per file, a third of the suite's CPU. Files share no state but the database
    // helpers' (test/helpers.ts, reset after each file) and src/'s pure memos.
    isolate: false,
  },
});
