import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { APP_RETURN, atProvider, arrive, browserSignIn, exchange, NAVER, type Providers, start, startProviders } from './harness.js';

useFileDatabase();

/** Naver Login as developers.naver.com documents it: its OpenID Connect endpoints, its profile API, no token information naming the client. */
describe('Naver', () => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders();
  });
  afterAll(async () => f?.close());
  afterEach(async () => t?.close());

  it('signs in through its OpenID Connect endpoints with scope openid, state, nonce and PKCE, the state sent again for the token', async () => {
    t = await startApp(f.env);
    const kim = f.naver.addUser({ account: 'kim', nickname: '네이버김', name: '김네이버', email: 'kim@naver.com' });
    f.naver.signInAs(kim);
    const { authorize, verifier } = await start(t, 'naver');
    expect(authorize.pathname).toBe('/oauth2/authorize');
    const q = authorize.searchParams;
    expect([q.get('client_id'), q.get('scope'), q.get('code_challenge_method')]).toEqual([NAVER.clientId, 'openid', 'S256']);
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    const back = await arrive(t, await atProvider(f, 'naver', authorize));
    const res = await exchange(t, back.searchParams.get('result'), verifier);
    expect(res.status, res.text).toBe(202);
    // Naver's email is a contact address the user typed: said, never verified.
    expect(res.body.profile).toEqual({ email: 'kim@naver.com', name: '김네이버', nickname: '네이버김' });
    const token = f.naver.received.find((r) => r.path === '/oauth2/token')!;
    expect(token.method).toBe('POST');
    expect(token.params.get('state')).toBe(q.get('state'));
    expect(token.params.get('code_verifier')).toBeTruthy();
    expect(token.query.has('client_secret')).toBe(false);
    expect(f.naver.problems()).toEqual([]);
  });

  it('refuses a code Naver answers with an error body and HTTP 200 (a replayed code): error=server_error', async () => {
    t = await startApp(f.env);
    f.naver.addUser({ account: 'lee' });
    const { authorize } = await start(t, 'naver');
    const step = await atProvider(f, 'naver', authorize);
    // Spend the code at Naver first, as an attacker who caught it would.
    await fetch(`${f.naver.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: NAVER.clientId, client_secret: NAVER.clientSecret, code: step.url.searchParams.get('code')!, state: 'x' }),
    });
    const back = await arrive(t, step);
    expect(back.href).toBe(`${APP_RETURN}?error=server_error`);
  });

  it('accepts the ID token an app brings when its audience is this client, keyed by the same sub as the browser flow', async () => {
    t = await startApp(f.env);
    const park = f.naver.addUser({ account: 'park', nickname: '박' });
    f.naver.signInAs(park);
    const browser = await browserSignIn(t, f, 'naver');
    const first = await exchange(t, browser.result, browser.verifier);
    const signup = await t.post('/users/social', { social_token: first.body.social_token, phone_number: '010-4000-0001', token: await t.verifyPhone('010-4000-0001'), email: 'park@example.com' });
    expect(signup.status, signup.text).toBe(201);

    const idToken = await f.naver.mintIdToken(park, { nonce: 'n-naver' });
    const res = await t.post('/login/social', { provider: 'naver', id_token: idToken, nonce: 'n-naver' });
    expect(res.status, res.text).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'refresh_token']);
  });

  it("refuses a Naver access token alone with 401 social_token_unverifiable, and another client's ID token", async () => {
    t = await startApp(f.env);
    const choi = f.naver.addUser({ account: 'choi' });
    const profileCalls = () => f.naver.received.filter((r) => r.path === '/v1/nid/me').length;
    const before = profileCalls();
    const bare = await t.post('/login/social', { provider: 'naver', access_token: f.naver.appLogin(choi).access_token });
    expect(bare.status).toBe(401);
    expect(bare.body.code).toBe('social_token_unverifiable');
    const other = await t.post('/login/social', { provider: 'naver', id_token: await f.naver.mintIdToken(choi, { aud: 'another-app' }) });
    expect(other.status).toBe(401);
    expect(other.body.code).toBe('social_token_invalid');
    // Nothing was asked of Naver's profile API for either.
    expect(profileCalls()).toBe(before);
  });
});
