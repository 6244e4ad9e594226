import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { APP_RETURN, arrive, atProvider, browserSignIn, exchange, OIDC, type Providers, start, startProviders } from './harness.js';

useFileDatabase();

const accounts = {
  alice: { email: 'alice@corp.example', emailVerified: true, name: 'Alice Corp', nickname: 'alice' },
  bob: { email: 'bob@corp.example', emailVerified: false, name: 'Bob Corp' },
};

/** Any OpenID issuer, here a real certified one (panva's oidc-provider) in the test process. */
describe.each([
  ['with scope claims in the ID token', false],
  ['with them at the userinfo endpoint only (OIDC Core for the code flow)', true],
])('an OpenID issuer %s', (_how, conform) => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders({ oidcAccounts: accounts, oidcConform: conform });
  });
  afterAll(async () => f?.close());
  afterEach(async () => t?.close());

  it('signs up a new identity, then signs it in directly', async () => {
    t = await startApp(f.env);
    const first = await browserSignIn(t, f, 'oidc', { account: 'alice' });
    const answer = await exchange(t, first.result, first.verifier);
    expect(answer.status, answer.text).toBe(202);
    expect(answer.body.profile).toEqual({ email: 'alice@corp.example', name: 'Alice Corp', nickname: 'alice' });
    const signup = await t.post('/users/social', { social_token: answer.body.social_token, phone_number: '010-5000-0001', token: await t.verifyPhone('010-5000-0001') });
    expect(signup.status, signup.text).toBe(201);
    // The issuer marked the email verified and no account had it: it is the account's.
    expect(signup.body.user.email).toBe('alice@corp.example');

    const again = await browserSignIn(t, f, 'oidc', { account: 'alice' });
    const tokens = await exchange(t, again.result, again.verifier);
    expect(tokens.status, tokens.text).toBe(202);
    expect(Object.keys(tokens.body).sort()).toEqual(['access_token', 'refresh_token']);
    const me = await t.get('/users/me', { authorization: `Bearer ${tokens.body.access_token}` });
    expect(me.body.email).toBe('alice@corp.example');
  });

  it("uses PKCE and nonce, found by discovery, and checks the callback's RFC 9207 iss", async () => {
    t = await startApp(f.env);
    const { authorize, verifier } = await start(t, 'oidc');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_id')).toBe(OIDC.clientId);
    const step = await atProvider(f, 'oidc', authorize, 'bob');
    expect(step.url.searchParams.get('iss')).toBe(f.idp.issuer);
    const forged = new URL(step.url);
    forged.searchParams.set('iss', 'https://evil.example');
    expect((await arrive(t, { method: 'GET', url: forged })).href).toBe(`${APP_RETURN}?error=server_error`);
    // The state was used by the forged callback: the real one finds no flow.
    const late = await arrive(t, step);
    expect(late.searchParams.get('error')).toBe('invalid_request');
    void verifier;
  });

  it('accepts an ID token the issuer gave an app of this client, and refuses one for another client', async () => {
    t = await startApp(f.env);
    const idToken = await f.idp.appIdToken('bob', 'app-nonce');
    const res = await t.post('/login/social', { provider: 'oidc', id_token: idToken, nonce: 'app-nonce' });
    expect(res.status, res.text).toBe(202);
    expect(res.body.signup_required).toBe(true);
    // Bob's email is not verified at the issuer: said, not trusted.
    expect(res.body.profile.email).toBe(conform ? null : 'bob@corp.example');
    const wrongNonce = await t.post('/login/social', { provider: 'oidc', id_token: idToken, nonce: 'another' });
    expect(wrongNonce.status).toBe(401);
  });
});
