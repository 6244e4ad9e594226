import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFileDatabase } from '../helpers.js';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { JS_BUDGET_BYTES } from '../../vite.config.js';
import { type PagesApp, startPages } from './harness.js';

useFileDatabase();

/** The settings the service wrote into the page for its script. */
function settingsOf(html: string): Record<string, unknown> {
  const attr = /<meta name="account-pages" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return JSON.parse(attr.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

describe('the account pages', () => {
  let t: PagesApp;
  beforeAll(async () => {
    t = await startPages({ PHONE_VERIFY_CODE_TTL_SECONDS: '180', OTP_RESEND_COOLDOWN_SECONDS: '45' });
  });
  afterAll(() => t.close());

  it('serve one document at /account/ and every page below it, with a strict Content-Security-Policy', async () => {
    for (const url of ['/account/', '/account/login', '/account/signup', '/account/sessions']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
    }
  });

  it('hold no inline script or style, which the policy would refuse', async () => {
    const html = (await t.app.inject({ url: '/account/' })).body;
    expect(html).toMatch(/<script type="module" crossorigin src="\/account\/assets\/[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it('are Korean by default, English with ?lang=en or a browser that prefers English', async () => {
    const lang = async (url: string, headers: Record<string, string> = {}) =>
      /<html lang="(\w+)">/.exec((await t.app.inject({ url, headers })).body)?.[1];
    expect(await lang('/account/')).toBe('ko');
    expect(await lang('/account/login?lang=en')).toBe('en');
    expect(await lang('/account/', { 'accept-language': 'en-US,en;q=0.9,ko;q=0.5' })).toBe('en');
    expect(await lang('/account/?lang=ko', { 'accept-language': 'en-US' })).toBe('ko');
    expect(await lang('/account/', { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' })).toBe('ko');
  });

  it("tell the page the key's lifetime and the resend cooldown it counts down", async () => {
    const settings = settingsOf((await t.app.inject({ url: '/account/' })).body);
    expect(settings).toMatchObject({ lang: 'ko', appName: 'User Demo', codeTtlSeconds: 180, resendCooldownSeconds: 45 });
  });

  it('send /account to /account/, keeping the query', async () => {
    const res = await t.app.inject({ url: '/account?lang=en' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/account/?lang=en');
  });

  it('serve the built files for good (their names change with their content), and 404 for others', async () => {
    const js = readdirSync(join(inject('pagesDir'), 'assets')).find((f) => f.endsWith('.js'))!;
    const asset = await t.app.inject({ url: `/account/assets/${js}` });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await t.app.inject({ url: '/account/assets/missing.js' })).statusCode).toBe(404);
    // The session endpoints are not pages: a GET is told to POST.
    expect((await t.app.inject({ url: '/account/api/refresh' })).statusCode).toBe(405);
  });

  it(`ship under ${JS_BUDGET_BYTES / 1024} KB of JavaScript, gzipped`, () => {
    const dir = join(inject('pagesDir'), 'assets');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f))).length, 0);
    console.log(`account pages: ${(total / 1024).toFixed(1)} KB of JavaScript gzipped in ${files.length} files`);
    expect(files.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(JS_BUDGET_BYTES);
  });
});

describe('branding the account pages', () => {
  let t: PagesApp;
  beforeAll(async () => {
    t = await startPages({
      APP_NAME: 'Acme "Pay" <beta>',
      ACCOUNT_PAGES_LOGO_URL: 'https://cdn.example.com/acme.svg',
      ACCOUNT_PAGES_PRIMARY_COLOR: '#0A7A55',
    });
  });
  afterAll(() => t.close());

  it('shows the app name, logo and colour, escaped, and lets the logo through the policy', async () => {
    const res = await t.app.inject({ url: '/account/' });
    expect(res.body).toContain('<title>Acme &quot;Pay&quot; &lt;beta&gt;</title>');
    expect(res.body).not.toContain('<beta>');
    expect(settingsOf(res.body)).toMatchObject({
      appName: 'Acme "Pay" <beta>',
      logoUrl: 'https://cdn.example.com/acme.svg',
      primaryColor: '#0a7a55',
    });
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data: https://cdn.example.com;");
  });

  it('refuses a colour or a logo that is not one, naming the variable', () => {
    const env = { NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(32) };
    expect(() => loadConfig({ ...env, ACCOUNT_PAGES_PRIMARY_COLOR: 'red;}body{display:none' })).toThrow(/ACCOUNT_PAGES_PRIMARY_COLOR/);
    expect(() => loadConfig({ ...env, ACCOUNT_PAGES_LOGO_URL: 'javascript:alert(1)' })).toThrow(/ACCOUNT_PAGES_LOGO_URL/);
    expect(() => loadConfig({ ...env, ACCOUNT_PAGES: 'maybe' })).toThrow(/ACCOUNT_PAGES/);
    expect(loadConfig({ ...env, ACCOUNT_PAGES_LOGO_URL: '/static/logo.png' }).accountPages.logoUrl).toBe('/static/logo.png');
  });
});

describe('ACCOUNT_PAGES=off', () => {
  let t: PagesApp;
  beforeAll(async () => {
    t = await startPages({ ACCOUNT_PAGES: 'off' });
  });
  afterAll(() => t.close());

  it('leaves the service an API only', async () => {
    expect((await t.app.inject({ url: '/account/' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/account/login' })).statusCode).toBe(404);
    const login = await t.app.inject({ method: 'POST', url: '/account/api/login', payload: {}, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(login.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe("the pages' calls of the API", () => {
  let t: PagesApp;
  beforeAll(async () => {
    t = await startPages({ RATE_LIMIT_PER_IP_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());

  it('count once against the flood guard, and a client cannot mark its own requests as theirs', async () => {
    const login = (headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/account/api/login',
        payload: { email: 'nobody@example.com', password: 'wrong-Password-1' },
        headers: { 'sec-fetch-site': 'same-origin', ...headers },
      });
    for (let i = 0; i < 4; i++) expect((await login()).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(429);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: {},
      headers: { 'x-account-pages-forward': '0'.repeat(32) },
    });
    expect(forged.statusCode).toBe(429);
  });
});
