import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { codeChecks, openTestDatabase, PASSWORD, sleep, startApp, testConfig, type TestApp, testPoolMode, useFileDatabase } from './helpers.js';
import { type HttpClient, httpClient } from './http-client.js';

useFileDatabase();

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A TCP relay in front of PostgreSQL that can be cut and restored: cutting it closes the
 * listener and every relayed connection, as a database restart or a network partition would.
 */
class CuttableRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          client.destroy();
          upstream.destroy();
          this.sockets.delete(s);
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

async function readyz(http: HttpClient): Promise<number> {
  return (await http.get('/readyz')).status;
}

/** Polls until /readyz answers `status`, for at most `ms`. */
async function readyzBecomes(http: HttpClient, status: number, ms = 10_000): Promise<number> {
  const deadline = Date.now() + ms;
  let last = await readyz(http);
  while (last !== status && Date.now() < deadline) {
    await sleep(100);
    last = await readyz(http);
  }
  return last;
}

describe('health', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    t = await startApp();
    expect((await t.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.get('/readyz')).status).toBe(200);
  });
});

describe('/readyz', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('when the database cannot be reached, then /readyz is 503 while /healthz stays 200', async () => {
    const database = await openDatabase({ url: `postgres://nobody@127.0.0.1:${await closedPort()}/nothing` });
    const codes = codeChecks();
    const app = await buildApp({ config: testConfig(), database, logger: codes.logger });
    cleanups.push(() => database.close(), () => app.close());
    const http = httpClient(app);

    expect(await readyz(http)).toBe(503);
    expect((await http.get('/readyz')).body).toEqual({ detail: expect.any(String), code: 'database_unavailable' });
    expect((await http.get('/healthz')).status).toBe(200);
    // An API call that needs the database is a 503 too, never a 500.
    const login = await http.post('/login', { email: 'kim@example.com', password: PASSWORD });
    expect(login.status).toBe(503);
    expect(login.body).toEqual({ detail: expect.any(String), code: 'database_unavailable' });
    codes.check();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'when PostgreSQL goes away and comes back, then /readyz follows it without a restart',
    async () => {
      const test = await openTestDatabase();
      cleanups.push(() => test.drop());
      const url = new URL(test.url);
      const relay = new CuttableRelay({ host: url.hostname, port: Number(url.port || 5432) });
      await relay.open();
      cleanups.push(() => relay.cut());
      url.host = `127.0.0.1:${relay.port}`;
      const database = await openDatabase({ url: url.toString(), poolSize: 4, poolMode: testPoolMode });
      const app = await buildApp({ config: testConfig(), database, logger: false });
      cleanups.push(() => database.close(), () => app.close());
      const http = httpClient(app);

      expect(await readyz(http)).toBe(200);
      await relay.cut();
      expect(await readyzBecomes(http, 503)).toBe(503);
      expect(await readyz(http)).toBe(503);
      await relay.open();
      expect(await readyzBecomes(http, 200)).toBe(200);
      // Real queries work again too, on the same pool.
      const res = await http.post('/login', { email: 'kim@example.com', password: PASSWORD });
      expect(res.status).toBe(401);
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'started while PostgreSQL is away, writes what the webhook sender sends once it is back',
    async () => {
      const test = await openTestDatabase();
      cleanups.push(() => test.drop());
      const subscribed = async () =>
        ((await test.database.db.execute(sql`select type from event_subscriptions`)) as unknown as { rows: { type: string }[] }).rows.map((r) => r.type);
      // As migrated, before any service started: every type is kept to be sent.
      expect(await subscribed()).toEqual(['*']);
      const url = new URL(test.url);
      const relay = new CuttableRelay({ host: url.hostname, port: Number(url.port || 5432) });
      // A port nothing listens on until the relay opens there.
      relay.port = await closedPort();
      cleanups.push(() => relay.cut());
      url.host = `127.0.0.1:${relay.port}`;
      const database = await openDatabase({ url: url.toString(), poolSize: 4, poolMode: testPoolMode });
      const app = await buildApp({ config: testConfig(), database, logger: false });
      cleanups.push(() => database.close(), () => app.close());
      await app.ready();
      expect(await readyz(httpClient(app))).toBe(503);
      await relay.open();
      // No EVENTS_WEBHOOK_URL: nothing is to be sent, written at the next try (every 5 s).
      for (let i = 0; i < 40 && (await subscribed()).length > 0; i++) await sleep(250);
      expect(await subscribed()).toEqual([]);
    },
  );
});
