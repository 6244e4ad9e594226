import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyHash } from '../src/api-keys/service.js';
import { apiKeys } from '../src/db/schema/index.js';
import { cliFor } from './cli-helpers.js';
import { bearer, PASSWORD, SECRET, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const introspect = (token: string, key?: string, lang?: string) =>
  t.post('/introspect', `token=${encodeURIComponent(token)}`, {
    'content-type': 'application/x-www-form-urlencoded',
    ...(key ? bearer(key) : {}),
    ...(lang ? { 'accept-language': lang } : {}),
  });

async function createKey(...args: string[]) {
  const created = await cliFor(t.database)('api-keys', 'create', ...args);
  expect(created.code, created.err).toBe(0);
  return { ...created, key: created.out.split('\n').at(-1)! };
}

describe('account-service api-keys', () => {
  it('create prints the key once, alone on the last line, with a recognisable prefix; only its HMAC is stored', async () => {
    t = await startApp();
    const { out, key } = await createKey('--name', 'billing', '--scopes', 'introspect,admin');
    expect(out.split('\n')).toEqual([expect.stringMatching(/^api key 1 created for "billing", scopes introspect,admin/), key]);
    expect(key).toMatch(/^acs_[A-Za-z0-9_-]{43}$/);
    const rows = await t.database.db.select().from(apiKeys);
    expect(rows).toEqual([expect.objectContaining({ id: 1, name: 'billing', scopes: ['introspect', 'admin'], revokedAt: null })]);
    expect(rows[0]!.keyHash).toBe(apiKeyHash(SECRET, key));
    expect(JSON.stringify(rows)).not.toContain(key.slice(4));
    const other = await createKey('--name', 'search', '--scopes', 'introspect');
    expect(other.key).not.toBe(key);
  });

  it('list shows one key a line, id first, then name and scopes, as JSON too, and never the key or its hash', async () => {
    t = await startApp();
    const a = await createKey('--name', 'billing', '--scopes', 'introspect');
    const b = await createKey('--name', 'admin tool', '--scopes', 'admin,introspect');
    const cli = cliFor(t.database);
    const listed = await cli('api-keys', 'list');
    expect(listed.code).toBe(0);
    const lines = listed.out.split('\n');
    expect(lines[0]).toMatch(/^id +name +scopes +created +revoked$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^1 +billing +introspect +\d{4}-\d\d-\d\d +-$/),
      expect.stringMatching(/^2 +admin tool +admin,introspect +\d{4}-\d\d-\d\d +-$/),
    ]);
    const json = JSON.parse((await cli('api-keys', 'list', '--json')).out);
    expect(json).toEqual([
      { id: 1, name: 'billing', scopes: ['introspect'], created_at: expect.any(String), revoked_at: null },
      { id: 2, name: 'admin tool', scopes: ['admin', 'introspect'], created_at: expect.any(String), revoked_at: null },
    ]);
    const [row] = await t.database.db.select().from(apiKeys);
    for (const text of [listed.out, JSON.stringify(json)]) {
      for (const secret of [a.key, b.key, row!.keyHash]) expect(text).not.toContain(secret);
    }
  });

  it('refuses unknown scopes, no scope, a missing name and a bad id', async () => {
    t = await startApp();
    const cli = cliFor(t.database);
    expect(await cli('api-keys', 'create', '--name', 'x', '--scopes', 'introspect,root')).toMatchObject({ code: 2, err: expect.stringContaining('unknown scope root') });
    expect((await cli('api-keys', 'create', '--name', 'x', '--scopes', ',')).code).toBe(2);
    expect((await cli('api-keys', 'create', '--scopes', 'introspect')).code).toBe(2);
    expect(await cli('api-keys', 'create', '--name', ' ', '--scopes', 'introspect')).toMatchObject({ code: 1 });
    expect((await cli('api-keys', 'revoke', 'one')).code).toBe(2);
    expect(await cli('api-keys', 'revoke', '7')).toMatchObject({ code: 1, err: 'no api key 7' });
    expect(await t.database.db.select().from(apiKeys)).toEqual([]);
  });

  it('revoke refuses the key from the next request on, and says so when it is revoked already', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const { key } = await createKey('--name', 'billing', '--scopes', 'introspect');
    expect((await introspect(access, key)).body.active).toBe(true);
    const cli = cliFor(t.database);
    expect(await cli('api-keys', 'revoke', '1')).toMatchObject({ code: 0, out: 'api key 1 revoked: refused from now on, on every instance' });
    expect((await introspect(access, key)).status).toBe(401);
    expect(await cli('api-keys', 'revoke', '1')).toMatchObject({ code: 1, err: 'api key 1 is already revoked' });
    expect(JSON.parse((await cli('api-keys', 'list', '--json')).out)[0].revoked_at).not.toBeNull();
  });
});

describe('API keys and user tokens on each other\'s routes', () => {
  it('refuses no key and a bad key with 401, and a key without the scope with 403, in Korean and English', async () => {
    t = await startApp();
    const { key: adminOnly } = await createKey('--name', 'admin', '--scopes', 'admin');
    const { key } = await createKey('--name', 'billing', '--scopes', 'introspect');
    const missing = await introspect('x');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ detail: '자격 인증데이터(authentication credentials)가 제공되지 않았습니다.', code: 'not_authenticated' });
    for (const bad of [`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, 'acs_short', key.slice(4), `Basic ${key}`]) {
      const res = await t.post('/introspect', 'token=x', { 'content-type': 'application/x-www-form-urlencoded', authorization: bad.startsWith('Basic') ? bad : `Bearer ${bad}` });
      expect(res.status, bad).toBe(401);
    }
    expect((await introspect('x', `${key.slice(0, -1)}!`, 'en')).body).toEqual({ detail: 'Invalid API key.', code: 'invalid_api_key' });
    const forbidden = await introspect('x', adminOnly);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ detail: '이 작업을 수행할 권한(permission)이 없습니다.', code: 'permission_denied' });
    expect((await introspect('x', adminOnly, 'en')).body).toEqual({ detail: 'You do not have permission to perform this action.', code: 'permission_denied' });
  });

  it('refuses a user access token on an API-key route, and an API key on a user route, with 401', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const { key } = await createKey('--name', 'billing', '--scopes', 'introspect,admin');
    expect((await introspect(access, access)).status).toBe(401);
    for (const [method, path] of [['GET', '/users/me'], ['POST', '/logout/all']] as const) {
      const res = await t.request({ method, url: `/api/v1${path}`, headers: bearer(key) });
      expect(res.status, path).toBe(401);
    }
    expect((await introspect(access, key)).status).toBe(200);
  });
});
