import { availableParallelism } from 'node:os';
import { firstLine, nodeChild, onCleanup } from './runner.js';
import { stopChild } from './service.js';

/** The machine's ceiling for the API: bare-server.js as a child process. */
export async function startBare(): Promise<{ origin: string; pid: number }> {
  const child = nodeChild('bare-server.js');
  const exited = new Promise<string>((resolve) => child.once('exit', (c, s) => resolve(s ?? String(c))));
  onCleanup(() => stopChild(child, exited));
  const { port } = JSON.parse(await firstLine(child)) as { port: number };
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid! };
}

/** The ceiling of POST /login, as argon2-rate.js prints it. */
export interface HashOnly {
  rate: number;
  verifications: number;
  seconds: number;
  concurrency: number;
  threadPool: number;
  cores: number;
  params: { memoryKib: number; iterations: number; parallelism: number };
  /** The rates of the runs before and after POST /login, which `rate` pools. */
  bracket?: [number, number];
}

export async function measureHashOnly(seconds: number, concurrency: number): Promise<HashOnly> {
  // The thread pool the service's entry (src/start.cts) gives itself: one thread per concurrent hash.
  const threads = process.env.UV_THREADPOOL_SIZE ?? process.env.ARGON2_CONCURRENCY ?? String(availableParallelism());
  const child = nodeChild('argon2-rate.js', [String(seconds), String(concurrency)], { ...process.env, UV_THREADPOOL_SIZE: threads });
  return JSON.parse(await firstLine(child)) as HashOnly;
}
