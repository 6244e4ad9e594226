import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { APP_RETURN, browserSignIn, exchange, KAKAO, type Providers, start, startProviders } from './harness.js';

useFileDatabase();

/** Kakao Login as developers.kakao.com documents it, with and without OpenID Connect turned on in the app. */
describe('Kakao', () => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders();
  });
  afterAll(async () => f?.close());
  afterEach(async () => {
    await t?.close();
    expect(f.problems()).toEqual([]);
  });

  it('sends the browser to Kakao with state, nonce and an S256 challenge, and never a scope (KOE205)', async () => {
    t = await startApp(f.env);
    f.kakao.addUser({ id: 4242, nickname: '카카오김' });
    const { authorize } = await start(t, 'kakao');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${f.kakao.baseUrl}/oauth/authorize`);
    const q = authorize.searchParams;
    expect(q.get('client_id')).toBe(KAKAO.restApiKey);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.has('scope')).toBe(false);
  });

  it('answers a new identity with a social_token and what Kakao said, through the browser flow', async () => {
    t = await startApp(f.env);
    const lee = f.kakao.addUser({ id: 4243, nickname: '카카오이', email: 'lee@kakao.com', emailValid: true, emailVerified: true });
    f.kakao.signInAs(lee);
    const { back, verifier, result } = await browserSignIn(t, f, 'kakao');
    expect(`${back.origin}${back.pathname}`).toBe(APP_RETURN);
    expect([...back.searchParams.keys()]).toEqual(['result']);
    const res = await exchange(t, result, verifier);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({
      signup_required: true,
      social_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      profile: { email: 'lee@kakao.com', name: null, nickname: '카카오이' },
    });
    // The user API was asked with the token the exchange gave.
    expect(f.kakao.received.filter((r) => r.path === '/v2/user/me')).toHaveLength(1);
  });

  it('lands on redirect_to with error=access_denied and nothing else when the user cancels at Kakao', async () => {
    t = await startApp(f.env);
    f.kakao.addUser({ id: 4244 });
    f.kakao.deny = true;
    try {
      const { back } = await browserSignIn(t, f, 'kakao');
      expect(back.href).toBe(`${APP_RETURN}?error=access_denied`);
    } finally {
      f.kakao.deny = false;
    }
  });

  it("accepts the ID token a Kakao SDK gave an app (its native app key as audience), Kakao's email only when valid and verified", async () => {
    t = await startApp(f.env);
    const park = f.kakao.addUser({ id: 4245, nickname: '박', email: 'park@kakao.com', emailValid: true, emailVerified: true });
    const tokens = await f.kakao.appLogin(park, { nonce: 'app-nonce-1' });
    const res = await t.post('/login/social', { provider: 'kakao', id_token: tokens.id_token, nonce: 'app-nonce-1' });
    expect(res.status, res.text).toBe(202);
    expect(res.body.profile).toEqual({ email: 'park@kakao.com', name: null, nickname: '박' });
  });

  it("accepts an access token whose token information names this app, and refuses another app's with 401", async () => {
    t = await startApp(f.env);
    const choi = f.kakao.addUser({ id: 4246, nickname: '최', email: 'choi@kakao.com', emailValid: false, emailVerified: true });
    const ours = await f.kakao.appLogin(choi);
    const res = await t.post('/login/social', { provider: 'kakao', access_token: ours.access_token });
    expect(res.status, res.text).toBe(202);
    // is_email_valid false: the address now belongs to another Kakao account; said, but not trusted.
    expect(res.body.profile).toEqual({ email: 'choi@kakao.com', name: null, nickname: '최' });
    const info = f.kakao.received.filter((r) => r.path === '/v1/user/access_token_info');
    expect(info.map((r) => r.headers.authorization)).toEqual([`Bearer ${ours.access_token}`]);

    const theirs = await f.kakao.appLogin(choi, { appId: 999 });
    const refused = await t.post('/login/social', { provider: 'kakao', access_token: theirs.access_token }, { 'accept-language': 'en' });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: 'The social login token could not be verified.', code: 'social_token_invalid' });
  });

  it('refuses an ID token and an access token of two different Kakao users sent together', async () => {
    t = await startApp(f.env);
    const a = f.kakao.addUser({ id: 4247 });
    const b = f.kakao.addUser({ id: 4248 });
    const ta = await f.kakao.appLogin(a);
    const tb = await f.kakao.appLogin(b);
    const res = await t.post('/login/social', { provider: 'kakao', id_token: ta.id_token, access_token: tb.access_token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('social_token_invalid');
  });
});

describe('Kakao without OpenID Connect turned on in the app', () => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders({ kakao: { oidc: false } });
  });
  afterAll(async () => f?.close());
  afterEach(async () => {
    await t?.close();
    expect(f.problems()).toEqual([]);
  });

  it('signs in through the user API when no ID token comes back', async () => {
    t = await startApp(f.env);
    f.kakao.addUser({ id: 5001, nickname: '오', email: 'oh@kakao.com', emailValid: true, emailVerified: true });
    const { verifier, result } = await browserSignIn(t, f, 'kakao');
    const res = await exchange(t, result, verifier);
    expect(res.status, res.text).toBe(202);
    expect(res.body.profile).toEqual({ email: 'oh@kakao.com', name: null, nickname: '오' });
  });
});
