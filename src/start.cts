/**
 * The process entry (`npm start`, the Docker image): it gives libuv's thread pool one thread
 * per concurrent argon2id hash (ARGON2_CONCURRENCY), then loads the service, `server.js`.
 * glibc keeps each pool thread's last hash area for its next hash, so every spare thread
 * would keep one resident (bench/README.md). An explicit UV_THREADPOOL_SIZE is left as it is.
 *
 * CommonJS because libuv sizes the pool when it first uses it, and Node's ES module loader
 * already uses it to read the first module; `require` of the configuration table reads synchronously.
 */
import { existsSync } from 'node:fs';
import { configTable } from './config/table.js';

// Here rather than in server.js, so that .env can set UV_THREADPOOL_SIZE and ARGON2_CONCURRENCY too.
// Variables already in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env');

if (!process.env.UV_THREADPOOL_SIZE) {
  const concurrency = configTable.argon2.concurrency;
  let threads: number;
  try {
    threads = concurrency.read(process.env);
  } catch {
    // An invalid ARGON2_CONCURRENCY is left to the configuration, which refuses it by name.
    threads = concurrency.read({});
  }
  process.env.UV_THREADPOOL_SIZE = String(threads);
}

void import('./server.js');
