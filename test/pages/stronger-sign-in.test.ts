import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../helpers.js';
import { describeInBrowser, expectAccessible, launch, open, phoneEnglishByChoice, screenshot, totp } from './browser.js';
import { type PagesApp, startPages } from './harness.js';
import { words } from './words.js';

/**
 * The sessions and two-step verification pages before the service has their endpoints
 * (SPEC, *Stronger sign-in*; issue 17): the browser itself answers those requests in SPEC's
 * shapes, so the pages' rendering, QR code and accessibility are checked now. Once the
 * endpoints exist, journeys.test.ts covers them against the real API and this test steps aside.
 */
describeInBrowser('the stronger sign-in pages, on answers shaped as SPEC says', () => {
  let browser: Browser;
  let t: PagesApp;
  let origin: string;

  beforeAll(async () => {
    t = await startPages();
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('show the sessions, end one, and set up an authenticator app from its QR code, in English on a phone', async ({ skip }) => {
    skip(t.app.hasRoute({ method: 'POST', url: '/api/v1/users/me/mfa/totp' }), 'the real API is there: the journeys cover it');
    const visitor = phoneEnglishByChoice;
    const w = words.en;
    const json = { 'content-type': 'application/json' };
    const post = (path: string, body: object) =>
      fetch(`${origin}/api/v1${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    await post('/phone-verify', { phone_number: '010-4000-0001' });
    const { token } = (await (await post('/phone-verify/confirm', { phone_number: '010-4000-0001', key: t.sms.lastKey('+821040000001') })).json()) as {
      token: string;
    };
    expect((await post('/users', { email: 'sam@example.com', password: PASSWORD, phone_number: '010-4000-0001', token })).status).toBe(201);

    const { page, errors } = await open(browser, visitor);
    const now = Date.now();
    let sessions = [
      { id: 'a1', created_at: new Date(now - 3_600_000).toISOString(), refreshed_at: new Date(now - 60_000).toISOString(), ip: '127.0.0.1', user_agent: 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile Safari/537.36', current: true },
      { id: 'b2', created_at: new Date(now - 86_400_000).toISOString(), refreshed_at: null, ip: '203.0.113.9', user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Version/17.5 Safari/605.1.15', current: false },
    ];
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await page.route('**/api/v1/users/me/sessions**', async (route) => {
      if (route.request().method() === 'DELETE') {
        sessions = sessions.filter((s) => !route.request().url().endsWith(`/${s.id}`));
        return route.fulfill({ status: 204 });
      }
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(sessions) });
    });
    await page.route('**/api/v1/users/me/mfa/totp', (route) =>
      route.fulfill({
        status: 201,
        contentType: 'application/json',
        body: JSON.stringify({ secret, otpauth_url: `otpauth://totp/User%20Demo:sam%40example.com?secret=${secret}&issuer=User%20Demo` }),
      }),
    );
    await page.route('**/api/v1/users/me/mfa/totp/confirm', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ recovery_codes: Array.from({ length: 10 }, (_, i) => `rc${i}-7f3k-q9dm`) }),
      }),
    );

    await page.goto(`${origin}/account/login?lang=en`);
    await page.getByLabel(w.identifier, { exact: true }).fill('sam@example.com');
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: w.logIn, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: w.profile, exact: true }).waitFor();

    await page.getByRole('link', { name: w.sessionsNav, exact: true }).click();
    await page.getByText(w.thisDevice).first().waitFor();
    await page.getByText('Chrome · Android').waitFor();
    await expectAccessible(page, 'en-phone sessions');
    await screenshot(page, visitor, '01-sessions');
    await page.getByRole('button', { name: w.endSession, exact: true }).click();
    await page.waitForFunction("document.querySelectorAll('ul.sessions > li').length === 1");

    await page.getByRole('link', { name: w.securityNav, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: w.securityNav, exact: true }).waitFor();
    await expectAccessible(page, 'en-phone two-step verification');
    await screenshot(page, visitor, '02-security');
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: w.setUp, exact: true }).click();
    const qr = page.getByRole('img', { name: w.qrAlt });
    await qr.waitFor();
    // The QR code is an SVG data: URL that the Content-Security-Policy lets through and the browser drew.
    await page.waitForFunction("document.querySelector('img.qr').complete && document.querySelector('img.qr').naturalWidth > 0");
    expect(await page.locator('.secret code').textContent()).toBe(secret);
    await page.getByLabel(w.authCode, { exact: true }).first().fill(totp(secret));
    await expectAccessible(page, 'en-phone authenticator setup');
    await screenshot(page, visitor, '03-totp-setup');
    await page.getByRole('button', { name: w.verify, exact: true }).click();
    await page.locator('ul.codes code').nth(9).waitFor();
    await expectAccessible(page, 'en-phone recovery codes');
    await screenshot(page, visitor, '04-totp-recovery');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
