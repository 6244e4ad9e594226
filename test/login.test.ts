import { afterEach, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.js';
import { bearer, PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

async function sendKey(phone = '010-1234-5678'): Promise<string> {
  expect((await t.post('/phone-verify', { phone_number: phone })).status).toBe(201);
  return t.sms.lastKey();
}

describe('POST /login', () => {
  it.each([
    ['email', 'password'],
    ['phone_number', 'password'],
    ['email', 'key'],
    ['phone_number', 'key'],
  ])('logs in with %s and %s, answering 202 with two JWTs', async (identifier, secret) => {
    t = await startApp();
    await t.signUp();
    const body: Record<string, unknown> = {
      [identifier]: identifier === 'email' ? 'KIM@example.com' : '010-1234-5678',
      [secret]: secret === 'password' ? PASSWORD : await sendKey(),
    };
    const res = await t.post('/login', body);
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'refresh_token']);
    expect((await t.get('/users/me', bearer(res.body.access_token))).status).toBe(200);
  });

  it("carries SimpleJWT's claims plus sid, sub and iss, and records the session", async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const { access, refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const a = decode(access);
    const r = decode(refresh);
    expect(Object.keys(a).sort()).toEqual(['exp', 'iat', 'iss', 'jti', 'sid', 'sub', 'token_type', 'user_id']);
    expect(a).toMatchObject({ token_type: 'access', user_id: id, sub: String(id), iss: 'account-service' });
    expect(r).toMatchObject({ token_type: 'refresh', user_id: id, sid: a.sid });
    expect(a.exp - a.iat).toBe(300);
    expect(r.exp - r.iat).toBe(86400);
    expect(a.jti).not.toBe(r.jti);
    const rows = await t.database.db.select().from(sessions);
    expect(rows.map((s) => s.id)).toEqual([a.sid]);
    expect(JSON.stringify(rows)).not.toContain(r.jti);
  });

  it('answers the same 401 for an unknown email, an unknown phone and a wrong password', async () => {
    t = await startApp();
    await t.signUp();
    const unknownEmail = await t.post('/login', { email: 'nobody@example.com', password: PASSWORD });
    const unknownPhone = await t.post('/login', { phone_number: '010-9999-9999', password: PASSWORD });
    const unknownPhoneKey = await t.post('/login', { phone_number: '010-9999-9999', key: '123456' });
    const wrong = await t.post('/login', { email: 'kim@example.com', password: 'wrong-Password-1' });
    for (const res of [unknownEmail, unknownPhone, unknownPhoneKey, wrong]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ detail: '주어진 자격 증명으로 활성화된 계정을 찾을 수 없습니다.', code: 'no_active_account' });
    }
  });

  it.each([
    [{}, 2],
    [{ email: 'kim@example.com' }, 1],
    [{ password: PASSWORD }, 1],
    [{ email: 'kim@example.com', phone_number: '01012345678', password: PASSWORD }, 1],
    [{ email: 'kim@example.com', password: PASSWORD, key: '123456' }, 1],
  ])('refuses the field combination %j with 400', async (body, problems) => {
    t = await startApp();
    const res = await t.post('/login', body);
    expect(res.status).toBe(400);
    expect(res.body.non_field_errors).toHaveLength(problems);
  });

  it('consumes a key used to log in', async () => {
    t = await startApp();
    await t.signUp();
    const key = await sendKey();
    expect((await t.post('/login', { phone_number: '01012345678', key })).status).toBe(202);
    expect((await t.post('/login', { phone_number: '01012345678', key })).status).toBe(401);
    expect((await t.post('/phone-verify/confirm', { phone_number: '01012345678', key })).status).toBe(401);
  });

  it('refuses a wrong key and counts it against the pending key', async () => {
    t = await startApp({ OTP_MAX_ATTEMPTS: '2' });
    await t.signUp();
    const key = await sendKey();
    const wrong = key === '111111' ? '222222' : '111111';
    expect((await t.post('/login', { phone_number: '01012345678', key: wrong })).status).toBe(401);
    expect((await t.post('/login', { phone_number: '01012345678', key: wrong })).status).toBe(401);
    expect((await t.post('/login', { phone_number: '01012345678', key })).status).toBe(401);
  });

  it('logs in imported users with their Django pbkdf2 hash and rehashes it to argon2id', async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const { pbkdf2Sync } = await import('node:crypto');
    const salt = 'seasalt1234';
    const hash = pbkdf2Sync('django-Pass-2021', salt, 1000, 32, 'sha256').toString('base64');
    const { users } = await import('../src/db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    await t.database.db.update(users).set({ passwordHash: `pbkdf2_sha256$1000$${salt}$${hash}` }).where(eq(users.id, id));
    expect((await t.post('/login', { email: 'kim@example.com', password: 'django-Pass-2021' })).status).toBe(202);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await t.post('/login', { email: 'kim@example.com', password: 'django-Pass-2021' })).status).toBe(202);
  });
});

describe('POST /login/refresh', () => {
  it('answers 202 with a new access token', async () => {
    t = await startApp();
    await t.signUp();
    const { refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await t.post('/login/refresh', { refresh });
    expect(res.status).toBe(202);
    expect(Object.keys(res.body)).toEqual(['access']);
    expect(decode(res.body.access)).toMatchObject({ token_type: 'access', sid: decode(refresh).sid });
    expect((await t.get('/users/me', bearer(res.body.access))).status).toBe(200);
  });

  it('refuses an access token, garbage and a missing field', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await t.post('/login/refresh', { refresh: access })).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: 'x.y.z' })).status).toBe(401);
    expect((await t.post('/login/refresh', {})).body).toEqual({ refresh: ['이 필드는 필수 항목입니다.'] });
  });

  it('refuses a refresh token after REFRESH_TOKEN_TTL_SECONDS', async () => {
    t = await startApp({ REFRESH_TOKEN_TTL_SECONDS: '1' });
    await t.signUp();
    const { refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    await sleep(2100);
    expect((await t.post('/login/refresh', { refresh })).status).toBe(401);
  });

  it('with REFRESH_TOKEN_ROTATION, returns a new refresh token and revokes the session when a retired one comes back', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true' });
    await t.signUp();
    const first = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const rotated = await t.post('/login/refresh', { refresh: first.refresh });
    expect(rotated.status).toBe(202);
    expect(Object.keys(rotated.body).sort()).toEqual(['access', 'refresh']);
    const second = await t.post('/login/refresh', { refresh: rotated.body.refresh });
    expect(second.status).toBe(202);
    // The retired token is presented again: someone holds a copy, so the session dies.
    expect((await t.post('/login/refresh', { refresh: first.refresh })).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: second.body.refresh })).status).toBe(401);
    expect((await t.get('/users/me', bearer(second.body.access))).status).toBe(401);
  });

  it('gives one winner to refreshes racing with one token under rotation without a reuse interval', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true', REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: '0' });
    await t.signUp();
    const { refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.post('/login/refresh', { refresh })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.every((r) => r.status === 202 || r.status === 401)).toBe(true);
  });

  // Issue 13, finding 11: two tabs, or a retried request, refresh one token at once.
  it('with rotation, answers 202 to every refresh racing with one token, each with a pair for the same live session', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true' });
    await t.signUp();
    const { refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 4 }, () => t.post('/login/refresh', { refresh })));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    for (const r of results) {
      expect(decode(r.body.refresh)).toMatchObject({ sid: decode(refresh).sid });
      expect((await t.get('/users/me', bearer(r.body.access))).status).toBe(200);
    }
    // Every tab holds the session's current refresh token, so each can refresh again.
    expect(new Set(results.map((r) => decode(r.body.refresh).jti)).size).toBe(1);
    for (const r of results) expect((await t.post('/login/refresh', { refresh: r.body.refresh })).status).toBe(202);
    expect((await t.database.db.select().from(sessions)).filter((s) => s.revokedAt === null)).toHaveLength(1);
  });

  it('with rotation, revokes the session when a retired refresh token comes back after REFRESH_TOKEN_REUSE_INTERVAL_SECONDS', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true', REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: '1' });
    await t.signUp();
    const first = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const rotated = await t.post('/login/refresh', { refresh: first.refresh });
    expect(rotated.status).toBe(202);
    expect((await t.post('/login/refresh', { refresh: first.refresh })).status).toBe(202);
    await sleep(1300);
    expect((await t.post('/login/refresh', { refresh: first.refresh })).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: rotated.body.refresh })).status).toBe(401);
    expect((await t.get('/users/me', bearer(rotated.body.access))).status).toBe(401);
  });

  it('with rotation, does not let a retired token reuse its interval once its successor was rotated too', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true' });
    await t.signUp();
    const first = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const second = await t.post('/login/refresh', { refresh: first.refresh });
    const third = await t.post('/login/refresh', { refresh: second.body.refresh });
    expect([second.status, third.status]).toEqual([202, 202]);
    expect((await t.post('/login/refresh', { refresh: first.refresh })).status).toBe(401);
    expect((await t.get('/users/me', bearer(third.body.access))).status).toBe(401);
  });
});

describe('POST /logout with rotation', () => {
  it('refuses a retired refresh token with 401 and leaves the session alive', async () => {
    t = await startApp({ REFRESH_TOKEN_ROTATION: 'true' });
    await t.signUp();
    const first = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const rotated = await t.post('/login/refresh', { refresh: first.refresh });
    expect(rotated.status).toBe(202);
    expect((await t.post('/logout', { refresh: first.refresh })).status).toBe(401);
    expect((await t.get('/users/me', bearer(rotated.body.access))).status).toBe(200);
    expect((await t.post('/logout', { refresh: rotated.body.refresh })).status).toBe(204);
    expect((await t.get('/users/me', bearer(rotated.body.access))).status).toBe(401);
  });
});
