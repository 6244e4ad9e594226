import { eq, sql } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { envelope } from '../src/crypto/envelope.js';
import { signingKeys } from '../src/db/schema/index.js';
import { cliFor } from './cli-helpers.js';
import { httpClient } from './http-client.js';
import { bearer, PASSWORD, RecordingSms, SECRET, sleep, startApp, testConfig, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid as string;
const jwks = async () => ((await t.get('/.well-known/jwks.json')).body.keys as { kid: string }[]).map((k) => k.kid);

async function signedIn(env: Record<string, string> = {}) {
  t = await startApp(env);
  await t.signUp();
  return t.login({ email: 'kim@example.com', password: PASSWORD });
}

/** Logs in until the token is signed by a key other than `kid`; the key set is re-read every few seconds. */
async function loginSignedByAnotherKey(kid: string, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const session = await t.login({ email: 'kim@example.com', password: PASSWORD });
    if (kidOf(session.access) !== kid) return session;
    if (Date.now() > deadline) throw new Error(`still signed by ${kid} after ${ms} ms`);
    await sleep(200);
  }
}

describe('signing keys at rest', () => {
  it('stores the private key sealed with AES-256-GCM under SECRET_KEY, bound to its kid, never in clear', async () => {
    t = await startApp();
    const [row] = await t.database.db.select().from(signingKeys);
    expect(row!.privateJwkSealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(row!.privateJwkSealed).not.toContain('"d"');
    expect(Object.keys(row!.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);

    const opened = JSON.parse(envelope(SECRET, 'signing-key').open(row!.privateJwkSealed, row!.kid)) as Record<string, string>;
    expect(opened).toMatchObject({ kty: 'EC', crv: 'P-256', x: row!.publicJwk.x, d: expect.any(String) });
    expect(row!.privateJwkSealed).not.toContain(opened.d);
    expect(() => envelope('another-secret-key-that-is-long-enough-000', 'signing-key').open(row!.privateJwkSealed, row!.kid)).toThrow(/SECRET_KEY/);
    expect(() => envelope(SECRET, 'signing-key').open(row!.privateJwkSealed, 'another-kid')).toThrow(/SECRET_KEY/);
    expect(() => envelope(SECRET, 'totp').open(row!.privateJwkSealed, row!.kid)).toThrow(/SECRET_KEY/);
  });

  it('refuses to start with a SECRET_KEY that cannot open the stored keys, saying so', async () => {
    t = await startApp();
    const other = testConfig({ SECRET_KEY: 'another-secret-key-that-is-long-enough-000' });
    await expect(buildApp({ config: other, database: t.database, sms: new RecordingSms(), logger: false })).rejects.toThrow(/SECRET_KEY differs/);
  });

  it('skips a malformed key in the table: its tokens are 401 and the rest work; a start refuses it until it is revoked', async () => {
    const { access } = await signedIn();
    const day = 86_400_000;
    await t.database.db.insert(signingKeys).values({
      kid: 'broken',
      algorithm: 'ES256',
      publicJwk: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
      privateJwkSealed: envelope(SECRET, 'signing-key').seal('{"kty":"EC","d":', 'broken'),
      createdAt: new Date(Date.now() - 2 * day),
      signsFrom: new Date(Date.now() - day),
    });
    const [head, payload, signature] = access.split('.') as [string, string, string];
    const header = { ...JSON.parse(Buffer.from(head, 'base64url').toString()), kid: 'broken' };
    const forged = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payload}.${signature}`;
    expect((await t.get('/users/me', bearer(forged))).status).toBe(401);
    expect((await t.get('/users/me', bearer(access))).status).toBe(200);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);

    const starting = buildApp({ config: testConfig(), database: t.database, sms: new RecordingSms(), logger: false });
    await expect(starting).rejects.toThrow('signing key broken: its public part is not a usable ES256 JWK');
    await expect(starting).rejects.not.toThrow(/AAAA|"d"/);
    expect((await cliFor(t.database)('keys', 'revoke', 'broken')).code).toBe(0);
    await (await buildApp({ config: testConfig(), database: t.database, sms: new RecordingSms(), logger: false })).close();
  });

  it('creates one key when instances start together on an empty database', async () => {
    t = await startApp();
    await t.database.db.execute(sql`truncate signing_keys`);
    const apps = await Promise.all(
      Array.from({ length: 3 }, () => buildApp({ config: testConfig(), database: t.database, sms: new RecordingSms(), logger: false })),
    );
    await Promise.all(apps.map((a) => a.close()));
    expect(await t.database.db.select().from(signingKeys)).toHaveLength(1);
  });

  it('rotates to a key of the new algorithm when JWT_ALGORITHM changes, publishing it before it signs', async () => {
    const first = await signedIn();
    // Another instance, started on the same database with the new setting.
    const app = await buildApp({ config: testConfig({ JWT_ALGORITHM: 'EdDSA' }), database: t.database, sms: new RecordingSms(), logger: false });
    try {
      const rows = await t.database.db.select().from(signingKeys);
      expect(rows.map((r) => r.algorithm).sort()).toEqual(['ES256', 'EdDSA']);
      const eddsa = rows.find((r) => r.algorithm === 'EdDSA')!;
      expect(eddsa.signsFrom.getTime() - eddsa.createdAt.getTime()).toBe(305_000);
      const http = httpClient(app);
      const published = (await http.get('/.well-known/jwks.json')).body.keys as { kid: string; alg: string }[];
      expect(published.map((k) => k.alg)).toEqual(['ES256', 'EdDSA']);
      const login = await http.post('/api/v1/login', { email: 'kim@example.com', password: PASSWORD });
      expect(kidOf(login.body.access_token)).toBe(kidOf(first.access));
    } finally {
      await app.close();
    }
  });
});

describe('account-service keys', () => {
  it('keys list shows kid, algorithm, state and dates, as columns and as JSON, and never key material', async () => {
    const { access } = await signedIn();
    const cli = cliFor(t.database);
    const listed = await cli('keys', 'list');
    expect(listed.code).toBe(0);
    const [header, line, ...rest] = listed.out.split('\n');
    expect(header).toMatch(/^kid +algorithm +state +published +signs from +retires +verifies until +revoked$/);
    expect(line).toMatch(new RegExp(`^${kidOf(access)} +ES256 +signing +\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}Z +\\d{4}-.+Z +- +- +-$`));
    expect(rest).toEqual([]);
    const json = JSON.parse((await cli('keys', 'list', '--json')).out);
    expect(json).toEqual([
      {
        kid: kidOf(access),
        algorithm: 'ES256',
        state: 'signing',
        published_at: expect.any(String),
        signs_from: expect.any(String),
        retires_at: null,
        verifies_until: null,
        revoked_at: null,
      },
    ]);
    const [row] = await t.database.db.select().from(signingKeys);
    expect(listed.out + JSON.stringify(json)).not.toContain(row!.privateJwkSealed.split('.')[2]!);
  });

  it('keys rotate publishes a new key at once, signs with it only after JWKS_MAX_AGE_SECONDS, and the old one keeps verifying', async () => {
    const first = await signedIn({ JWKS_MAX_AGE_SECONDS: '1' });
    const old = kidOf(first.access);
    const cli = cliFor(t.database, '', { JWKS_MAX_AGE_SECONDS: '1' });
    const rotated = await cli('keys', 'rotate');
    expect(rotated.code).toBe(0);
    const kid = /^key (\S+) \(ES256\) published; it signs from (\S+)$/m.exec(rotated.out)?.[1];
    expect(kid).toBeDefined();
    expect(rotated.out).toContain(`key ${old} retires then, and verifies until `);
    expect(await jwks()).toEqual([old, kid]);

    // JWKS_MAX_AGE_SECONDS plus the 5 s margin: the old key still signs for now.
    expect(kidOf((await t.login({ email: 'kim@example.com', password: PASSWORD })).access)).toBe(old);
    const states = JSON.parse((await cli('keys', 'list', '--json')).out) as { kid: string; state: string; signs_from: string; retires_at: string | null }[];
    expect(states.map((k) => [k.kid, k.state])).toEqual([[old, 'signing'], [kid, 'waiting']]);
    expect(states[0]!.retires_at).toBe(states[1]!.signs_from);
    expect(Date.parse(states[1]!.signs_from) - Date.now()).toBeGreaterThan(4_000);

    const next = await loginSignedByAnotherKey(old, 15_000);
    expect(kidOf(next.access)).toBe(kid);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(states[1]!.signs_from));
    for (const token of [first.access, next.access]) expect((await t.get('/users/me', bearer(token))).status).toBe(200);
    expect((await t.post('/login/refresh', { refresh: first.refresh })).status).toBe(202);
    const after = JSON.parse((await cli('keys', 'list', '--json')).out) as { state: string; verifies_until: string }[];
    expect(after.map((k) => k.state)).toEqual(['retired', 'signing']);
    expect(Date.parse(after[0]!.verifies_until) - Date.parse(states[1]!.signs_from)).toBe(86_400_000);
    expect(await jwks()).toEqual([old, kid]);
  }, 30_000);

  it("keys revoke refuses the key's tokens at once, unpublishes it, and a new key signs the next logins", async () => {
    const first = await signedIn();
    const old = kidOf(first.access);
    const revoked = await cliFor(t.database)('keys', 'revoke', old);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toMatch(new RegExp(`^key ${old} revoked: .*\\nkey (\\S+) \\(ES256\\) signs from now$`));
    const replacement = /^key (\S+) \(ES256\) signs from now$/m.exec(revoked.out)![1]!;

    expect((await t.get('/users/me', bearer(first.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: first.refresh })).status).toBe(401);
    expect(await jwks()).toEqual([replacement]);
    const next = await loginSignedByAnotherKey(old, 10_000);
    expect(kidOf(next.access)).toBe(replacement);
    expect((await t.get('/users/me', bearer(next.access))).status).toBe(200);
    const states = JSON.parse((await cliFor(t.database)('keys', 'list', '--json')).out) as { state: string; revoked_at: string | null }[];
    expect(states.map((k) => k.state)).toEqual(['revoked', 'signing']);
    expect(states[0]!.revoked_at).not.toBeNull();
  }, 20_000);

  it('keys revoke names an unknown or already revoked kid; with HS256 there is nothing to rotate or revoke', async () => {
    const { access } = await signedIn();
    const cli = cliFor(t.database);
    expect(await cli('keys', 'revoke', 'no-such-kid')).toMatchObject({ code: 1, err: 'no key no-such-kid' });
    expect((await cli('keys', 'revoke', kidOf(access))).code).toBe(0);
    expect(await cli('keys', 'revoke', kidOf(access))).toMatchObject({ code: 1, err: `key ${kidOf(access)} is already revoked` });
    expect((await cli('keys', 'revoke')).code).toBe(2);
    // A thumbprint may begin with "-": it is a kid, not an option.
    await t.database.db.update(signingKeys).set({ kid: `-${kidOf(access)}` }).where(eq(signingKeys.kid, kidOf(access)));
    expect(await cli('keys', 'revoke', `-${kidOf(access)}`)).toMatchObject({ code: 1, err: `key -${kidOf(access)} is already revoked` });
    expect(await cli('keys', 'revoke', '--', '-unknown')).toMatchObject({ code: 1, err: 'no key -unknown' });
    expect((await cli('keys', 'spin')).code).toBe(2);
    const hs = cliFor(t.database, '', { JWT_ALGORITHM: 'HS256' });
    expect(await hs('keys', 'rotate')).toMatchObject({ code: 1, err: expect.stringContaining('JWT_ALGORITHM=HS256') });
  });
});
