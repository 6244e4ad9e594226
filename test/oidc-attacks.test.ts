import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { revokeSigningKey, signingKeyDeps } from '../src/signing-keys/service.js';
import { revokeClient } from '../src/oidc-provider/clients.js';
import { openTestDatabase, sleep } from './helpers.js';
import { Agent, authorization } from './oidc/agent.js';
import { emptyOidcDatabase, freePort, insecure, type OidcInstance, pagesLogin, registerClient, signUpKim, startInstance } from './oidc/harness.js';

/** The attacks SPEC's last section and RFC 9700 name, each made against the running provider. */
describe('the OpenID provider, attacked', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let t: OidcInstance;
  let issuer: string;
  let access: string;
  let shop: { clientId: string; secret: string };
  let config: client.Configuration;
  const callback = 'http://127.0.0.1:9/cb';
  const REUSE_SECONDS = 2;

  beforeAll(async () => {
    database = await openTestDatabase();
    issuer = `http://127.0.0.1:${await freePort()}`;
    t = await startInstance(database.database, issuer, { REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: String(REUSE_SECONDS), JWKS_MAX_AGE_SECONDS: '1' });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await emptyOidcDatabase(database.database);
    await signUpKim(t.app, undefined, undefined, t.sms);
    access = await pagesLogin(t.app);
    const made = await registerClient(database.database);
    shop = { clientId: made.client.client_id, secret: made.secret! };
    config = await client.discovery(new URL(issuer), shop.clientId, shop.secret, client.ClientSecretBasic(shop.secret), insecure);
  });

  /** A user signed in and the app's callback reached, with what the app needs to exchange its code. */
  const signedIn = async (scope = 'openid offline_access', cfg = config, agent = new Agent(issuer)) => {
    const request = await authorization(cfg, { redirect_uri: callback, scope, ...(scope.includes('offline_access') ? { prompt: 'consent' } : {}) });
    const back = await agent.signIn(request.url, callback, () => access);
    return { ...request, back, agent };
  };
  const exchange = (s: Awaited<ReturnType<typeof signedIn>>, verifier = s.verifier, cfg = config) =>
    client.authorizationCodeGrant(cfg, s.back, { pkceCodeVerifier: verifier, expectedState: s.state });
  const active = async (token: string) => (await client.tokenIntrospection(config, token)).active;

  it('refuses an authorization request without PKCE, or with the plain method, at the app\'s own callback', async () => {
    const agent = new Agent(issuer);
    const withoutPkce: Record<string, string>[] = [{}, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }];
    for (const extra of withoutPkce) {
      const url = client.buildAuthorizationUrl(config, { redirect_uri: callback, scope: 'openid', state: 'x', ...extra });
      const res = await agent.fetch(url.href);
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(callback);
      expect(location.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('refuses a code with a wrong PKCE verifier, and the code still works for its own verifier', async () => {
    const s = await signedIn('openid');
    await expect(exchange(s, client.randomPKCECodeVerifier())).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(s)).access_token).toBeTruthy();
  });

  it('never redirects to a redirect URI that was not registered', async () => {
    for (const redirect of ['http://127.0.0.1:9/cb/other', 'http://127.0.0.1:9/CB', 'https://evil.example/cb']) {
      const res = await new Agent(issuer).fetch(
        client.buildAuthorizationUrl(config, { redirect_uri: redirect, scope: 'openid', state: 'x', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' }).href,
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    }
  });

  it('revokes the grant when a code is used twice: the first exchange\'s tokens die too', async () => {
    const s = await signedIn();
    const tokens = await exchange(s);
    await expect(exchange(s)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await active(tokens.access_token)).toBe(false);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('lets exactly one of several exchanges racing with one code win', async () => {
    const s = await signedIn('openid');
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => exchange(s)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens: a retired one is honoured within the reuse interval, and revokes the grant after it', async () => {
    const tokens = await exchange(await signedIn());
    const first = await client.refreshTokenGrant(config, tokens.refresh_token!);
    // Two tabs, or a retried request: the just-retired token still gets a fresh pair.
    const retried = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(retried.access_token).toBeTruthy();
    await sleep(REUSE_SECONDS * 1000 + 1200);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Reuse detection: the whole grant is gone, the newest tokens with it.
    await expect(client.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await active(first.access_token)).toBe(false);
  });

  it('refuses another client\'s code', async () => {
    const other = await registerClient(database.database, { name: 'Admin console', public: true, firstParty: true, redirectUris: ['http://127.0.0.1:9/admin'] });
    const adminConfig = await client.discovery(new URL(issuer), other.client.client_id, undefined, client.None(), insecure);
    const request = await authorization(adminConfig, { redirect_uri: 'http://127.0.0.1:9/admin', scope: 'openid' });
    const back = await new Agent(issuer).signIn(request.url, 'http://127.0.0.1:9/admin', () => access);
    const stolen = new URL(back.href.replace('/admin', '/cb'));
    await expect(client.authorizationCodeGrant(config, stolen, { pkceCodeVerifier: request.verifier, expectedState: request.state })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('serves no implicit and no password grant', async () => {
    const implicit = await new Agent(issuer).fetch(
      `/oidc/auth?client_id=${shop.clientId}&response_type=id_token%20token&redirect_uri=${encodeURIComponent(callback)}&scope=openid&nonce=n&state=s`,
    );
    expect(implicit.status).toBe(303);
    expect(implicit.headers.get('location')).toMatch(/error=unsupported_response_type/);
    const password = await fetch(`${issuer}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${shop.clientId}:${shop.secret}`).toString('base64')}` },
      body: 'grant_type=password&username=kim%40example.com&password=x',
    });
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('stops a revoked client at once, its tokens with it', async () => {
    const tokens = await exchange(await signedIn());
    await revokeClient(database.database.db, shop.clientId);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ status: 401, cause: [{ parameters: { error: 'invalid_client' } }] });
    const res = await new Agent(issuer).fetch((await authorization(config, { redirect_uri: callback, scope: 'openid' })).url.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses the tokens of a revoked signing key: the app cannot verify them, the provider takes no id_token_hint of it', async () => {
    const tokens = await exchange(await signedIn('openid'));
    const { kid } = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()) as { kid: string };
    await revokeSigningKey(signingKeyDeps(database.database.db, t.config), kid);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    await expect(jwtVerify(tokens.id_token!, jwks)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    const logout = () => new Agent(issuer).fetch(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! }).href);
    // Each instance reads the key set again within two seconds.
    let status = (await logout()).status;
    for (let i = 0; i < 30 && status !== 400; i++) status = await sleep(200).then(async () => (await logout()).status);
    expect(status).toBe(400);
    // The pages' own session was signed by that key too: the user signs in again, and the new
    // sign-in is signed by the key that replaced it, which the app can verify.
    access = await pagesLogin(t.app);
    const fresh = await exchange(await signedIn('openid'));
    const { protectedHeader } = await jwtVerify(fresh.id_token!, jwks);
    expect(protectedHeader.kid).not.toBe(kid);
  });

  it('answers bad requests with a 4xx, never a 5xx, and never lets a forged Host into its URLs', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`${shop.clientId}:${shop.secret}`).toString('base64')}` };
    const requests: [string, RequestInit][] = [
      ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' }],
      ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic }, body: 'grant_type=authorization_code&code=nope' }],
      ['/oidc/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `a=${'x'.repeat(200_000)}` }],
      ['/oidc/token', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '\u0000\uffff' }],
      ['/oidc/me', { headers: { authorization: 'Bearer nope' } }],
      ['/oidc/auth?client_id=nobody&response_type=code&scope=openid', {}],
      ['/oidc/auth?client_id=%00&redirect_uri=%ff', {}],
      ['/oidc/session/end?id_token_hint=garbage', {}],
      ['/oidc/token/introspection', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic }, body: 'token=' }],
      ['/oidc/nothing-here', {}],
      ['/account/oidc/unknown/details', {}],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${issuer}${path}`, { ...init, redirect: 'manual' });
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500);
    }
    const forged = await t.app.inject({ url: '/.well-known/openid-configuration', headers: { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'https' } });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toMatch(/evil/);
    expect(forged.json().token_endpoint).toBe(`${issuer}/oidc/token`);
  });
});
