/**
 * The process entry of the service (`npm start`, the Docker image): it sizes libuv's thread
 * pool, then loads the service, `server.js`.
 *
 * argon2id runs on that pool, at most ARGON2_CONCURRENCY hashes at a time (default: one
 * per core), and glibc gives each pool thread a heap of its own that keeps the 19 MiB of the
 * last hash the thread computed, ready for its next one. With libuv's default of four
 * threads the hashes wander over all four and up to 4 × 19 MiB stays resident; with as many
 * threads as hashes it is ARGON2_CONCURRENCY × 19 MiB (bench/README.md, Round 5). The cost:
 * DNS lookups and file reads share the pool, so while every thread hashes they wait for one
 * hash to finish (~40 ms). An explicit UV_THREADPOOL_SIZE is left as it is.
 *
 * This file is CommonJS because libuv sizes the pool when it first uses it, and Node's
 * ES module loader already uses it to read the first module.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// Here rather than in server.js, so that .env can set UV_THREADPOOL_SIZE and ARGON2_CONCURRENCY too.
// Variables already in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env');

if (!process.env.UV_THREADPOOL_SIZE) {
  const concurrency = Number(process.env.ARGON2_CONCURRENCY);
  // An invalid ARGON2_CONCURRENCY is left to the configuration, which refuses it by name.
  const threads = Number.isInteger(concurrency) && concurrency >= 1 ? concurrency : availableParallelism();
  process.env.UV_THREADPOOL_SIZE = String(threads);
}

void import('./server.js');
