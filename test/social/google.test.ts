import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from '../helpers.js';
import { arrive, atProvider, exchange, GOOGLE, type Providers, start, startProviders } from './harness.js';

useFileDatabase();

/** Google's OpenID Connect as developers.google.com documents it: discovery, offline access, two issuer spellings, several client IDs. */
describe('Google', () => {
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

  const [web, ios, android] = GOOGLE.clientIds as [string, string, string];

  it('asks for offline access with PKCE and nonce, and ignores the extra parameters Google adds to its redirect', async () => {
    t = await startApp(f.env);
    f.google.addUser({ sub: '1001', email: 'kim@gmail.com', emailVerified: true, name: 'Kim Google' });
    const { authorize, verifier } = await start(t, 'google');
    const q = authorize.searchParams;
    expect([q.get('client_id'), q.get('scope'), q.get('access_type'), q.get('code_challenge_method')]).toEqual([web, 'openid email profile', 'offline', 'S256']);
    const step = await atProvider(f, 'google', authorize);
    expect(step.url.searchParams.get('authuser')).toBe('0');
    const back = await arrive(t, step);
    const res = await exchange(t, back.searchParams.get('result'), verifier);
    expect(res.status, res.text).toBe(202);
    expect(res.body.profile).toEqual({ email: 'kim@gmail.com', name: 'Kim Google', nickname: null });
  });

  it("accepts an Android app's ID token (for the web client, azp the Android client) and an iOS app's", async () => {
    t = await startApp(f.env);
    const u = f.google.addUser({ sub: '1002', email: 'lee@gmail.com', emailVerified: true });
    for (const token of [await f.google.appIdToken(u, { aud: web, azp: android }), await f.google.appIdToken(u, { aud: ios })]) {
      const res = await t.post('/login/social', { provider: 'google', id_token: token });
      expect(res.status, res.text).toBe(202);
      expect(res.body.signup_required).toBe(true);
    }
  });

  it('accepts both spellings of the issuer Google documents, and refuses an azp that is not one of ours', async () => {
    t = await startApp(f.env);
    const u = f.google.addUser({ sub: '1003' });
    f.google.issuerForm = 'bare';
    try {
      const bare = await t.post('/login/social', { provider: 'google', id_token: await f.google.appIdToken(u) });
      expect(bare.status, bare.text).toBe(202);
    } finally {
      f.google.issuerForm = 'url';
    }
    const evil = await t.post('/login/social', { provider: 'google', id_token: await f.google.appIdToken(u, { azp: 'evil.apps.googleusercontent.com' }) });
    expect(evil.status).toBe(401);
    expect(evil.body.code).toBe('social_token_invalid');
  });

  it('refuses a Google access token from an app: only ID tokens name their client', async () => {
    t = await startApp(f.env);
    const res = await t.post('/login/social', { provider: 'google', access_token: 'ya29.something' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('social_token_unverifiable');
  });
});
