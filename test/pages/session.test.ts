import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers.js';
import { e164, type PagesApp, sameOrigin, startPages } from './harness.js';

interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read any shape
  headers: Record<string, string | string[] | number | undefined>;
  cookie: string | undefined;
}

const PHONE = '010-1234-5678';

describe("the account pages' cookie session", () => {
  let t: PagesApp;

  const post = async (url: string, body: unknown, headers: Record<string, string> = sameOrigin): Promise<Res> => {
    const res = await t.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    const setCookie = res.headers['set-cookie'];
    return {
      status: res.statusCode,
      body: res.body ? JSON.parse(res.body) : undefined,
      headers: res.headers,
      cookie: Array.isArray(setCookie) ? setCookie.join('\n') : setCookie,
    };
  };
  const withCookie = (cookie: string | undefined, headers: Record<string, string> = sameOrigin) => ({
    ...headers,
    cookie: /__Host-account_refresh=[^;]*/.exec(cookie ?? '')![0],
  });
  const me = (access: string) =>
    t.app.inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${access}` } }).then((r) => r.statusCode);

  /** From an empty database: one user, kim@example.com with a verified phone. */
  async function signUp(): Promise<void> {
    // Not emptyDatabase: the running app's key ring re-reads signing_keys every few seconds and must keep finding its key.
    await t.database.db.execute(sql`truncate sessions, users, phone_verifications, rate_limits, events restart identity cascade`);
    const json = { 'content-type': 'application/json' };
    await t.app.inject({ method: 'POST', url: '/api/v1/phone-verify', headers: json, payload: { phone_number: PHONE } });
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/phone-verify/confirm',
      headers: json,
      payload: { phone_number: PHONE, key: t.sms.lastKey(e164(PHONE)) },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: json,
      payload: { email: 'kim@example.com', password: PASSWORD, phone_number: PHONE, token: confirmed.json().token },
    });
    expect(res.statusCode).toBe(201);
  }

  describe('by default', () => {
    beforeAll(async () => {
      t = await startPages({ LOGIN_MAX_FAILURES: '3' });
    });
    afterAll(() => t.close());
    beforeEach(signUp);

    it('a login answers the access token only and keeps the refresh token in an HttpOnly, SameSite=Strict cookie', async () => {
      const res = await post('/account/api/login', { email: 'kim@example.com', password: PASSWORD });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['access_token']);
      // __Host-: Secure, Path=/ and no Domain, or browsers refuse it; Secure in development too (http://localhost is a secure context).
      expect(res.cookie).toMatch(/^__Host-account_refresh=[\w.-]+; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await me(res.body.access_token)).toBe(200);
    });

    it("reads only its own __Host- cookie: another host's account_refresh, sent first, is never taken for the session", async () => {
      const victim = await post('/account/api/login', { email: 'kim@example.com', password: PASSWORD });
      // The attacker's own session, as a sibling subdomain would plant it with Domain= the parent and a longer Path.
      await post('/api/v1/phone-verify', { phone_number: '010-9999-0000' }, { 'content-type': 'application/json' });
      const key = t.sms.lastKey(e164('010-9999-0000'));
      const json = { 'content-type': 'application/json' };
      const confirmed = await post('/api/v1/phone-verify/confirm', { phone_number: '010-9999-0000', key }, json);
      await post('/api/v1/users', { email: 'mallory@example.com', password: PASSWORD, phone_number: '010-9999-0000', token: confirmed.body.token }, json);
      const attacker = await post('/api/v1/login', { email: 'mallory@example.com', password: PASSWORD }, json);
      const planted = `account_refresh=${attacker.body.refresh_token as string}`;
      const userOf = (access: string) => JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()).user_id as number;

      const both = await post('/account/api/refresh', {}, { ...sameOrigin, cookie: `${planted}; ${withCookie(victim.cookie).cookie}` });
      expect(both.status).toBe(200);
      expect(userOf(both.body.access_token)).toBe(userOf(victim.body.access_token));
      expect(userOf(both.body.access_token)).not.toBe(userOf(attacker.body.access_token));

      const alone = await post('/account/api/refresh', {}, { ...sameOrigin, cookie: planted });
      expect(alone).toMatchObject({ status: 401, body: { code: 'not_authenticated' } });
      // What this host set under that name before the prefix is expired; a Domain cookie is another host's to clear.
      expect(alone.cookie).toMatch(/^account_refresh=; Max-Age=0; Path=\/account\/api; /m);
    });

    it('a login by SMS key works the same way', async () => {
      await post('/api/v1/phone-verify', { phone_number: PHONE }, { 'content-type': 'application/json' });
      const res = await post('/account/api/login', { phone_number: PHONE, key: t.sms.lastKey(e164(PHONE)) });
      expect(res.status).toBe(200);
      expect(res.cookie).toMatch(/^__Host-account_refresh=/);
    });

    it('the cookie gets a new access token, and logout ends the session and clears the cookie', async () => {
      const login = await post('/account/api/login', { email: 'kim@example.com', password: PASSWORD });
      const refreshed = await post('/account/api/refresh', {}, withCookie(login.cookie));
      expect(refreshed.status).toBe(200);
      expect(await me(refreshed.body.access_token)).toBe(200);

      const out = await post('/account/api/logout', {}, withCookie(login.cookie));
      expect(out.status).toBe(204);
      expect(out.cookie).toMatch(/^__Host-account_refresh=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/);
      expect(await me(refreshed.body.access_token)).toBe(401);
      const again = await post('/account/api/refresh', {}, withCookie(login.cookie));
      expect(again.status).toBe(401);
      expect(again.cookie).toMatch(/^__Host-account_refresh=; Max-Age=0/);
    });

    it('without a cookie there is nothing to refresh, and logout still succeeds', async () => {
      expect((await post('/account/api/refresh', {})).status).toBe(401);
      expect((await post('/account/api/logout', {})).status).toBe(204);
    });

    it("passes on the API's refusals as they are: its messages in the page's language, Retry-After on 429", async () => {
      const en = { ...sameOrigin, 'accept-language': 'en' };
      const wrong = await post('/account/api/login', { email: 'kim@example.com', password: 'not-the-password' }, en);
      expect(wrong).toMatchObject({ status: 401, body: { detail: 'No active account found with the given credentials.', code: 'no_active_account' } });
      expect(wrong.cookie).toBeUndefined();
      const shape = await post('/account/api/login', { email: 'kim@example.com' });
      expect(shape).toMatchObject({ status: 400, body: { non_field_errors: ['비밀번호 또는 인증번호 중 하나만 입력해주세요.'] } });

      for (let i = 0; i < 3; i++) await post('/account/api/login', { email: 'kim@example.com', password: 'wrong' });
      const locked = await post('/account/api/login', { email: 'kim@example.com', password: PASSWORD });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('refuses cross-site requests: other sites, sibling subdomains, missing origin, non-JSON bodies', async () => {
      const body = { email: 'kim@example.com', password: PASSWORD };
      const json = { 'content-type': 'application/json' };
      for (const headers of [
        { ...json, 'sec-fetch-site': 'cross-site' },
        { ...json, 'sec-fetch-site': 'same-site' },
        { ...json, 'sec-fetch-site': 'none' },
        { ...json, origin: 'https://evil.example' },
        { ...json, origin: 'null' },
        json,
      ]) {
        const res = await post('/account/api/login', body, headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.body).toEqual({ detail: '다른 사이트에서 보낸 요청은 받을 수 없습니다.', code: 'cross_site_request' });
        expect(res.cookie).toBeUndefined();
      }
      const form = await t.app.inject({
        method: 'POST',
        url: '/account/api/login',
        headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=kim%40example.com&password=x',
      });
      expect(form.statusCode).toBe(415);
      const login = await post('/account/api/login', body);
      const refresh = await post('/account/api/refresh', {}, withCookie(login.cookie, { ...json, 'sec-fetch-site': 'cross-site' }));
      expect(refresh.status).toBe(403);
    });

    it("accepts an Origin of the service's own host from browsers without fetch metadata", async () => {
      const res = await post(
        '/account/api/login',
        { email: 'kim@example.com', password: PASSWORD },
        { 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost:80' },
      );
      expect(res.status).toBe(200);
    });

    it('leaves the JSON API as it was: tokens in the body, no cookie', async () => {
      const res = await post('/api/v1/login', { email: 'kim@example.com', password: PASSWORD }, { 'content-type': 'application/json' });
      expect(res.status).toBe(202);
      expect(Object.keys(res.body).sort()).toEqual(['access_token', 'refresh_token']);
      expect(res.cookie).toBeUndefined();
    });

    it("records the pages' login as the browser's: its IP and user agent", async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/account/api/login',
        headers: { ...sameOrigin, 'user-agent': 'Mozilla/5.0 (Test) Chrome/140.0' },
        remoteAddress: '203.0.113.7',
        payload: { email: 'kim@example.com', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const result = await t.database.db.execute(sql`select ip, user_agent from sessions`);
      expect((result as unknown as { rows: unknown[] }).rows).toEqual([{ ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (Test) Chrome/140.0' }]);
    });
  });

  describe('with refresh token rotation', () => {
    beforeAll(async () => {
      t = await startPages({ REFRESH_TOKEN_ROTATION: 'true' });
    });
    afterAll(() => t.close());
    beforeEach(signUp);

    it('each refresh replaces the cookie', async () => {
      const login = await post('/account/api/login', { email: 'kim@example.com', password: PASSWORD });
      const first = await post('/account/api/refresh', {}, withCookie(login.cookie));
      expect(first.status).toBe(200);
      expect(first.cookie).toMatch(/^__Host-account_refresh=[\w.-]+; Max-Age=86400/);
      expect(first.cookie).not.toBe(login.cookie);
      expect((await post('/account/api/refresh', {}, withCookie(first.cookie))).status).toBe(200);
    });
  });

  describe('in production', () => {
    beforeAll(async () => {
      t = await startPages({ NODE_ENV: 'production', SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms', PUBLIC_URL: 'https://accounts.example.com' });
    });
    afterAll(() => t.close());
    beforeEach(signUp);

    it('the cookie is the same __Host- cookie, Secure', async () => {
      const res = await post('/account/api/login', { email: 'kim@example.com', password: PASSWORD });
      expect(res.cookie).toMatch(/^__Host-account_refresh=[\w.-]+; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    });
  });
});
