import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.js';
import { ServerProcess } from './build.js';
import { openTestDatabase, PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

/** Polls `check` until it is true, for at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('in-flight tracking for shutdown', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('when a login is still hashing, then whenIdle waits until its session is written', async () => {
    t = await startApp({ ARGON2_MEMORY_KIB: '32768', ARGON2_ITERATIONS: '3' });
    await t.signUp();
    const pending = t.post('/login', { email: 'kim@example.com', password: PASSWORD });
    await sleep(20);
    expect(await t.database.db.select().from(sessions)).toHaveLength(0);
    await t.app.whenIdle(10_000);
    expect(await t.database.db.select().from(sessions)).toHaveLength(1);
    expect((await pending).status).toBe(202);
    // With nothing in flight it resolves at once.
    const started = Date.now();
    await t.app.whenIdle(10_000);
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe('graceful shutdown of the real server', () => {
  let server: ServerProcess;
  let port: number;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // With TEST_DATABASE_URL the server gets a PostgreSQL database (and a pg pool to close),
    // without it a PGlite data directory of its own.
    let env = {};
    if (process.env.TEST_DATABASE_URL) {
      const test = await openTestDatabase();
      env = { DATABASE_URL: test.url };
      drop = test.drop;
    }
    server = await ServerProcess.start(env);
    const ready = await server.waitFor(/account service ready on/, 90_000);
    port = Number(/http:\/\/127\.0\.0\.1:(\d+)/.exec(ready)![1]);
  }, 120_000);

  afterAll(async () => {
    server?.stop();
    await drop?.().catch(() => undefined);
  });

  it('on SIGTERM, stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    // A request whose body is still arriving when the signal comes: it is in flight.
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'violet-Harbor-42' });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const answered = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // `Connection: close` so the server ends the connection after its answer.
    socket.write(
      'POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await server.waitFor(/"incoming request"/, 10_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));

    const signalledAt = Date.now();
    server.signal('SIGTERM');
    await server.waitFor(/shutting down/, 10_000);
    expect(await eventually(() => refusesConnections(port))).toBe(true);

    // Not end(): a half-closed client tells Node's HTTP server to drop the request.
    socket.write(body.slice(10));
    await answered;
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain('"detail"');

    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    // The 401 needed the database (throttle counter, account lookup): it was still open then.
    expect(server.log.join('\n')).toContain('database closed');
  }, 60_000);
});
