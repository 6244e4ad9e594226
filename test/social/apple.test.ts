import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { sha256Hex } from './fake-oauth.js';
import { APPLE, arrive, PAGES_RETURN, atProvider, exchange, type Providers, start, startProviders } from './harness.js';

useFileDatabase();

/** Sign in with Apple as developer.apple.com documents it: the form post, the name sent once, the ES256 client secret, no PKCE. */
describe('Apple', () => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders();
  });
  afterAll(async () => f?.close());
  afterEach(async () => {
    await t?.close();
    // Among them: every client secret the service made verified as Apple checks it.
    expect(f.problems()).toEqual([]);
  });

  it("takes Apple's cross-site form post, prefills the name it sends once, and trusts its verified email", async () => {
    t = await startApp(f.env);
    const choi = f.apple.addUser({ sub: '001234.abc.0101', email: 'x7@privaterelay.appleid.com', privateRelay: true, firstName: '민수', lastName: '최' });
    f.apple.signInAs(choi);
    const { authorize, verifier } = await start(t, 'apple');
    const q = authorize.searchParams;
    expect([q.get('client_id'), q.get('scope'), q.get('response_mode')]).toEqual([APPLE.clientIds[0], 'name email', 'form_post']);
    expect(q.has('code_challenge')).toBe(false);
    const step = await atProvider(f, 'apple', authorize);
    expect(step.method).toBe('POST');
    // Apple's form also carries the user field (and may carry an id_token): only code and state are read.
    expect([...step.form!.keys()].sort()).toEqual(['code', 'state', 'user']);
    const back = await arrive(t, step);
    const res = await exchange(t, back.searchParams.get('result'), verifier);
    expect(res.status, res.text).toBe(202);
    expect(res.body.profile).toEqual({ email: 'x7@privaterelay.appleid.com', name: '최민수', nickname: null });
    const token = f.apple.received.find((r) => r.path === '/auth/token')!;
    expect(token.form.get('client_id')).toBe(APPLE.clientIds[0]);
    expect(token.form.get('redirect_uri')).toBeTruthy();
  });

  it('answers a cancelled sign-in with error=access_denied, and reads a callback post only as a form', async () => {
    t = await startApp(f.env);
    f.apple.addUser({ sub: '001234.abc.0202' });
    f.apple.deny = true;
    try {
      const { authorize } = await start(t, 'apple');
      const back = await arrive(t, await atProvider(f, 'apple', authorize));
      expect(back.searchParams.get('error')).toBe('access_denied');
    } finally {
      f.apple.deny = false;
    }
    // A JSON body is not Apple's form: no state is read from it, so it lands on the pages' error.
    const json = await t.post('/oauth/apple/callback', { code: 'x', state: 'y' });
    expect(json.status).toBe(302);
    expect(json.headers.location).toBe(`${PAGES_RETURN}?error=invalid_request`);
  });

  it("accepts an iOS app's identity token with the SHA-256 of its raw nonce, and exchanges its code for the bundle ID without redirect_uri", async () => {
    t = await startApp(f.env);
    const kang = f.apple.addUser({ sub: '001234.abc.0303', email: 'kang@icloud.com' });
    const native = await f.apple.nativeSignIn(kang, { nonce: sha256Hex('raw-nonce') });
    const res = await t.post('/login/social', {
      provider: 'apple',
      id_token: native.identityToken,
      nonce: 'raw-nonce',
      authorization_code: native.authorizationCode,
    });
    expect(res.status, res.text).toBe(202);
    expect(res.body.profile.email).toBe('kang@icloud.com');
    const token = f.apple.received.filter((r) => r.path === '/auth/token').at(-1)!;
    expect(token.form.get('client_id')).toBe(APPLE.clientIds[1]);
    expect(token.form.has('redirect_uri')).toBe(false);
  });

  it("refuses an app's code that is another user's, or already used", async () => {
    t = await startApp(f.env);
    const a = f.apple.addUser({ sub: '001234.abc.0404' });
    const b = f.apple.addUser({ sub: '001234.abc.0505' });
    const na = await f.apple.nativeSignIn(a);
    const nb = await f.apple.nativeSignIn(b);
    const mixed = await t.post('/login/social', { provider: 'apple', id_token: na.identityToken, authorization_code: nb.authorizationCode });
    expect(mixed.status).toBe(401);
    const used = await t.post('/login/social', { provider: 'apple', id_token: nb.identityToken, authorization_code: nb.authorizationCode });
    expect(used.status).toBe(401);
    expect(used.body.code).toBe('social_token_invalid');
    f.apple.received.forEach((r) => (r.problems = r.problems.filter((p) => !p.startsWith('invalid_grant'))));
  });

  it('refuses an authorization_code sent for any other provider with 400', async () => {
    t = await startApp(f.env);
    const res = await t.post('/login/social', { provider: 'google', id_token: 'x.y.z', authorization_code: 'c' }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ authorization_code: ['Only Apple takes an authorization_code.'] });
  });
});
