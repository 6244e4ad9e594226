import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { PASSWORD } from './accounts.js';

/**
 * The ceiling of POST /login: how many argon2id verifications per second this machine
 * does with the service's parameters, from `concurrency` verifications kept in flight on
 * libuv's thread pool (UV_THREADPOOL_SIZE as the service has it). Run as a child process
 * with the service's environment; prints one JSON line.
 *
 * Arguments: <seconds> <concurrency>
 */
const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 16);
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
// The service's defaults (src/config.ts): OWASP's m = 19 MiB, t = 2, p = 1.
const params = {
  memoryKib: env('ARGON2_MEMORY_KIB', 19456),
  iterations: env('ARGON2_ITERATIONS', 2),
  parallelism: env('ARGON2_PARALLELISM', 1),
};
const options = {
  type: argon2.argon2id,
  memoryCost: params.memoryKib,
  timeCost: params.iterations,
  parallelism: params.parallelism,
} as const;

// The password the benchmark's users log in with.
const password = PASSWORD;
const hash = await argon2.hash(password, options);
// Warm the thread pool so every thread has allocated once.
await Promise.all(Array.from({ length: concurrency }, () => argon2.verify(hash, password)));

let done = 0;
const start = performance.now();
const end = start + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      if (!(await argon2.verify(hash, password))) throw new Error('verification failed');
      done++;
    }
  }),
);
const elapsed = (performance.now() - start) / 1000;
process.stdout.write(
  `${JSON.stringify({
    rate: done / elapsed,
    verifications: done,
    seconds: elapsed,
    concurrency,
    threadPool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    cores: availableParallelism(),
    params,
    hashPrefix: hash.slice(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1)),
  })}\n`,
);
