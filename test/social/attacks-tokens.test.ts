import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { rows } from '../mfa-helpers.js';
import { APP_RETURN, GOOGLE, pkcePair, type Providers, startPath, startProviders } from './harness.js';

useFileDatabase();

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * SECURITY.md, token substitution and account pre-hijacking: what an app brings to
 * POST /login/social is refused unless it was issued to this service, by this provider, for
 * this nonce, still alive and signed by the provider's published keys; and no identity ever
 * reaches an account by its email.
 */
describe('attacks with tokens', () => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders();
  });
  afterAll(async () => f?.close());
  afterEach(async () => t?.close());

  const login = (body: Record<string, unknown>) => t.post('/login/social', body);
  const refused = async (body: Record<string, unknown>, code = 'social_token_invalid') => {
    const res = await login(body);
    expect(res.status, res.text).toBe(401);
    expect(res.body.code).toBe(code);
  };

  it("refuses ID tokens for another audience, from another issuer, expired, badly signed, unsigned or HMAC'd", async () => {
    t = await startApp(f.env);
    const u = f.google.addUser({ sub: 'victim', email: 'victim@gmail.com', emailVerified: true });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u, { aud: 'another-app.apps.googleusercontent.com' }) });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u, { claims: { iss: 'https://accounts.evil.example' } }) });
    // A Kakao token is not a Google token, whoever signed it.
    await refused({ provider: 'google', id_token: await f.kakao.mintIdToken(f.kakao.addUser({ id: 1 }), { aud: GOOGLE.clientIds[0] }) });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u, { ttl: -120 }) });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u, { rogue: true }) });
    const claims = { iss: f.google.issuer, aud: GOOGLE.clientIds[0], sub: 'victim', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
    await refused({ provider: 'google', id_token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.` });
    const hs = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    await refused({ provider: 'google', id_token: `${hs}.${createHmac('sha256', GOOGLE.clientSecret).update(hs).digest('base64url')}` });
    await refused({ provider: 'google', id_token: 'not.a.jwt' });
  });

  it('refuses a token bound to another nonce, or to a nonce the app does not name', async () => {
    t = await startApp(f.env);
    const u = f.google.addUser({ sub: 'nonce-user' });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u, { nonce: 'n-1' }), nonce: 'n-2' });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u, { nonce: 'n-1' }) });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(u), nonce: 'n-1' });
    expect((await login({ provider: 'google', id_token: await f.google.appIdToken(u, { nonce: 'n-1' }), nonce: 'n-1' })).status).toBe(202);
  });

  it('refuses a provider that is not on with 401, and asks for a token when none is sent', async () => {
    t = await startApp({ ...f.env, SOCIAL_PROVIDERS: 'kakao' });
    await refused({ provider: 'google', id_token: await f.google.appIdToken(f.google.addUser({ sub: 'x' })) }, 'social_provider_disabled');
    await refused({ provider: 'facebook', access_token: 'x' }, 'social_provider_disabled');
    const none = await login({ provider: 'kakao' });
    expect(none.status).toBe(400);
    expect(Object.keys(none.body)).toEqual(['non_field_errors']);
  });

  it('answers 503, not 401, while the provider cannot be reached, from an app and at the browser flow\'s start', async () => {
    t = await startApp(f.env);
    const u = f.kakao.addUser({ id: 31 });
    const token = (await f.kakao.appLogin(u)).access_token;
    f.kakao.down = true;
    try {
      const res = await login({ provider: 'kakao', access_token: token });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('social_provider_unavailable');
      const started = await t.get(startPath('kakao', { redirect_to: APP_RETURN, code_challenge: pkcePair().challenge }));
      expect(started.status).toBe(503);
      expect(started.body.code).toBe('social_provider_unavailable');
      expect(started.headers.location).toBeUndefined();
    } finally {
      f.kakao.down = false;
    }
  });

  it("never hands an account to an identity by its email, verified or not (pre-hijacking)", async () => {
    t = await startApp(f.env);
    // The attacker registers the victim's address here first…
    const { id: attacker } = await t.signUp({ email: 'victim@gmail.com', phone_number: '010-7000-0001' });
    // …then the victim, whose Google account has that address verified, signs in with Google.
    const victim = f.google.addUser({ sub: 'victim-2', email: 'victim@gmail.com', emailVerified: true });
    const res = await login({ provider: 'google', id_token: await f.google.appIdToken(victim) });
    expect(res.status).toBe(202);
    expect(res.body.signup_required).toBe(true);
    // The victim finishes with their own phone: a new account; the taken email is not theirs to take.
    const phone = '010-7000-0002';
    const noEmail = await t.post('/users/social', { social_token: res.body.social_token, phone_number: phone, token: await t.verifyPhone(phone) });
    expect(Object.keys(noEmail.body)).toEqual(['email']);
    const done = await t.post('/users/social', { social_token: res.body.social_token, phone_number: phone, token: await t.verifyPhone(phone), email: 'victim.real@example.com' });
    expect(done.status, done.text).toBe(201);
    expect(done.body.user.id).not.toBe(attacker);
    expect(await rows(t, sql`select 1 from social_identities where user_id = ${attacker}`)).toEqual([]);
    // And the attacker's own session never sees the identity.
    const mine = bearer((await t.login({ email: 'victim@gmail.com', password: PASSWORD })).access);
    expect((await t.get('/users/me/identities', mine)).body).toEqual([]);
  });

  it('refuses a sign-up whose identity another account linked meanwhile, spending neither token', async () => {
    t = await startApp(f.env);
    const u = f.kakao.addUser({ id: 41 });
    const first = await login({ provider: 'kakao', access_token: (await f.kakao.appLogin(u)).access_token });
    const second = await login({ provider: 'kakao', access_token: (await f.kakao.appLogin(u)).access_token });
    const a = await t.post('/users/social', { social_token: first.body.social_token, phone_number: '010-7000-0011', token: await t.verifyPhone('010-7000-0011'), email: 'a@example.com' });
    expect(a.status, a.text).toBe(201);
    const phoneToken = await t.verifyPhone('010-7000-0012');
    const b = await t.post('/users/social', { social_token: second.body.social_token, phone_number: '010-7000-0012', token: phoneToken, email: 'b@example.com' }, { 'accept-language': 'en' });
    expect(b.status).toBe(400);
    expect(b.body).toEqual({ non_field_errors: ['This social account is already linked to another account.'] });
    expect(await rows(t, sql`select 1 from users where email = 'b@example.com'`)).toEqual([]);
    // The phone token was left usable.
    await t.signUp({ email: 'b@example.com', phone_number: '010-7000-0012', token: phoneToken });
  });
});
