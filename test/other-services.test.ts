import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { ServerProcess } from './build.js';
import { CHEAP_HASH, SECRET, sleep } from './helpers.js';

/**
 * The product's other services, played by this file: they verify the tokens with the
 * published key set through jose's remote key set, as docs/tokens.md shows, while two real
 * instances share one PostgreSQL database (issue 15). Needs TEST_DATABASE_URL.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const MAX_AGE = '2';
const USER = { email: 'verifier@example.com', phone: '010-4000-0001', password: 'copper-Lantern-58' };

const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid as string;

interface Instance {
  process: ServerProcess;
  origin: string;
}

describe.skipIf(!adminUrl)('other services verifying tokens, two instances on one PostgreSQL', () => {
  const dbName = `keys_${randomBytes(6).toString('hex')}`;
  let url: string;
  let a: Instance;
  let b: Instance;
  let apiKey: string;

  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  /** The CLI as an operator runs it, against the shared database. */
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const env = { DATABASE_URL: url, SECRET_KEY: SECRET, JWKS_MAX_AGE_SECONDS: MAX_AGE, LOG_LEVEL: 'silent', ...CHEAP_HASH };
    const code = await runCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '' });
    expect(code, err.join('\n')).toBe(0);
    return out;
  };
  const start = async (): Promise<Instance> => {
    const process = await ServerProcess.start({ DATABASE_URL: url, JWKS_MAX_AGE_SECONDS: MAX_AGE });
    const ready = await process.waitFor(/account service ready on/, 90_000);
    return { process, origin: `http://127.0.0.1:${/http:\/\/127\.0\.0\.1:(\d+)/.exec(ready)![1]}` };
  };
  const call = async (i: Instance, method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${i.origin}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const login = async (i: Instance) => {
    const res = await call(i, 'POST', '/api/v1/login', { email: USER.email, password: USER.password });
    expect(res.status).toBe(202);
    return { access: res.body.access_token as string, refresh: res.body.refresh_token as string };
  };
  const me = async (i: Instance, token: string) => (await call(i, 'GET', '/api/v1/users/me', undefined, token)).status;
  const introspect = async (i: Instance, token: string) => (await call(i, 'POST', '/api/v1/introspect', { token }, apiKey)).body;
  const publishedKids = async (i: Instance) => ((await call(i, 'GET', '/.well-known/jwks.json')).body.keys as { kid: string }[]).map((k) => k.kid);
  /** What another service of the product does (docs/tokens.md, "Verifying tokens in your other services"), honouring max-age. */
  const verifier = async (i: Instance) => {
    const res = await fetch(`${i.origin}/.well-known/jwks.json`);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '')![1]);
    expect(maxAge).toBe(Number(MAX_AGE));
    // No reload for a kid it does not know (cooldown of an hour): only the cache age brings new keys.
    const keys = createRemoteJWKSet(new URL(`${i.origin}/.well-known/jwks.json`), { cacheMaxAge: maxAge * 1000, cooldownDuration: 3_600_000 });
    return (token: string) => jwtVerify(token, keys, { issuer: 'account-service', typ: 'JWT' });
  };

  beforeAll(async () => {
    await admin(`create database ${dbName}`);
    const u = new URL(adminUrl!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    a = await start();
    b = await start();
    await cli('create-admin', '--email', USER.email, '--phone', USER.phone, '--password', USER.password);
    apiKey = (await cli('api-keys', 'create', '--name', 'orders', '--scopes', 'introspect')).at(-1)!;
  }, 180_000);

  afterAll(async () => {
    for (const i of [a, b]) i?.process.stop();
    await Promise.all([a?.process.exited, b?.process.exited]);
    await admin(`drop database if exists ${dbName} with (force)`);
  }, 60_000);

  it('verifies every token through a rotation with jose\'s remote key set, from both instances, without a single failure', async () => {
    const verifiers = [await verifier(a), await verifier(b)];
    const instances = [a, b];
    const sessions = [await login(a), await login(b)];
    const before = kidOf(sessions[0]!.access);
    const failures: string[] = [];
    const seen: { kid: string; iat: number }[] = [];
    let rotatedTo: string | undefined;
    let signsFrom = Infinity;
    let oldToken: string | undefined;

    const deadline = Date.now() + 40_000;
    for (let n = 0; Date.now() < deadline; n++) {
      const i = n % 2;
      // A token from one instance, checked by the other service against either instance's key set, and by the other instance.
      const refreshed = await call(instances[i]!, 'POST', '/api/v1/login/refresh', { refresh: sessions[i]!.refresh });
      if (refreshed.status !== 202) failures.push(`refresh on ${i}: ${refreshed.status}`);
      const access = refreshed.body.access as string;
      for (const verify of verifiers) {
        await verify(access).catch((err: Error) => failures.push(`${kidOf(access)}: ${err.message}`));
      }
      const other = await me(instances[1 - i]!, access);
      if (other !== 200) failures.push(`GET /users/me on the other instance: ${other}`);
      const { kid } = decodeProtectedHeader(access);
      seen.push({ kid: kid as string, iat: (JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()) as { iat: number }).iat });
      if (kid === before) oldToken = access;

      if (n === 5) {
        const out = await cli('keys', 'rotate');
        rotatedTo = /^key (\S+) \(ES256\) published; it signs from (\S+)$/.exec(out[0]!)![1];
        signsFrom = Date.parse(/signs from (\S+)$/.exec(out[0]!)![1]!);
        expect(await publishedKids(a)).toEqual([before, rotatedTo]);
        expect(await publishedKids(b)).toEqual([before, rotatedTo]);
      }
      if (seen.filter((s) => s.kid === rotatedTo).length >= 10) break;
      await sleep(100);
    }

    expect(failures).toEqual([]);
    expect(rotatedTo).toBeDefined();
    const newer = seen.filter((s) => s.kid === rotatedTo);
    expect(newer.length).toBeGreaterThanOrEqual(10);
    expect(seen.filter((s) => s.kid === before).length).toBeGreaterThan(5);
    expect(Math.min(...newer.map((s) => s.iat))).toBeGreaterThanOrEqual(Math.floor(signsFrom / 1000));
    // The retired key still verifies what it signed, everywhere.
    for (const verify of verifiers) await verify(oldToken!);
    expect(await me(a, oldToken!)).toBe(200);
    expect(await me(b, oldToken!)).toBe(200);
    const states = JSON.parse((await cli('keys', 'list', '--json')).join('\n')) as { kid: string; state: string }[];
    expect(states.map((k) => [k.kid, k.state])).toEqual([[before, 'retired'], [rotatedTo, 'signing']]);
  }, 90_000);

  it('refuses the tokens of a revoked key on both instances at once, and new logins get the new key', async () => {
    const s = await login(a);
    const kid = kidOf(s.access);
    const verify = await verifier(b);
    await verify(s.access);
    for (const i of [a, b]) {
      expect(await me(i, s.access)).toBe(200);
      expect((await introspect(i, s.access)).active).toBe(true);
    }

    const out = await cli('keys', 'revoke', kid);
    const replacement = /^key (\S+) \(ES256\) signs from now$/.exec(out[1] ?? '')![1]!;

    for (const i of [a, b]) {
      expect(await me(i, s.access)).toBe(401);
      expect((await call(i, 'POST', '/api/v1/login/refresh', { refresh: s.refresh })).status).toBe(401);
      expect(await introspect(i, s.access)).toEqual({ active: false });
      expect(await publishedKids(i)).not.toContain(kid);
      expect(await publishedKids(i)).toContain(replacement);
    }
    // A verifier that fetches the key set from now on no longer has the key.
    await expect((await verifier(a))(s.access)).rejects.toThrow();

    for (const i of [a, b]) {
      const deadline = Date.now() + 10_000;
      let next = await login(i);
      while (kidOf(next.access) !== replacement && Date.now() < deadline) {
        await sleep(200);
        next = await login(i);
      }
      expect(kidOf(next.access)).toBe(replacement);
      expect(await me(a, next.access)).toBe(200);
      expect(await me(b, next.access)).toBe(200);
      await (await verifier(b))(next.access);
    }
  }, 60_000);
});
