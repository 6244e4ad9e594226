import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlags } from '../bench/service.js';
import { buildPackage, ServerProcess } from './build.js';

// Threads are counted in /proc, so Linux only.
describe.skipIf(process.platform !== 'linux')('the process entry, dist/start.cjs', () => {
  let build: Awaited<ReturnType<typeof buildPackage>>;
  /** Threads with a pool of one. */
  let base: number;

  beforeAll(async () => {
    build = await buildPackage();
    base = await threadsWith({ ARGON2_CONCURRENCY: '1' });
  }, 180_000);

  afterAll(() => build?.remove());

  /** Starts the real service with `env` and counts its threads once it is ready (it hashed once while starting, so libuv's pool is up). */
  async function threadsWith(env: Record<string, string>): Promise<number> {
    const server = new ServerProcess(build.dir, { DATABASE_URL: 'memory://', ...env });
    try {
      await server.waitFor(/account service ready on/, 90_000);
      return readdirSync(`/proc/${server.pid}/task`).length;
    } finally {
      server.stop();
      await server.exited;
    }
  }

  it('gives libuv’s thread pool one thread per concurrent hash, ARGON2_CONCURRENCY', async () => {
    expect((await threadsWith({ ARGON2_CONCURRENCY: '3' })) - base).toBe(2);
  }, 120_000);

  it('leaves an explicit UV_THREADPOOL_SIZE as it is', async () => {
    expect((await threadsWith({ ARGON2_CONCURRENCY: '1', UV_THREADPOOL_SIZE: '5' })) - base).toBe(4);
  }, 120_000);

  it('reads .env in its working directory first, so .env can size the pool too', async () => {
    const env = join(build.dir, '.env');
    writeFileSync(env, 'ARGON2_CONCURRENCY=3\n');
    try {
      expect((await threadsWith({})) - base).toBe(2);
    } finally {
      rmSync(env);
    }
  }, 120_000);
});

describe('how the service is started', () => {
  const root = join(import.meta.dirname, '..');

  it('the Docker image runs the command of `npm start`, with the same node flags', () => {
    const cmd = /^CMD \[(.*)\]$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    expect(cmd).not.toBeNull();
    expect(JSON.parse(`[${cmd![1]}]`)).toEqual(['node', ...startFlags(root), 'dist/start.cjs']);
  });
});
