import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD } from '../helpers.js';
import { describeInBrowser, desktopEnglish, launch, open } from './browser.js';
import { e164, type PagesApp, startPages } from './harness.js';
import { words } from './words.js';

/*
 * Finding 11 of issue 24: a page on a sibling subdomain set the refresh cookie's name with
 * `Domain=` the parent and a longer `Path`; the browser sent it before the pages' own, and
 * the victim's pages ran in the attacker's account. Here the pages are at
 * account.app.localhost and the attacker at evil.app.localhost (Chromium resolves every
 * *.localhost to loopback, and app.localhost is a registrable domain both share).
 */
describeInBrowser('a sibling subdomain planting its session in the pages', () => {
  let t: PagesApp;
  let browser: Browser;
  let evil: Server;
  let pages: string;
  let evilPage: string;
  let attackerRefresh = '';
  const w = words.en;

  const json = { 'content-type': 'application/json' };
  async function signUp(email: string, phone: string): Promise<void> {
    await t.app.inject({ method: 'POST', url: '/api/v1/phone-verify', headers: json, payload: { phone_number: phone } });
    const key = t.sms.lastKey(e164(phone));
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/phone-verify/confirm', headers: json, payload: { phone_number: phone, key } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: json,
      payload: { email, password: PASSWORD, phone_number: phone, token: confirmed.json().token },
    });
    expect(res.statusCode).toBe(201);
  }

  beforeAll(async () => {
    t = await startPages();
    const port = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port;
    pages = `http://account.app.localhost:${port}`;
    await signUp('victim@example.com', '010-4000-0001');
    await signUp('mallory@example.com', '010-4000-0002');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/login', headers: json, payload: { email: 'mallory@example.com', password: PASSWORD } });
    attackerRefresh = login.json().refresh_token;

    // The attacker's page: every way a sibling host can try to put its cookie where the pages read theirs.
    evil = createServer((_req, res) => {
      const v = attackerRefresh;
      res.setHeader('set-cookie', [
        `account_refresh=${v}; Domain=app.localhost; Path=/account/api/refresh`,
        `__Host-account_refresh=${v}; Domain=app.localhost; Path=/; Secure`,
        `__Host-account_refresh=${v}; Domain=app.localhost; Path=/account/api/refresh; Secure`,
        `__host-account_refresh=${v}; Domain=app.localhost; Path=/; Secure`,
        `__Secure-account_refresh=${v}; Domain=app.localhost; Path=/account/api/refresh; Secure`,
        `=__Host-account_refresh=${v}; Domain=app.localhost; Path=/account/api/refresh`,
      ]);
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>evil</title><script>
        document.cookie = "account_refresh=${v}; domain=app.localhost; path=/account/api";
        document.cookie = "=__Host-account_refresh=${v}; domain=app.localhost; path=/";
        document.cookie = "__Host-account_refresh=${v}; domain=app.localhost; path=/; secure";
      </script><p id="done">planted</p>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilPage = `http://evil.app.localhost:${(evil.address() as AddressInfo).port}/`;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await t?.close();
  });

  async function visitEvil(page: import('playwright-core').Page) {
    await page.goto(evilPage);
    await page.locator('#done').waitFor();
  }

  it('a signed-out visitor of the attacker page opens the pages signed out, not in the attacker account', async () => {
    const { context, page, errors } = await open(browser, desktopEnglish);
    await visitEvil(page);
    // The planted cookie is there, and would be sent first to /account/api/refresh: only its name keeps it out.
    const sent = await context.cookies(`${pages}/account/api/refresh`);
    expect(sent.filter((c) => c.domain === '.app.localhost').map((c) => c.name)).toContain('account_refresh');
    // Chromium refused every __Host- one a sibling tried, whatever its case, and the nameless one.
    expect(sent.filter((c) => /^__host-/i.test(c.name) || c.name === '' || c.value.startsWith('__Host-'))).toEqual([]);

    // A page for signed-in users: it waits for the session to resume from the cookie, then shows login.
    const resumed = page.waitForResponse((r) => r.url().endsWith('/account/api/refresh'));
    await page.goto(`${pages}/account/profile?lang=en`);
    expect((await resumed).status()).toBe(401);
    await page.getByRole('heading', { level: 1, name: w.loginTitle, exact: true }).waitFor();
    expect(await page.getByText('mallory@example.com').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a signed-in victim who visits the attacker page stays in the victim's own account", async () => {
    const { context, page, errors } = await open(browser, desktopEnglish);
    await page.goto(`${pages}/account/login?lang=en`);
    await page.getByLabel(w.identifier, { exact: true }).fill('victim@example.com');
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: w.logIn, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: w.profile, exact: true }).waitFor();
    const own = await context.cookies(pages);
    expect(own.map((c) => [c.name, c.domain, c.path, c.secure, c.httpOnly])).toEqual([
      ['__Host-account_refresh', 'account.app.localhost', '/', true, true],
    ]);

    await visitEvil(page);
    await page.goto(`${pages}/account/?lang=en`);
    await page.getByRole('heading', { level: 1, name: w.profile, exact: true }).waitFor();
    await page.getByText('victim@example.com').waitFor();
    expect(await page.getByText('mallory@example.com').count()).toBe(0);
    // Refreshed from the cookie again, not from the page's memory: still the victim.
    await page.reload();
    await page.getByText('victim@example.com').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
