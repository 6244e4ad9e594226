import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliFor } from './cli-helpers.js';
import { authHeader, bodyFor, fieldPools, forgedTokens, rawPayload } from './fuzz-inputs.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Property-based fuzzing of every endpoint's body (issue 4): whatever a client sends, the
 * answer is a 4xx in the documented shape (or the endpoint's own success), never a 5xx, and
 * a refused request leaves users, sessions and phone verifications as they were.
 * FUZZ_RUNS=2000 npx vitest run test/fuzz.test.ts fuzzes harder.
 */
const numRuns = Number(process.env.FUZZ_RUNS ?? 80);

type Method = 'POST' | 'PATCH' | 'DELETE';
interface Endpoint {
  method: Method;
  url: string;
  /** Sent with a valid Bearer token, so bodies that pass validation reach the domain code. */
  auth?: boolean;
  /** Sent with a valid API key (scope introspect) instead. */
  apiKey?: boolean;
  /** Sent with a valid API key of scope admin instead (to the literal `:id`, an account that does not exist). */
  adminKey?: boolean;
  fields: (p: ReturnType<typeof fieldPools>) => Record<string, fc.Arbitrary<unknown>>;
  /** The status of a request the fuzz may legitimately make succeed; it may change the database. */
  success?: number;
  /** A wrong key counts against the phone's pending key: the one change a refusal makes. */
  countsWrongKeys?: boolean;
}

const endpoints: Endpoint[] = [
  { method: 'POST', url: '/api/v1/phone-verify', fields: (p) => ({ phone_number: p.phone }), success: 201 },
  // A key from the pool could, once in 900,000, be the one pending for that phone.
  { method: 'POST', url: '/api/v1/phone-verify/confirm', fields: (p) => ({ phone_number: p.phone, key: p.key }), countsWrongKeys: true, success: 200 },
  {
    method: 'POST',
    url: '/api/v1/users',
    fields: (p) => ({ email: p.email, password: p.password, phone_number: p.phone, token: p.token, name: p.text, nickname: p.text }),
  },
  { method: 'POST', url: '/api/v1/users/find-password', fields: (p) => ({ email: p.email, password: p.password, token: p.token }) },
  {
    method: 'POST',
    url: '/api/v1/login',
    fields: (p) => ({ email: p.email, phone_number: p.phone, password: p.password, key: p.key }),
    countsWrongKeys: true,
    success: 202,
  },
  { method: 'POST', url: '/api/v1/login/refresh', fields: (p) => ({ refresh: p.jwt }) },
  { method: 'POST', url: '/api/v1/logout', fields: (p) => ({ refresh: p.jwt }) },
  // Without a valid Bearer token: with one, any body would log every session out.
  { method: 'POST', url: '/api/v1/logout/all', fields: (p) => ({ refresh: p.jwt }) },
  { method: 'PATCH', url: '/api/v1/users/me', auth: true, fields: (p) => ({ name: p.text, nickname: p.text }), success: 200 },
  { method: 'DELETE', url: '/api/v1/users/me', auth: true, fields: (p) => ({ password: p.password, token: p.token }) },
  {
    method: 'POST',
    url: '/api/v1/users/me/password',
    auth: true,
    fields: (p) => ({ current_password: p.password, new_password: p.password }),
  },
  {
    method: 'POST',
    url: '/api/v1/users/me/phone-number',
    auth: true,
    fields: (p) => ({ phone_number: p.phone, token: p.token, password: p.password, current_token: p.token }),
  },
  { method: 'POST', url: '/api/v1/login/mfa', fields: (p) => ({ mfa_token: p.token, code: p.key, passkey: p.webauthn }) },
  // Options for anyone: any body is ignored, and the challenge stored changes no account.
  { method: 'POST', url: '/api/v1/login/passkey/options', fields: (p) => ({ challenge_id: p.token }), success: 200 },
  { method: 'POST', url: '/api/v1/login/passkey', fields: (p) => ({ challenge_id: fc.oneof(p.token, fc.uuid()), response: p.webauthn }) },
  { method: 'POST', url: '/api/v1/users/me/passkeys/options', auth: true, fields: (p) => ({ password: p.password, token: p.token }) },
  { method: 'POST', url: '/api/v1/users/me/passkeys', auth: true, fields: (p) => ({ response: p.webauthn, name: p.text }) },
  // `:id` as it is: no passkey has that id, whatever the body.
  { method: 'PATCH', url: '/api/v1/users/me/passkeys/:id', auth: true, fields: (p) => ({ name: p.text }) },
  { method: 'DELETE', url: '/api/v1/users/me/passkeys/:id', auth: true, fields: (p) => ({ id: p.text }) },
  // The pool's passwords may hold the right one: a pending authenticator app is all it makes.
  { method: 'POST', url: '/api/v1/users/me/mfa/totp', auth: true, fields: (p) => ({ password: p.password, token: p.token }), success: 201 },
  { method: 'POST', url: '/api/v1/users/me/mfa/totp/confirm', auth: true, fields: (p) => ({ code: p.key }) },
  { method: 'DELETE', url: '/api/v1/users/me/mfa/totp', auth: true, fields: (p) => ({ code: p.text }) },
  // `:id` as it is: no session has that id, whatever the body.
  { method: 'DELETE', url: '/api/v1/users/me/sessions/:id', auth: true, fields: (p) => ({ id: p.text }) },
  // Any token is a 200 (`active` true or false); the route reads nothing else.
  { method: 'POST', url: '/api/v1/introspect', apiKey: true, fields: (p) => ({ token: p.jwt, token_type_hint: p.text }), success: 200 },
  {
    method: 'PATCH',
    url: '/api/v1/admin/users/:id',
    adminKey: true,
    fields: (p) => ({ name: p.text, nickname: p.text, is_active: fc.oneof(fc.boolean(), p.text) }),
  },
  { method: 'DELETE', url: '/api/v1/admin/users/:id', adminKey: true, fields: (p) => ({ password: p.password }) },
  { method: 'DELETE', url: '/api/v1/admin/users/:id/sessions', adminKey: true, fields: (p) => ({ refresh: p.jwt }) },
  // Social login, with SOCIAL_PROVIDERS unset here: each answers its refusal (test/social/ drives them against the providers).
  {
    method: 'POST',
    url: '/api/v1/login/social',
    fields: (p) => ({ provider: p.text, id_token: p.jwt, access_token: p.token, nonce: p.text, authorization_code: p.text }),
  },
  { method: 'POST', url: '/api/v1/oauth/:provider/callback', fields: (p) => ({ code: p.text, state: p.token }) },
  { method: 'POST', url: '/api/v1/oauth/exchange', fields: (p) => ({ result: p.token, code_verifier: p.text }) },
  {
    method: 'POST',
    url: '/api/v1/users/social',
    fields: (p) => ({ social_token: p.token, phone_number: p.phone, token: p.token, email: p.email, name: p.text, nickname: p.text }),
  },
  {
    method: 'POST',
    url: '/api/v1/users/me/identities',
    auth: true,
    fields: (p) => ({ provider: p.text, id_token: p.jwt, password: p.password, token: p.token }),
  },
  { method: 'DELETE', url: '/api/v1/users/me/identities/:provider', auth: true, fields: (p) => ({ provider: p.text }) },
  { method: 'DELETE', url: '/api/v1/admin/users/:id/mfa', adminKey: true, fields: (p) => ({ code: p.key }) },
  // The OpenID provider's apps: a well-formed body may register one, which changes no account.
  {
    method: 'POST',
    url: '/api/v1/admin/oidc-clients',
    adminKey: true,
    fields: (p) => ({ name: p.text, redirect_uris: fc.array(p.text, { maxLength: 3 }), post_logout_redirect_uris: fc.array(p.text, { maxLength: 2 }), public: fc.boolean(), first_party: fc.boolean() }),
    success: 201,
  },
  { method: 'DELETE', url: '/api/v1/admin/oidc-clients/:client_id', adminKey: true, fields: (p) => ({ client_id: p.text }) },
  { method: 'DELETE', url: '/api/v1/users/me/apps/:client_id', auth: true, fields: (p) => ({ client_id: p.text }) },
];

let t: TestApp;
let access: string;
let refresh: string;
let apiKey: string;
let adminKey: string;

beforeAll(async () => {
  t = await startApp();
  await t.signUp();
  ({ access, refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD }));
  apiKey = (await cliFor(t.database)('api-keys', 'create', '--name', 'fuzz', '--scopes', 'introspect')).out.split('\n').at(-1)!;
  adminKey = (await cliFor(t.database)('api-keys', 'create', '--name', 'fuzz-admin', '--scopes', 'admin')).out.split('\n').at(-1)!;
});
afterAll(async () => t?.close());

/** Every row of the tables a refusal must not touch; `attempts` apart, see Endpoint.countsWrongKeys. */
async function snapshot() {
  const result = await t.database.db.execute(sql`select
    (select coalesce(string_agg(u::text, e'\n' order by u.id), '') from users u) as users,
    (select coalesce(string_agg(s::text, e'\n' order by s.id), '') from sessions s) as sessions,
    (select coalesce(string_agg((p.id, p.phone_number, p.key_hash, p.created_at, p.expires_at, p.used_at, p.retired_at,
      p.token_hash, p.token_expires_at, p.token_used_at, p.request_ip)::text, e'\n' order by p.id), '') from phone_verifications p) as verifications,
    (select coalesce(string_agg(p.attempts::text, ',' order by p.id), '') from phone_verifications p) as attempts`);
  // PGlite and node-postgres both answer { rows }.
  return (result as unknown as { rows: Record<'users' | 'sessions' | 'verifications' | 'attempts', string>[] }).rows[0]!;
}

async function send(e: Endpoint, opts: { body?: unknown; raw?: { payload: string | Buffer; contentType: string }; authorization?: string }) {
  const headers: Record<string, string> = {};
  if (e.auth) headers.authorization = `Bearer ${access}`;
  if (e.apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (e.adminKey) headers.authorization = `Bearer ${adminKey}`;
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  let payload: string | Buffer | undefined;
  if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    payload = opts.raw.payload;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(opts.body) ?? 'null';
  }
  return t.request({ method: e.method, url: e.url, headers, payload });
}

/** The answer is the endpoint's success, or a 4xx in the documented shape with the database untouched. */
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function expectSafe(e: Endpoint, res: Awaited<ReturnType<typeof send>>, before: Snapshot): Promise<Snapshot> {
  const after = await snapshot();
  if (e.success !== undefined && res.status === e.success) return after;
  expect(res.status, res.text).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.text) as unknown;
  if (res.status === 400) {
    expect(body).toBeTypeOf('object');
    expect(Array.isArray(body)).toBe(false);
    const entries = Object.entries(body as object);
    expect(entries.length).toBeGreaterThan(0);
    for (const [, messages] of entries) {
      expect(Array.isArray(messages) && messages.length > 0 && messages.every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
    }
  } else {
    expect(body).toEqual({ detail: expect.any(String), code: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/) });
  }
  if (res.status === 429) expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(after.users).toBe(before.users);
  expect(after.sessions).toBe(before.sessions);
  expect(after.verifications).toBe(before.verifications);
  if (!(e.countsWrongKeys && res.status === 401)) expect(after.attempts).toBe(before.attempts);
  return after;
}

describe('fuzzing every endpoint with hostile bodies', () => {
  it('covers every /api/v1 route that takes a body', () => {
    const routes: string[] = [];
    const stack: string[] = [];
    for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│ ]*)[├└]── (.+?) \(([^)]+)\)$/.exec(line);
      if (!m) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      stack.push(m[2]!);
      const path = stack.join('');
      for (const method of m[3]!.split(', ')) {
        if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && path.startsWith('/api/v1/')) routes.push(`${method} ${path}`);
      }
    }
    expect(routes.sort()).toEqual(endpoints.map((e) => `${e.method} ${e.url}`).sort());
  });

  for (const e of endpoints) {
    it(`${e.method} ${e.url.slice(7)}: any JSON body is a documented 4xx and a refusal changes nothing`, async () => {
      const body = bodyFor(e.fields(fieldPools(forgedTokens(refresh, access))));
      let before = await snapshot();
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          before = await expectSafe(e, await send(e, { body: b }), before);
        }),
        { numRuns },
      );
    });

    it(`${e.method} ${e.url.slice(7)}: malformed JSON and odd content types are a documented 4xx`, async () => {
      const raw = rawPayload(bodyFor(e.fields(fieldPools(forgedTokens(refresh, access)))));
      let before = await snapshot();
      await fc.assert(
        fc.asyncProperty(raw, async (r) => {
          before = await expectSafe(e, await send(e, { raw: r }), before);
        }),
        { numRuns: Math.ceil(numRuns * 0.4) },
      );
    });
  }

  it('refuses every forged or odd Authorization header with 401 on the routes that need one', async () => {
    // Bodies that pass validation (which runs first), so only the header decides.
    const validBodies: Record<string, unknown> = {
      'PATCH /api/v1/users/me': { name: '이름' },
      'DELETE /api/v1/users/me': { password: 'wrong-Password-1' },
      'POST /api/v1/users/me/password': { current_password: 'wrong-Password-1', new_password: 'tulip-Garden-77' },
      'POST /api/v1/users/me/phone-number': { phone_number: '010-5555-0101', token: '0'.repeat(32), password: 'wrong-Password-1' },
      'POST /api/v1/logout/all': {},
      'POST /api/v1/introspect': { token: 'x' },
      'PATCH /api/v1/admin/users/:id': { is_active: false },
      'DELETE /api/v1/admin/users/:id': {},
    };
    const guarded = endpoints.filter((e) => `${e.method} ${e.url}` in validBodies);
    expect(guarded).toHaveLength(Object.keys(validBodies).length);
    const header = authHeader(forgedTokens(access, refresh));
    let before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...guarded), header, async (e, authorization) => {
        const body = validBodies[`${e.method} ${e.url}`];
        const res = await send({ ...e, success: undefined }, { body, authorization });
        expect(res.status, `${authorization} → ${res.text}`).toBe(401);
        before = await expectSafe(e, res, before);
      }),
      { numRuns },
    );
    // The real token still works after all that.
    expect((await t.get('/users/me', { authorization: `Bearer ${access}` })).status).toBe(200);
  });

  // A regression test: the "not blank, no NUL" pattern once backtracked quadratically, and
  // ajv tests patterns even on strings over maxLength, so one such body held the event loop
  // for minutes.
  it.each([
    ['POST', '/phone-verify', 'phone_number'],
    ['POST', '/login', 'password'],
    ['POST', '/users', 'email'],
    ['PATCH', '/users/me', 'name'],
  ] as const)('refuses a 1 MB string ending in NUL on %s %s at once', async (method, url, field) => {
    const started = performance.now();
    const res = await t.request({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${access}` },
      payload: { [field]: `${'a'.repeat(1_000_000)}\u0000` },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toContain(field);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a lone surrogate (unstorable as UTF-8) with 400 on the field, and keeps emoji', async () => {
    const patch = (json: string) => t.patch('/users/me', json, { authorization: `Bearer ${access}`, 'content-type': 'application/json' });
    const lone = await patch('{"nickname": "ß\\udfff"}');
    expect(lone.status).toBe(400);
    expect(lone.body).toEqual({ nickname: ['올바른 형식이 아닙니다.'] });
    const emoji = await patch('{"nickname": "😀 \\ud83d\\ude00 👨‍👩‍👧"}');
    expect(emoji.status).toBe(200);
    expect(emoji.body.nickname).toBe('😀 😀 👨‍👩‍👧');
  });
});
