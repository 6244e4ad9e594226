import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './helpers.js';
import { Agent, authorization } from './oidc/agent.js';
import { emptyOidcDatabase, freePort, insecure, type OidcInstance, pagesLogin, registerClient, signUpKim, startInstance } from './oidc/harness.js';

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
    t = await startInstance(database.database, issuer, { REFRESH_TOKEN_REUSE_INTERVAL_SECONDS: '2' });
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
    const keys = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()).keys as { kid: string }[];
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
});
