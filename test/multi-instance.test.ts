import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsSink } from '../bench/sink.js';
import { buildPackage, childEnv } from './build.js';
import { openDatabase } from '../src/db/client.js';
import { cliFor } from './cli-helpers.js';
import { CHEAP_HASH, PASSWORD, SECRET, sleep } from './helpers.js';

/**
 * Real server processes behind an imaginary load balancer, sharing one PostgreSQL database
 * and nothing else: whatever one instance knows about keys, throttles, sessions and signing
 * keys, the others must know too. Twice: two instances on the server itself
 * (TEST_DATABASE_URL), and three behind PgBouncer in transaction-pooling mode
 * (TEST_PGBOUNCER_URL, in front of the same server), where each transaction may run on
 * another server connection. .ci/run sets both.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const bouncerUrl = process.env.TEST_PGBOUNCER_URL;

const setups = [
  { title: 'two instances on one PostgreSQL database', url: adminUrl, count: 2, env: {} },
  {
    title: 'three instances behind PgBouncer in transaction-pooling mode',
    url: bouncerUrl,
    count: 3,
    env: { DATABASE_POOL_MODE: 'transaction' },
  },
] as const;

/** The migrations in drizzle/, each of which a database records once it has run it. */
const migrationCount = (JSON.parse(readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] })
  .entries.length;

async function freePorts(n: number): Promise<number[]> {
  // All held open at once, so no two are the same.
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createNetServer>>((resolve) => {
      const s = createNetServer().listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** One instance: `node dist/start.cjs`, spoken to over real HTTP. */
class Instance {
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    dir: string,
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [join(dir, 'dist', 'start.cjs')], { cwd: dir, env: childEnv({ ...env, PORT: String(port) }) });
    this.child.stdout!.on('data', (c: Buffer) => this.output.push(c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => this.output.push(c.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
  }

  async ready(ms = 90_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      const ok = await fetch(`http://127.0.0.1:${this.port}/readyz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`instance ${this.name} did not become ready:\n${this.output.join('')}`);
  }

  async request(method: string, path: string, body?: unknown, token?: string) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`http://127.0.0.1:${this.port}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read any shape
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
  }

  post = (path: string, body?: unknown, token?: string) => this.request('POST', path, body, token);

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

describe.each(setups)('$title', ({ url: serviceUrl, count, env: modeEnv }) => {
  const sink = new SmsSink();
  const dbName = `multi_${randomBytes(6).toString('hex')}`;
  let build: Awaited<ReturnType<typeof buildPackage>> | undefined;
  let instances: Instance[] = [];
  /** The i-th instance, round the ring: requests spread over all of them. */
  const at = (i: number) => instances[i % instances.length]!;

  const withDatabase = (name: string) => {
    const url = new URL(serviceUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const run = async (connectionString: string, query: string) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      return (await client.query(query)).rows;
    } finally {
      await client.end();
    }
  };
  // The test's own statements go to the server directly, whatever the instances go through.
  const admin = (query: string) => run(adminUrl!, query);
  const inDatabase = (query: string) => {
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    return run(url.toString(), query);
  };

  beforeAll(async () => {
    if (!serviceUrl) return;
    const [smsUrl, , ports] = await Promise.all([sink.start(), admin(`create database ${dbName}`), freePorts(count)]);
    build = await buildPackage();
    const env = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://accounts.example.com',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      DATABASE_URL: withDatabase(dbName),
      SECRET_KEY: SECRET,
      LOG_LEVEL: 'silent',
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: smsUrl,
      ...CHEAP_HASH,
      OTP_RESEND_COOLDOWN_SECONDS: '60',
      SMS_MAX_PER_PHONE_PER_HOUR: '2',
      LOGIN_MAX_FAILURES: '2',
      SMS_MAX_PER_HOUR: '20',
      SMS_MAX_PER_IP_PER_HOUR: '1000',
      ...modeEnv,
    };
    // All started at once on an empty database, as replicas of a new deployment are: they
    // take turns to migrate, and the ones after the first find nothing left to do.
    instances = ports.map((port, i) => new Instance(String.fromCharCode(65 + i), build!.dir, port, env));
    await Promise.all(instances.map((i) => i.ready()));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await sink.stop();
    build?.remove();
    if (serviceUrl) await admin(`drop database if exists ${dbName} with (force)`);
  }, 60_000);

  const test = it.skipIf(!adminUrl || !serviceUrl);

  async function verifiedToken(phone: string, send: Instance, confirm: Instance): Promise<string> {
    expect((await send.post('/phone-verify', { phone_number: phone })).status).toBe(201);
    const res = await confirm.post('/phone-verify/confirm', { phone_number: phone, key: sink.lastKey(toE164(phone)) });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }
  const toE164 = (phone: string) => `+82${phone.replace(/\D/g, '').slice(1)}`;
  const kidOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

  test('migrates the database once when every instance starts on it at the same time', async () => {
    const rows = await inDatabase('select hash from drizzle.__drizzle_migrations');
    expect(rows).toHaveLength(migrationCount);
    expect(new Set(rows.map((r: { hash: string }) => r.hash)).size).toBe(migrationCount);
    for (const instance of instances) expect((await instance.request('GET', '/users/me')).status).toBe(401);
  });

  test('confirms on another instance a key sent through the first, and signs up with the token it issued', async () => {
    expect((await at(0).post('/phone-verify', { phone_number: '010-1000-0001' })).status).toBe(201);
    const key = sink.lastKey('+821010000001');
    const confirmed = await at(1).post('/phone-verify/confirm', { phone_number: '010-1000-0001', key });
    expect(confirmed.status).toBe(200);
    // The key was used, so every other instance refuses it.
    expect((await at(0).post('/phone-verify/confirm', { phone_number: '010-1000-0001', key })).status).toBe(401);
    const signUp = await at(2).post('/users', { email: 'multi@example.com', password: PASSWORD, phone_number: '010-1000-0001', token: confirmed.body.token });
    expect(signUp.status).toBe(201);
    // And the token, spent, is refused by every instance.
    const reuse = await at(1).post('/users/find-password', { email: 'multi@example.com', password: 'tulip-Garden-77', token: confirmed.body.token });
    expect(reuse.status).toBe(401);
  });

  test('holds on the others a resend cooldown started on one, and the per-phone cap filled through all', async () => {
    expect((await at(0).post('/phone-verify', { phone_number: '010-1000-0002' })).status).toBe(201);
    const cooling = await at(1).post('/phone-verify', { phone_number: '010-1000-0002' });
    expect(cooling.status).toBe(429);
    expect(Number(cooling.headers.get('retry-after'))).toBeGreaterThan(0);
    // Using the key does not end the cooldown, which runs from the last key sent, on any
    // instance; once it has passed, the second send of the hour goes through another one.
    expect((await at(1).post('/phone-verify/confirm', { phone_number: '010-1000-0002', key: sink.lastKey('+821010000002') })).status).toBe(200);
    expect((await at(2).post('/phone-verify', { phone_number: '010-1000-0002' })).status).toBe(429);
    await inDatabase(`update phone_verifications set created_at = created_at - interval '2 minutes'`);
    expect((await at(1).post('/phone-verify', { phone_number: '010-1000-0002' })).status).toBe(201);
    expect((await at(2).post('/phone-verify/confirm', { phone_number: '010-1000-0002', key: sink.lastKey('+821010000002') })).status).toBe(200);
    // Past the cooldown again, SMS_MAX_PER_PHONE_PER_HOUR=2 is now spent, whichever instance is asked.
    await inDatabase(`update phone_verifications set created_at = created_at - interval '2 minutes'`);
    const sentBefore = sink.received;
    for (const instance of instances) {
      const capped = await instance.post('/phone-verify', { phone_number: '010-1000-0002' });
      expect(capped.status).toBe(429);
      expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(3000);
    }
    expect(sink.received).toBe(sentBefore);
  });

  test('sends one key when requests for one phone race through every instance under the cooldown', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => at(i).post('/phone-verify', { phone_number: '010-1000-0003' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
    expect(sink.log.filter((m) => m.phone === '+821010000003')).toHaveLength(1);
    expect(sink.malformed).toBe(0);
  });

  test('locks on every instance the logins that failed on another, even with the right password', async () => {
    const token = await verifiedToken('010-1000-0004', at(1), at(0));
    expect((await at(1).post('/users', { email: 'locked@example.com', password: PASSWORD, phone_number: '010-1000-0004', token })).status).toBe(201);
    expect((await at(0).post('/login', { email: 'locked@example.com', password: 'wrong-Password-1' })).status).toBe(401);
    expect((await at(2).post('/login', { email: 'locked@example.com', password: 'wrong-Password-2' })).status).toBe(401);
    for (const instance of instances) {
      const locked = await instance.post('/login', { email: 'locked@example.com', password: PASSWORD });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  test('refuses on every instance the tokens of a session logged out through another', async () => {
    const token = await verifiedToken('010-1000-0005', at(0), at(1));
    expect((await at(0).post('/users', { email: 'logout@example.com', password: PASSWORD, phone_number: '010-1000-0005', token })).status).toBe(201);
    const login = await at(1).post('/login', { email: 'logout@example.com', password: PASSWORD });
    expect(login.status).toBe(202);
    const { access_token: access, refresh_token: refresh } = login.body;
    for (const instance of instances) expect((await instance.request('GET', '/users/me', undefined, access)).status).toBe(200);

    expect((await at(2).post('/logout', { refresh })).status).toBe(204);
    for (const instance of instances) {
      expect((await instance.request('GET', '/users/me', undefined, access)).status).toBe(401);
      expect((await instance.post('/login/refresh', { refresh })).status).toBe(401);
    }
  });

  test("refuses on every instance, at once, the tokens of a signing key revoked from the CLI", async () => {
    const token = await verifiedToken('010-1000-0006', at(2), at(0));
    expect((await at(1).post('/users', { email: 'keys@example.com', password: PASSWORD, phone_number: '010-1000-0006', token })).status).toBe(201);
    const login = await at(0).post('/login', { email: 'keys@example.com', password: PASSWORD });
    expect(login.status).toBe(202);
    const access = login.body.access_token as string;
    for (const instance of instances) expect((await instance.request('GET', '/users/me', undefined, access)).status).toBe(200);
    const kid = kidOf(access);

    // The CLI connects as the instances do (through PgBouncer, when they do).
    const database = await openDatabase({ url: withDatabase(dbName), poolSize: 2, poolMode: 'DATABASE_POOL_MODE' in modeEnv ? 'transaction' : 'session' });
    try {
      expect((await cliFor(database)('keys', 'revoke', '--', kid)).code).toBe(0);
    } finally {
      await database.close();
    }
    for (const instance of instances) expect((await instance.request('GET', '/users/me', undefined, access)).status).toBe(401);
    // Each instance signs with the replacement once it re-reads the key set (every 2 s, SECURITY.md).
    for (const instance of instances) {
      const login = () => instance.post('/login', { email: 'keys@example.com', password: PASSWORD });
      const deadline = Date.now() + 10_000;
      let next = await login();
      while (next.status === 202 && kidOf(next.body.access_token) === kid && Date.now() < deadline) {
        await sleep(200);
        next = await login();
      }
      expect(next.status).toBe(202);
      expect(kidOf(next.body.access_token)).not.toBe(kid);
      for (const other of instances) expect((await other.request('GET', '/users/me', undefined, next.body.access_token)).status).toBe(200);
    }
  });

  test('share the hourly spend cap: of requests spread over every instance, exactly the cap is sent', async () => {
    const sent = Number((await inDatabase(`select count(*)::int as n from phone_verifications`))[0].n);
    const room = 20 - sent;
    expect(room).toBeGreaterThan(0);
    const answers = await Promise.all(
      Array.from({ length: room + 9 }, (_, i) => at(i).post('/phone-verify', { phone_number: `010-2000-${String(i).padStart(4, '0')}` })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(room);
    expect(answers.filter((r) => r.status === 503)).toHaveLength(9);
    for (const instance of instances) expect((await instance.post('/phone-verify', { phone_number: '010-2999-0000' })).status).toBe(503);
  });
});
