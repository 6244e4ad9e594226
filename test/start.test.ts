import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFlags } from '../bench/service.js';
import { ServerProcess } from './build.js';

// Threads are counted in /proc, so Linux only.
describe.skipIf(process.platform !== 'linux')('the process entry, dist/start.cjs', () => {
  /** Threads with a pool of one. */
  let base: number;

  beforeAll(async () => {
    base = await threadsWith({ ARGON2_CONCURRENCY: '1' });
  }, 180_000);

  /** Starts the real service with `env` and counts its threads once it is ready (it hashed once while starting, so libuv's pool is up). */
  async function threadsWith(env: Record<string, string>, cwd?: string): Promise<number> {
    const server = await ServerProcess.start(env, { cwd });
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
    // A working directory of its own: the package folder is shared with the run's other servers.
    const cwd = mkdtempSync(join(tmpdir(), 'start-env-'));
    writeFileSync(join(cwd, '.env'), 'ARGON2_CONCURRENCY=3\n');
    try {
      expect((await threadsWith({}, cwd)) - base).toBe(2);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
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
