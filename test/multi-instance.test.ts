import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsSink } from '../bench/sink.js';
import { buildPackage, childEnv } from './build.js';
import { CHEAP_HASH, PASSWORD, SECRET } from './helpers.js';

/**
 * Two real server processes behind an imaginary load balancer, sharing one PostgreSQL
 * database and nothing else (issue 4): whatever one instance knows about keys, throttles
 * and sessions, the other must know too. Needs TEST_DATABASE_URL (as .ci/run sets it).
 */
const adminUrl = process.env.TEST_DATABASE_URL;

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

describe.skipIf(!adminUrl)('two instances on one PostgreSQL database', () => {
  const sink = new SmsSink();
  const dbName = `multi_${randomBytes(6).toString('hex')}`;
  let build: Awaited<ReturnType<typeof buildPackage>> | undefined;
  let a: Instance;
  let b: Instance;

  const run = async (connectionString: string, query: string) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  const admin = (query: string) => run(adminUrl!, query);
  const inDatabase = (query: string) => {
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    return run(url.toString(), query);
  };

  beforeAll(async () => {
    const [smsUrl, , ports] = await Promise.all([sink.start(), admin(`create database ${dbName}`), freePorts(2)]);
    build = await buildPackage();
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    const env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      DATABASE_URL: url.toString(),
      SECRET_KEY: SECRET,
      LOG_LEVEL: 'silent',
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: smsUrl,
      ...CHEAP_HASH,
      OTP_RESEND_COOLDOWN_SECONDS: '60',
      SMS_MAX_PER_PHONE_PER_HOUR: '2',
      LOGIN_MAX_FAILURES: '2',
    };
    // A migrates first; B then finds the schema in place, as a second replica would.
    a = new Instance('A', build.dir, ports[0]!, env);
    await a.ready();
    b = new Instance('B', build.dir, ports[1]!, env);
    await b.ready();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sink.stop();
    build?.remove();
    await admin(`drop database if exists ${dbName} with (force)`);
  }, 60_000);

  async function verifiedToken(phone: string, send: Instance, confirm: Instance): Promise<string> {
    expect((await send.post('/phone-verify', { phone_number: phone })).status).toBe(201);
    const res = await confirm.post('/phone-verify/confirm', { phone_number: phone, key: sink.lastKey(toE164(phone)) });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }
  const toE164 = (phone: string) => `+82${phone.replace(/\D/g, '').slice(1)}`;

  it('confirms through B a key sent through A, and signs up through A with the token B issued', async () => {
    expect((await a.post('/phone-verify', { phone_number: '010-1000-0001' })).status).toBe(201);
    const key = sink.lastKey('+821010000001');
    const confirmed = await b.post('/phone-verify/confirm', { phone_number: '010-1000-0001', key });
    expect(confirmed.status).toBe(200);
    // The key was used on B, so A refuses it.
    expect((await a.post('/phone-verify/confirm', { phone_number: '010-1000-0001', key })).status).toBe(401);
    const signUp = await a.post('/users', { email: 'multi@example.com', password: PASSWORD, phone_number: '010-1000-0001', token: confirmed.body.token });
    expect(signUp.status).toBe(201);
    // And the token, spent on A, is refused on B.
    const reuse = await b.post('/users/find-password', { email: 'multi@example.com', password: 'tulip-Garden-77', token: confirmed.body.token });
    expect(reuse.status).toBe(401);
  });

  it('holds on B a resend cooldown started on A, and the per-phone cap filled through both', async () => {
    expect((await a.post('/phone-verify', { phone_number: '010-1000-0002' })).status).toBe(201);
    const cooling = await b.post('/phone-verify', { phone_number: '010-1000-0002' });
    expect(cooling.status).toBe(429);
    expect(Number(cooling.headers.get('retry-after'))).toBeGreaterThan(0);
    // Using the key does not end the cooldown, which runs from the last key sent, on either
    // instance; once it has passed, the second send of the hour goes through B.
    expect((await b.post('/phone-verify/confirm', { phone_number: '010-1000-0002', key: sink.lastKey('+821010000002') })).status).toBe(200);
    expect((await a.post('/phone-verify', { phone_number: '010-1000-0002' })).status).toBe(429);
    await inDatabase(`update phone_verifications set created_at = created_at - interval '2 minutes'`);
    expect((await b.post('/phone-verify', { phone_number: '010-1000-0002' })).status).toBe(201);
    expect((await a.post('/phone-verify/confirm', { phone_number: '010-1000-0002', key: sink.lastKey('+821010000002') })).status).toBe(200);
    // Past the cooldown again, SMS_MAX_PER_PHONE_PER_HOUR=2 is now spent, whichever instance is asked.
    await inDatabase(`update phone_verifications set created_at = created_at - interval '2 minutes'`);
    const sentBefore = sink.received;
    for (const instance of [a, b]) {
      const capped = await instance.post('/phone-verify', { phone_number: '010-1000-0002' });
      expect(capped.status).toBe(429);
      expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(3000);
    }
    expect(sink.received).toBe(sentBefore);
  });

  it('sends one key when requests for one phone race through both instances under the cooldown', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).post('/phone-verify', { phone_number: '010-1000-0003' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect(sink.log.filter((m) => m.phone === '+821010000003')).toHaveLength(1);
    expect(sink.malformed).toBe(0);
  });

  it('locks on B the logins that failed on A, even with the right password', async () => {
    const token = await verifiedToken('010-1000-0004', b, a);
    expect((await b.post('/users', { email: 'locked@example.com', password: PASSWORD, phone_number: '010-1000-0004', token })).status).toBe(201);
    expect((await a.post('/login', { email: 'locked@example.com', password: 'wrong-Password-1' })).status).toBe(401);
    expect((await a.post('/login', { email: 'locked@example.com', password: 'wrong-Password-2' })).status).toBe(401);
    const locked = await b.post('/login', { email: 'locked@example.com', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses on B the tokens of a session logged out through A', async () => {
    const token = await verifiedToken('010-1000-0005', a, b);
    expect((await a.post('/users', { email: 'logout@example.com', password: PASSWORD, phone_number: '010-1000-0005', token })).status).toBe(201);
    const login = await b.post('/login', { email: 'logout@example.com', password: PASSWORD });
    expect(login.status).toBe(202);
    const { access_token: access, refresh_token: refresh } = login.body;
    expect((await b.request('GET', '/users/me', undefined, access)).status).toBe(200);
    expect((await a.request('GET', '/users/me', undefined, access)).status).toBe(200);

    expect((await a.post('/logout', { refresh })).status).toBe(204);
    expect((await b.request('GET', '/users/me', undefined, access)).status).toBe(401);
    expect((await b.post('/login/refresh', { refresh })).status).toBe(401);
    expect((await a.request('GET', '/users/me', undefined, access)).status).toBe(401);
  });
});
