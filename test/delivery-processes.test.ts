import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { ServerProcess } from './build.js';
import { cliFor } from './cli-helpers.js';
import { eventsWithDelivery } from './event-rows.js';
import { PASSWORD, sleep } from './helpers.js';
import { WEBHOOK_SECRET, WebhookReceiver } from './webhook-receiver.js';

/**
 * Nothing lost, nothing sent twice, with real server processes on one PostgreSQL database:
 * an event committed just before a SIGKILL still arrives after the restart, and two
 * instances sharing the work deliver each event of a burst once, and so do three behind
 * PgBouncer in transaction-pooling mode, where nothing can LISTEN. Needs TEST_DATABASE_URL
 * (and TEST_PGBOUNCER_URL, in front of the same server, for the last).
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const bouncerUrl = process.env.TEST_PGBOUNCER_URL;

describe.skipIf(!adminUrl)('event delivery across real processes on one PostgreSQL', () => {
  const dbName = `delivery_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl ?? 'postgres://x/');
  url.pathname = `/${dbName}`;
  let database: Database;
  const receiver = new WebhookReceiver();
  const servers: ServerProcess[] = [];

  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };

  beforeAll(async () => {
    await admin(`create database ${dbName}`);
    database = await openDatabase({ url: url.toString(), poolSize: 2 });
    await database.migrate();
    await receiver.start();
  }, 120_000);
  afterEach(async () => {
    // Dead before the next test, so none of its events is claimed by a dying process.
    for (const s of servers.splice(0)) {
      s.stop();
      await s.exited;
    }
    await database.db.execute('truncate sessions, users, rate_limits, events, event_outbox, event_deliveries restart identity cascade');
    receiver.received.length = 0;
    receiver.answer = () => 204;
  });
  afterAll(async () => {
    for (const s of servers) s.stop();
    await receiver.stop();
    await database?.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }, 60_000);

  /** An instance on the server itself, or behind PgBouncer in transaction mode. */
  async function start(via: 'server' | 'pgbouncer' = 'server'): Promise<{ server: ServerProcess; api: string }> {
    const bounced = new URL(bouncerUrl ?? 'postgres://x/');
    bounced.pathname = url.pathname;
    const server = await ServerProcess.start({
      ...(via === 'server' ? { DATABASE_URL: url.toString() } : { DATABASE_URL: bounced.toString(), DATABASE_POOL_MODE: 'transaction' }),
      EVENTS_WEBHOOK_URL: receiver.url,
      EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      EVENTS_WEBHOOK_TIMEOUT_MS: '2000',
      TRUST_PROXY: '1',
      METRICS: 'off',
    });
    servers.push(server);
    const ready = await server.waitFor(/account service ready on/);
    return { server, api: /ready on (http:\/\/\S+\/api\/v1)/.exec(ready)![1]! };
  }

  // Each from a client of its own (behind the one trusted proxy), as a burst from many users' devices is.
  const login = (api: string, client = 1) =>
    fetch(`${api}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${client}` },
      body: JSON.stringify({ email: 'root@example.com', password: PASSWORD }),
    });
  const createAccount = async () =>
    expect((await cliFor(database)('create-admin', '--email', 'root@example.com', '--phone', '010-9999-0000', '--password', PASSWORD)).code).toBe(0);
  const idsOf = (type: string) => receiver.ofType(type).map((r) => r.verified().id);

  it('delivers an event whose delivery was in flight when the process was SIGKILLed, once it is restarted', async () => {
    await createAccount();
    const first = await start();
    await receiver.waitFor((r) => JSON.parse(r.body).type === 'user.created');

    receiver.answer = () => 'hang';
    expect((await login(first.api)).status).toBe(202);
    const inFlight = await receiver.waitFor((r) => JSON.parse(r.body).type === 'session.created');
    first.server.signal('SIGKILL');
    expect(await first.server.exited).toBeNull();

    receiver.answer = () => 204;
    await start();
    const again = await receiver.waitFor((r) => r !== inFlight && JSON.parse(r.body).type === 'session.created', 30_000);
    expect(again.verified().id).toBe(inFlight.verified().id);
    expect(again.verified()).toMatchObject({ type: 'session.created', data: { user_id: 1, method: 'password' } });
    // Marked delivered once the 2xx is back, a moment after the receiver saw the request.
    const settled = async () => (await eventsWithDelivery(database.db)).find((e) => e.type === 'session.created')!;
    for (let i = 0; i < 100 && (await settled()).deliveryState !== 'delivered'; i++) await sleep(100);
    expect(await settled()).toMatchObject({ deliveryState: 'delivered', attempts: 2 });
  }, 120_000);

  const bursts: [number, string, 'server' | 'pgbouncer'][] = [[2, 'on the server', 'server']];
  if (bouncerUrl) bursts.push([3, 'behind PgBouncer', 'pgbouncer']);
  it.each(bursts)('delivers each event of a burst exactly once with %i instances %s sharing the work', async (instances, _where, via) => {
    await createAccount();
    const apis = (await Promise.all(Array.from({ length: instances }, () => start(via)))).map((s) => s.api);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(apis[i % instances]!, i + 1).then((r) => r.status)));
    expect(answers.filter((s) => s !== 202)).toEqual([]);

    const recorded = await eventsWithDelivery(database.db);
    expect(recorded).toHaveLength(41);
    await receiver.waitFor(() => new Set(receiver.received.map((r) => r.verified().id)).size === 41, 30_000);
    // Long enough for a second copy of any event to arrive, were one sent.
    await sleep(2_000);
    const ids = receiver.received.map((r) => r.verified().id);
    expect(ids).toHaveLength(41);
    expect(new Set(ids).size).toBe(41);
    expect(idsOf('session.created')).toHaveLength(40);
    const after = await eventsWithDelivery(database.db);
    expect(after.every((e) => e.deliveryState === 'delivered' && e.attempts === 1)).toBe(true);
  }, 120_000);
});
