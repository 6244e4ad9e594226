import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { openTestDatabase, testPoolMode } from './helpers.js';
import { Agent, authorization } from './oidc/agent.js';
import { freePort, insecure, type OidcInstance, pagesLogin, registerClient, signUpKim, startInstance } from './oidc/harness.js';

/**
 * Two instances of the service on one database behind one public address (PUBLIC_URL), each
 * request of the flow sent to the other one: nothing the provider keeps lives in one
 * instance's memory. On PostgreSQL each instance has its own pool (and through PgBouncer
 * with TEST_POOL_MODE=transaction, its own server connection per statement).
 */
describe('the OpenID provider on two instances', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let second: Database | undefined;
  let a: OidcInstance;
  let b: OidcInstance;
  let issuer: string;
  const served = { a: 0, b: 0 };
  let turn = 0;
  /** Every request to the public address goes to the other instance than the last one did. */
  const next = () => (turn++ % 2 === 0 ? (served.a++, a.address) : (served.b++, b.address));
  const rewrite = (url: string) => {
    const u = new URL(url);
    return u.origin === issuer ? new URL(u.pathname + u.search, next()).href : url;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    second = database.url === 'memory://' ? undefined : await openDatabase({ url: database.url, poolSize: 4, poolMode: testPoolMode });
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    a = await startInstance(database.database, issuer);
    b = await startInstance(second ?? database.database, issuer, { LISTEN_PORT: String(await freePort()) });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await second?.close();
    await database?.drop();
  });

  it('serves each step of one sign-in on either instance: interaction, code, tokens, refresh, userinfo, single sign-on', async () => {
    const userId = await signUpKim(a.app, undefined, undefined, a.sms);
    const access = await pagesLogin(b.app);
    const shop = await registerClient(database.database);
    const config = await client.discovery(new URL(issuer), shop.client.client_id, shop.secret, client.ClientSecretBasic(shop.secret), {
      ...insecure,
      [client.customFetch]: (url: string, options: RequestInit) => fetch(rewrite(url), options),
    } as client.DiscoveryRequestOptions);
    const agent = new Agent(issuer, next);

    const request = await authorization(config, { redirect_uri: 'http://127.0.0.1:9/cb', scope: 'openid profile offline_access', prompt: 'consent' });
    const back = await agent.signIn(request.url, 'http://127.0.0.1:9/cb', () => access);
    expect(agent.prompts).toEqual(['login', 'consent']);
    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    expect(tokens.claims()!.sub).toBe(String(userId));
    let refresh = tokens.refresh_token!;
    for (let i = 0; i < 4; i++) {
      const again = await client.refreshTokenGrant(config, refresh);
      expect(await client.fetchUserInfo(config, again.access_token, String(userId))).toMatchObject({ sub: String(userId), name: '김동우' });
      refresh = again.refresh_token!;
    }
    // A code used twice is caught whichever instance sees the second use.
    await expect(client.authorizationCodeGrant(config, back, { pkceCodeVerifier: request.verifier, expectedState: request.state })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(client.refreshTokenGrant(config, refresh)).rejects.toMatchObject({ error: 'invalid_grant' });

    // Single sign-on holds across instances too: a second app's sign-in asks nothing more.
    const other = await registerClient(database.database, { name: 'Console', firstParty: true, public: true, redirectUris: ['http://127.0.0.1:9/console'] });
    const console_ = await client.discovery(new URL(issuer), other.client.client_id, undefined, client.None(), {
      ...insecure,
      [client.customFetch]: (url: string, options: RequestInit) => fetch(rewrite(url), options),
    } as client.DiscoveryRequestOptions);
    const consoleRequest = await authorization(console_, { redirect_uri: 'http://127.0.0.1:9/console', scope: 'openid' });
    const prompts = agent.prompts.length;
    await agent.signIn(consoleRequest.url, 'http://127.0.0.1:9/console', () => access);
    expect(agent.prompts.length).toBe(prompts);
    expect(served.a).toBeGreaterThan(5);
    expect(served.b).toBeGreaterThan(5);
  });
});

describe('the OpenID provider behind a proxy that serves it under a path prefix', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let t: OidcInstance;
  let origin: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    origin = `http://127.0.0.1:${await freePort()}`;
    t = await startInstance(database.database, `${origin}/accounts`);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('writes the prefix into every URL it gives out, and a sign-in goes through', async () => {
    const issuer = `${origin}/accounts`;
    await signUpKim(t.app, undefined, undefined, t.sms);
    const access = await pagesLogin(t.app);
    const shop = await registerClient(database.database);
    // The proxy: what the app sends under /accounts reaches the service without it.
    const strip = (url: string) => url.replace(issuer, origin);
    const config = await client.discovery(new URL(issuer), shop.client.client_id, shop.secret, client.ClientSecretBasic(shop.secret), {
      ...insecure,
      [client.customFetch]: (url: string, options: RequestInit) => fetch(strip(url), options),
    } as client.DiscoveryRequestOptions);
    const meta = config.serverMetadata();
    expect(meta).toMatchObject({ issuer, authorization_endpoint: `${issuer}/oidc/auth`, token_endpoint: `${issuer}/oidc/token`, jwks_uri: `${issuer}/.well-known/jwks.json` });
    const agent = new Agent(origin, () => origin, '/accounts');
    const request = await authorization(config, { redirect_uri: 'http://127.0.0.1:9/cb', scope: 'openid' });
    const back = await agent.signIn(request.url, 'http://127.0.0.1:9/cb', () => access);
    expect(back.searchParams.get('iss')).toBe(issuer);
    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    expect(tokens.claims()!.iss).toBe(issuer);
  });
});

