import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../src/oidc-provider/clients.js';
import { loadOidcLibrary } from '../../src/oidc-provider/library.js';
import { PASSWORD } from '../helpers.js';
import { totpNow } from '../totp.js';
import { freePort, insecure } from '../oidc/harness.js';
import { describeInBrowser, desktopEnglish, expectAccessible, launch, open, screenshot, totp } from './browser.js';
import { e164, type PagesApp, sameOrigin, startPages } from './harness.js';

/**
 * A relying party of its own (a tiny web app on another port, openid-client behind it) signs
 * a person in through the account pages in Chromium: the pages' login with its second step,
 * consent, back to the app with a verified ID token; then userinfo, refresh, Connected apps,
 * revocation and RP-initiated logout.
 */
describeInBrowser('an app signing its users in through the service', () => {
  let browser: Browser;
  let t: PagesApp;
  let origin: string;
  let rp: Server;
  let rpOrigin: string;
  let config: client.Configuration;
  let page: Page;
  let errors: string[];
  let secret: string;
  let userId: number;
  const pending = new Map<string, string>();
  let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

  beforeAll(async () => {
    const port = await freePort();
    t = await startPages({ OIDC_PROVIDER: 'on', PUBLIC_URL: `http://127.0.0.1:${port}` });
    origin = await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launch();

    // kim@example.com, with an authenticator app as the second step.
    const json = { 'content-type': 'application/json' };
    const inject = (url: string, payload: object, headers: Record<string, string> = json) => t.app.inject({ method: 'POST', url, headers, payload });
    await inject('/api/v1/phone-verify', { phone_number: '010-1234-5678' });
    const { token } = (await inject('/api/v1/phone-verify/confirm', { phone_number: '010-1234-5678', key: t.sms.lastKey(e164('010-1234-5678')) })).json();
    userId = (await inject('/api/v1/users', { email: 'kim@example.com', password: PASSWORD, phone_number: '010-1234-5678', token, name: 'Kim' })).json().id;
    const { access_token: access } = (await inject('/account/api/login', { email: 'kim@example.com', password: PASSWORD }, sameOrigin)).json();
    const auth = { ...json, authorization: `Bearer ${access}` };
    secret = (await inject('/api/v1/users/me/mfa/totp', { password: PASSWORD }, auth)).json().secret;
    expect((await inject('/api/v1/users/me/mfa/totp/confirm', { code: totpNow(secret, -1) }, auth)).statusCode).toBe(200);

    // The app: /login starts a sign-in, /cb finishes it, /logout asks the service to sign out.
    rp = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url!, rpOrigin);
        const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>Shop</title><main><h1>${body}</h1></main></html>`);
        if (url.pathname === '/login') {
          const verifier = client.randomPKCECodeVerifier();
          const state = client.randomState();
          pending.set(state, verifier);
          const to = client.buildAuthorizationUrl(config, {
            redirect_uri: `${rpOrigin}/cb`,
            scope: 'openid profile email offline_access',
            prompt: 'consent',
            state,
            code_challenge: await client.calculatePKCECodeChallenge(verifier),
            code_challenge_method: 'S256',
          });
          return res.writeHead(302, { location: to.href }).end();
        }
        if (url.pathname === '/cb') {
          const state = url.searchParams.get('state')!;
          tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: pending.get(state)!, expectedState: state });
          return html(`Signed in as ${tokens.claims()!.sub}`);
        }
        if (url.pathname === '/logout') {
          const to = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${rpOrigin}/bye` });
          return res.writeHead(302, { location: to.href }).end();
        }
        if (url.pathname === '/bye') return html('Signed out of Shop');
        res.writeHead(404).end();
      })().catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
    await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
    rpOrigin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
    const { client: made, secret: clientSecret } = await createClient(
      { db: t.database.db, secretKey: t.config.secretKey, production: false, library: await loadOidcLibrary(() => undefined) },
      { name: 'Shop', redirectUris: [`${rpOrigin}/cb`], postLogoutRedirectUris: [`${rpOrigin}/bye`] },
    );
    config = await client.discovery(new URL(origin), made.client_id, clientSecret, client.ClientSecretBasic(clientSecret), insecure);
    ({ page, errors } = await open(browser, desktopEnglish));
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => rp?.close(resolve));
    await t?.close();
  });
  afterEach(() => {
    expect(errors, 'console errors, Content-Security-Policy refusals among them').toEqual([]);
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const look = async (name: string) => {
    await expectAccessible(page, name);
    await screenshot(page, desktopEnglish, name);
  };

  it('signs in on the pages, with the second step, allows the app, and the app has a verified ID token', async () => {
    await page.goto(`${rpOrigin}/login`);
    await heading('Log in').waitFor();
    await page.getByText('Shop uses your User Demo account to sign you in.').waitFor();
    await look('oidc-01-login');
    await page.getByLabel('Email or phone number', { exact: true }).fill('kim@example.com');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await button('Log in').click();
    await heading('Two-step verification').waitFor();
    await page.getByLabel('Authentication code', { exact: true }).fill(totp(secret));
    await button('Verify').click();
    await heading('Allow Shop?').waitFor();
    for (const words of ['Know which User Demo account you are', 'See your name and nickname', 'See your email address', 'Stay connected while you are away']) {
      await page.getByRole('listitem').filter({ hasText: words }).waitFor();
    }
    await look('oidc-02-consent');
    await button('Allow').click();
    await heading(`Signed in as ${userId}`).waitFor();
    expect(page.url()).toMatch(new RegExp(`^${rpOrigin}/cb\\?code=`));

    // openid-client verified the ID token against the JWKS; the app reads the rest.
    expect(tokens.claims()).toMatchObject({ iss: origin, sub: String(userId), aud: config.clientMetadata().client_id });
    expect(await client.fetchUserInfo(config, tokens.access_token, String(userId))).toMatchObject({ name: 'Kim', email: 'kim@example.com' });
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.claims()!.sub).toBe(String(userId));
    tokens = Object.assign(refreshed, { id_token: refreshed.id_token ?? tokens.id_token });
  });

  it('shows the app under Connected apps, and removing it ends its tokens at once', async () => {
    await page.goto(`${origin}/account/apps`);
    await heading('Connected apps').waitFor();
    await page.getByText('Shop', { exact: true }).waitFor();
    await look('oidc-03-apps');
    await button('Remove access').click();
    await page.getByText('Shop can no longer sign you in or see your data. It asks again next time.').waitFor();
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('signs in again without a password (the pages remember the user), asks consent again, and signs out when the app asks', async () => {
    await page.goto(`${rpOrigin}/login`);
    await heading('Allow Shop?').waitFor();
    await button('Allow').click();
    await heading(`Signed in as ${userId}`).waitFor();

    await page.goto(`${rpOrigin}/logout`);
    await heading('Sign out?').waitFor();
    await page.getByText('Shop asks to sign you out of User Demo.').waitFor();
    await look('oidc-04-logout');
    await button('Sign out').click();
    await heading('Signed out of Shop').waitFor();
    // Signed out of the pages too: the next sign-in asks for the password again.
    await page.goto(`${rpOrigin}/login`);
    await heading('Log in').waitFor();
  });
});
