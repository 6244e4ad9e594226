import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { cliFor } from './cli-helpers.js';
import { bearer, openTestDatabase, PASSWORD, sleep } from './helpers.js';
import { Agent, authorization } from './oidc/agent.js';
import { emptyOidcDatabase, freePort, insecure, json, type OidcInstance, rows, pagesLogin, registerClient, signUpKim, startInstance } from './oidc/harness.js';

/**
 * openid-client as a real relying party against the running service: discovery, the code
 * flow with PKCE through the account pages' sign-in and consent endpoints, the ID token
 * checked against the service's JWKS, userinfo, refresh, revocation, logout. On PGlite, on
 * PostgreSQL (TEST_DATABASE_URL) and through PgBouncer (TEST_POOL_MODE=transaction).
 */
describe('the service as an OpenID provider', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let t: OidcInstance;
  let issuer: string;
  let userId: number;
  let access: string;
  let shop: { clientId: string; secret: string };
  let config: client.Configuration;
  const callback = 'http://127.0.0.1:9/cb';

  beforeAll(async () => {
    database = await openTestDatabase();
    issuer = `http://127.0.0.1:${await freePort()}`;
    t = await startInstance(database.database, issuer, { REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: '2' }, inject('pagesDir'));
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await emptyOidcDatabase(database.database);
    userId = await signUpKim(t.app, undefined, undefined, t.sms);
    access = await pagesLogin(t.app);
    const made = await registerClient(database.database);
    shop = { clientId: made.client.client_id, secret: made.secret! };
    config = await client.discovery(new URL(issuer), shop.clientId, shop.secret, client.ClientSecretBasic(shop.secret), insecure);
  });

  it('publishes discovery at PUBLIC_URL, pointing at the one JWKS of the service', async () => {
    const meta = config.serverMetadata();
    expect(meta).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/oidc/auth`,
      token_endpoint: `${issuer}/oidc/token`,
      userinfo_endpoint: `${issuer}/oidc/me`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      end_session_endpoint: `${issuer}/oidc/session/end`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
      scopes_supported: ['openid', 'profile', 'email', 'phone', 'offline_access'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
  });

  it('signs a user in through the pages, and the app gets a verified ID token, userinfo and a rotating refresh token', async () => {
    const agent = new Agent(issuer);
    const request = await authorization(config, { redirect_uri: callback, scope: 'openid profile email phone offline_access', prompt: 'consent' });
    const back = await agent.signIn(request.url, callback, () => access);
    expect(agent.prompts).toEqual(['login', 'consent']);
    expect(back.searchParams.get('iss')).toBe(issuer);

    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: issuer, sub: String(userId), aud: shop.clientId });
    // The ID token is signed by the service's own signing key, published in its JWKS.
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const { protectedHeader } = await jwtVerify(tokens.id_token!, jwks, { issuer, audience: shop.clientId });
    expect(protectedHeader.alg).toBe('ES256');
    const keys = (await json(await fetch(`${issuer}/.well-known/jwks.json`))).keys as { kid: string }[];
    expect(keys.map((k) => k.kid)).toContain(protectedHeader.kid);

    expect(await client.fetchUserInfo(config, tokens.access_token, String(userId))).toEqual({
      sub: String(userId),
      name: '김동우',
      nickname: 'dongwoo',
      email: 'kim@example.com',
      email_verified: false,
      phone_number: '+821012345678',
      phone_number_verified: true,
    });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()!.sub).toBe(String(userId));

    await client.tokenRevocation(config, refreshed.refresh_token!);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  const api = (method: 'GET' | 'DELETE' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(access), ...(payload ? { payload } : {}) });
  const eventsOf = async (type: string) =>
    (await rows(database.database, sql`select data from events where type = ${type} order by seq`)).map((r) => r.data);
  const signIn = async (scope = 'openid profile', agent = new Agent(issuer), cfg = config) => {
    const request = await authorization(cfg, { redirect_uri: callback, scope, ...(scope.includes('offline_access') ? { prompt: 'consent' } : {}) });
    const back = await agent.signIn(request.url, callback, () => access);
    return { agent, tokens: await client.authorizationCodeGrant(cfg, back, { pkceCodeVerifier: request.verifier, expectedState: request.state }) };
  };

  it('asks consent once: the same user in another browser, or the same browser again, goes straight back to the app', async () => {
    const first = await signIn();
    expect(first.agent.prompts).toEqual(['login', 'consent']);
    const again = await signIn('openid profile', first.agent);
    expect(again.agent.prompts).toEqual(['login', 'consent']); // nothing more in the same browser
    const elsewhere = await signIn();
    expect(elsewhere.agent.prompts).toEqual(['login']);
    // Asking for more asks again, for the difference only.
    const more = new Agent(issuer);
    await signIn('openid profile email', more);
    expect(more.prompts).toEqual(['login', 'consent']);
    expect(await eventsOf('oidc.consent_granted')).toEqual([
      { user_id: userId, client_id: shop.clientId },
      { user_id: userId, client_id: shop.clientId },
    ]);
  });

  it('lets a first-party app in without a consent screen', async () => {
    const admin = await registerClient(database.database, { name: 'Admin console', public: true, firstParty: true });
    const adminConfig = await client.discovery(new URL(issuer), admin.client.client_id, undefined, client.None(), insecure);
    const { agent, tokens } = await signIn('openid profile', new Agent(issuer), adminConfig);
    expect(agent.prompts).toEqual(['login']);
    expect(tokens.claims()!.sub).toBe(String(userId));
    const apps = (await api('GET', '/users/me/apps')).json();
    expect(apps).toEqual([{ client_id: admin.client.client_id, name: 'Admin console', first_party: true, scopes: ['openid', 'profile'], granted_at: expect.any(String) }]);
  });

  it('tells the app the user said no', async () => {
    const request = await authorization(config, { redirect_uri: callback, scope: 'openid' });
    const back = await new Agent(issuer).signIn(request.url, callback, () => access, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(request.state);
  });

  it("shows the user the apps they allowed, and taking one back kills its tokens at once", async () => {
    const { tokens } = await signIn('openid profile offline_access');
    const apps = await api('GET', '/users/me/apps');
    expect(apps.json()).toEqual([
      { client_id: shop.clientId, name: 'Shop', first_party: false, scopes: ['openid', 'profile', 'offline_access'], granted_at: expect.any(String) },
    ]);
    expect((await api('DELETE', `/users/me/apps/${shop.clientId}`)).statusCode).toBe(204);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(client.fetchUserInfo(config, tokens.access_token, String(userId))).rejects.toMatchObject({ status: 401 });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await eventsOf('oidc.consent_revoked')).toEqual([{ user_id: userId, client_id: shop.clientId }]);
    expect((await api('GET', '/users/me/apps')).json()).toEqual([]);
    expect((await api('DELETE', `/users/me/apps/${shop.clientId}`)).json()).toMatchObject({ code: 'not_found' });
    expect((await signIn()).agent.prompts).toEqual(['login', 'consent']);
  });

  it('ends every grant when the user withdraws', async () => {
    const { tokens } = await signIn('openid offline_access');
    expect((await api('DELETE', '/users/me', { password: PASSWORD })).statusCode).toBe(204);
    expect(await rows(database.database, sql`select count(*)::int as n from oidc_payloads where account_id = ${userId}`)).toEqual([{ n: 0 }]);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('stops an app\'s tokens of an account that was deactivated, at once', async () => {
    const { tokens } = await signIn('openid offline_access');
    expect((await cliFor(database.database)('users', 'deactivate', String(userId))).code).toBe(0);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(client.fetchUserInfo(config, tokens.access_token, String(userId))).rejects.toMatchObject({ status: 401 });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('ends single sign-on with the service session it came from', async () => {
    const { agent } = await signIn();
    expect((await signIn('openid profile', agent)).agent.prompts).toEqual(['login', 'consent']);
    const { sid } = JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()) as { sid: string };
    expect((await api('DELETE', `/users/me/sessions/${sid}`)).statusCode).toBe(204);
    access = await pagesLogin(t.app);
    await signIn('openid profile', agent);
    expect(agent.prompts).toEqual(['login', 'consent', 'login']);
  });

  it('asks for a fresh sign-in when the app says prompt=login: an older session will not do', async () => {
    const agent = new Agent(issuer);
    await signIn('openid', agent);
    // The provider counts in seconds: the sign-in before and the one after must be seconds apart from the request.
    await sleep(1100);
    const request = await authorization(config, { redirect_uri: callback, scope: 'openid', prompt: 'login' });
    const interaction = (await agent.fetch(request.url.href)).headers.get('location')!;
    const path = new URL(interaction).pathname;
    expect((await json(await agent.fetch(`${path}/details`))).fresh_login).toBe(true);
    const login = (token: string) => agent.fetch(`${path}/login`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...bearer(token) }, body: '{}' });
    const stale = await login(access);
    expect(stale.status).toBe(401);
    expect(await json(stale)).toMatchObject({ code: 'reauthentication_required' });
    await sleep(1100);
    const fresh = await login(await pagesLogin(t.app));
    expect(fresh.status).toBe(200);
    const done = await agent.fetch((await json(fresh)).redirect_to);
    expect(done.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/cb\?code=/);
  });

  it('signs the user out when the app asks (RP-initiated logout), on the pages, back to the app', async () => {
    const { agent, tokens } = await signIn();
    const end = await agent.fetch(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:9/bye', state: 'st' }).href);
    expect(end.status).toBe(200);
    expect(end.headers.get('content-security-policy')).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:9(;|$)/);
    const meta = /<meta name="account-pages" content="([^"]*)"/.exec(await end.text())![1]!;
    const settings: { oidc: { action: string; xsrf: string } } = JSON.parse(meta.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    expect(settings.oidc).toMatchObject({ view: 'logout', client: 'Shop', action: `${issuer}/oidc/session/end/confirm` });
    const confirmed = await agent.fetch(settings.oidc.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: settings.oidc.xsrf, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('http://127.0.0.1:9/bye?state=st');
    // The provider's session is over: the next sign-in asks who it is.
    expect((await signIn('openid profile', agent)).agent.prompts).toEqual(['login', 'consent', 'login']);
  });
});
