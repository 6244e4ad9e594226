import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { cliFor } from './cli-helpers.js';
import { hs256 } from './fuzz-inputs.js';
import { bearer, PASSWORD, SECRET, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** An app with a signed-in user and an API key with the introspect scope. */
async function setUp(env: Record<string, string> = {}) {
  t = await startApp(env);
  const { id } = await t.signUp();
  const session = await t.login({ email: 'kim@example.com', password: PASSWORD });
  const created = await cliFor(t.database)('api-keys', 'create', '--name', 'orders', '--scopes', 'introspect');
  const key = created.out.split('\n').at(-1)!;
  const asForm = (token: string) =>
    t.post('/introspect', `token=${encodeURIComponent(token)}&token_type_hint=access_token`, {
      ...bearer(key),
      'content-type': 'application/x-www-form-urlencoded',
    });
  const asJson = (body: unknown) => t.post('/introspect', body, bearer(key));
  return { id, ...session, key, asForm, asJson };
}

describe('POST /introspect (RFC 7662)', () => {
  it('answers an active access token with its claims, from a form or from JSON, never cached', async () => {
    const s = await setUp();
    const claims = decode(s.access);
    const expected = {
      active: true,
      token_type: 'access',
      sub: String(s.id),
      user_id: s.id,
      sid: claims.sid,
      exp: claims.exp,
      iat: claims.iat,
      iss: 'account-service',
      jti: claims.jti,
    };
    const form = await s.asForm(s.access);
    expect(form.status).toBe(200);
    expect(form.body).toEqual(expected);
    expect(form.headers['cache-control']).toBe('no-store');
    expect((await s.asJson({ token: s.access })).body).toEqual(expected);
    const withCharset = await t.post('/introspect', `token=${s.access}`, { ...bearer(s.key), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(withCharset.body).toEqual(expected);
  });

  it('carries aud when JWT_AUDIENCE is set', async () => {
    const s = await setUp({ JWT_AUDIENCE: 'product' });
    expect((await s.asForm(s.access)).body).toMatchObject({ active: true, aud: 'product' });
  });

  it('answers only {"active": false} for garbage, a forged or expired token', async () => {
    const s = await setUp({ ACCESS_TOKEN_TTL_SECONDS: '1' });
    const claims = decode(s.access);
    const header = decodeProtectedHeader(s.access);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const inactive = [
      'not-a-jwt',
      'a.b.c',
      s.key,
      `${b64({ alg: 'none', typ: 'JWT' })}.${s.access.split('.')[1]}.`,
      hs256({ kid: header.kid }, claims, SECRET),
      `${b64({ ...header, alg: 'RS256' })}.${s.access.split('.').slice(1).join('.')}`,
      `${b64({ ...header, kid: 'unknown' })}.${s.access.split('.').slice(1).join('.')}`,
      `${s.access.slice(0, -2)}${s.access.endsWith('AA') ? 'BB' : 'AA'}`,
    ];
    for (const token of inactive) {
      const res = await s.asForm(token);
      expect(res.status, token).toBe(200);
      expect(res.body, token).toEqual({ active: false });
    }
    await sleep(2100);
    expect((await s.asForm(s.access)).body).toEqual({ active: false });
  });

  it('answers a live refresh token as active with token_type "refresh" and its claims, as RFC 7662 asks', async () => {
    const s = await setUp({ JWT_AUDIENCE: 'product' });
    const claims = decode(s.refresh);
    const expected = {
      active: true,
      token_type: 'refresh',
      sub: String(s.id),
      user_id: s.id,
      sid: claims.sid,
      exp: claims.exp,
      iat: claims.iat,
      iss: 'account-service',
      jti: claims.jti,
      aud: 'product',
    };
    expect((await s.asForm(s.refresh)).body).toEqual(expected);
    expect((await s.asJson({ token: s.refresh, token_type_hint: 'refresh_token' })).body).toEqual(expected);
    // The hint is only a hint: a wrong one changes nothing either way.
    expect((await s.asJson({ token: s.refresh, token_type_hint: 'access_token' })).body).toEqual(expected);
    expect((await s.asJson({ token: s.access, token_type_hint: 'refresh_token' })).body).toMatchObject({ active: true, token_type: 'access' });
    // Still the same session after being asked about: introspection records no refresh.
    expect((await t.post('/login/refresh', { refresh: s.refresh })).status).toBe(202);
  });

  it('keeps a refresh token that rotation retired inactive, even within the reuse interval, and asking about it revokes nothing', async () => {
    for (const interval of ['60', '0']) {
      const s = await setUp({ REFRESH_TOKEN_ROTATION: 'true', REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: interval });
      expect((await s.asForm(s.refresh)).body).toMatchObject({ active: true, token_type: 'refresh' });
      const rotated = await t.post('/login/refresh', { refresh: s.refresh });
      expect(rotated.status).toBe(202);
      const next = rotated.body.refresh as string;
      expect((await s.asForm(s.refresh)).body, interval).toEqual({ active: false });
      expect((await s.asForm(next)).body, interval).toMatchObject({ active: true, token_type: 'refresh', sid: decode(s.refresh).sid });
      // Presented to /login/refresh after the interval, the retired token would revoke the session; asked about, it did not.
      expect((await t.post('/login/refresh', { refresh: next })).status, interval).toBe(202);
      await t.close();
    }
  });

  it('turns a refresh token inactive at once when its session is logged out, the user deactivated, or the signing key revoked', async () => {
    const s = await setUp();
    expect((await s.asForm(s.refresh)).body.active).toBe(true);
    expect((await t.post('/logout', { refresh: s.refresh })).status).toBe(204);
    expect((await s.asForm(s.refresh)).body).toEqual({ active: false });

    const second = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await cliFor(t.database)('users', 'deactivate', String(s.id))).code).toBe(0);
    expect((await s.asForm(second.refresh)).body).toEqual({ active: false });
    expect((await cliFor(t.database)('users', 'activate', String(s.id))).code).toBe(0);

    // Every one of the account's sessions ended: the refresh tokens of each with it.
    const third = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await s.asForm(third.refresh)).body.active).toBe(true);
    expect((await t.post('/logout/all', {}, bearer(third.access))).status).toBe(204);
    expect((await s.asForm(third.refresh)).body).toEqual({ active: false });

    const fourth = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await s.asForm(fourth.refresh)).body.active).toBe(true);
    expect((await cliFor(t.database)('keys', 'revoke', decodeProtectedHeader(fourth.refresh).kid as string)).code).toBe(0);
    expect((await s.asForm(fourth.refresh)).body).toEqual({ active: false });
  });

  it('turns inactive at once when the session is logged out, the user deactivated, or the signing key revoked', async () => {
    const s = await setUp();
    expect((await s.asForm(s.access)).body.active).toBe(true);
    expect((await t.post('/logout', { refresh: s.refresh })).status).toBe(204);
    expect((await s.asForm(s.access)).body).toEqual({ active: false });

    const second = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await s.asForm(second.access)).body.active).toBe(true);
    expect((await cliFor(t.database)('users', 'deactivate', String(s.id))).code).toBe(0);
    expect((await s.asForm(second.access)).body).toEqual({ active: false });
    expect((await cliFor(t.database)('users', 'activate', String(s.id))).code).toBe(0);

    const third = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await s.asForm(third.access)).body.active).toBe(true);
    expect((await cliFor(t.database)('keys', 'revoke', decodeProtectedHeader(third.access).kid as string)).code).toBe(0);
    expect((await s.asForm(third.access)).body).toEqual({ active: false });
    expect((await t.get('/users/me', bearer(third.access))).status).toBe(401);
  });

  it('refuses a missing or blank token, or one too long, with 400; a body over 1 MiB with 413', async () => {
    const s = await setUp();
    const blank = await t.post('/introspect', 'token=', { ...bearer(s.key), 'content-type': 'application/x-www-form-urlencoded' });
    expect(blank.status).toBe(400);
    expect(blank.body).toEqual({ token: ['이 필드는 blank일 수 없습니다.'] });
    expect((await t.post('/introspect', '', { ...bearer(s.key), 'content-type': 'application/x-www-form-urlencoded' })).body).toEqual({
      token: ['이 필드는 필수 항목입니다.'],
    });
    expect((await s.asJson({})).body).toEqual({ token: ['이 필드는 필수 항목입니다.'] });
    expect((await s.asJson({ token: 5 })).status).toBe(400);
    expect((await s.asForm('x'.repeat(9000))).body).toEqual({ token: ['이 필드의 글자 수가 8192 이하인지 확인하십시오.'] });
    const huge = await t.post('/introspect', `token=${'x'.repeat(1_100_000)}`, { ...bearer(s.key), 'content-type': 'application/x-www-form-urlencoded' });
    expect(huge.status).toBe(413);
    expect((await t.post('/introspect', 'token=x', { ...bearer(s.key), 'content-type': 'text/plain' })).status).toBe(415);
    // The form parser is introspection's own: other routes still take JSON only.
    expect((await t.post('/login', 'email=kim%40example.com', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });
});
