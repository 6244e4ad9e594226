import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Providers, startProviders } from '../social/harness.js';
import { describeInBrowser, desktopEnglish, expectAccessible, launch, phoneKorean, screenshot, type Visitor } from './browser.js';
import { e164, type PagesApp, startPages } from './harness.js';

/** A port nothing listens on yet: the service's PUBLIC_URL (and the providers' redirect URIs) must name it before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Social sign-up and sign-in through the account pages in Chromium: a real OpenID issuer
 * (oidc-provider, its login form), Kakao's fake (which consents at once) and Apple's (whose
 * page posts a form across sites to the API's callback). The pages' Content-Security-Policy
 * must hold on every page of this service: each console error on it fails the test.
 */
describeInBrowser('social login in the account pages', () => {
  let browser: Browser;
  let f: Providers;
  let t: PagesApp;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    f = await startProviders({ publicUrl: origin, oidcAccounts: { alice: { email: 'alice@corp.example', emailVerified: true, name: 'Alice Corp' } } });
    t = await startPages(f.env);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await f?.close();
  });

  async function visit(visitor: Visitor) {
    const context = await browser.newContext({ locale: visitor.locale, viewport: visitor.viewport, isMobile: visitor.mobile, hasTouch: visitor.mobile });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const errors: string[] = [];
    // The providers' own pages (oidc-provider's login form asks for a web font offline) are not this service's.
    page.on('console', (m) => {
      if (m.type() !== 'error' || !m.location().url.startsWith(origin)) return;
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
      errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    return { context, page, errors };
  }

  /** The phone step of a new identity, with the key the recording SMS provider caught. */
  async function verifyPhone(page: Page, phone: string, w: { phone: string; send: string; code: string; verify: string }) {
    await page.getByLabel(w.phone, { exact: true }).fill(phone);
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.getByLabel(w.code, { exact: true }).waitFor();
    await page.getByLabel(w.code, { exact: true }).fill(t.sms.lastKey(e164(phone)));
    await page.getByRole('button', { name: w.verify, exact: true }).click();
  }

  describe('with an OpenID issuer, in English', () => {
    const w = { phone: 'Phone number', send: 'Send code', code: 'Verification code', verify: 'Verify' };
    let page: Page;
    let errors: string[];
    beforeAll(async () => {
      ({ page, errors } = await visit(desktopEnglish));
    });
    afterEach(() => expect(errors, 'console errors on the pages, CSP refusals among them').toEqual([]));

    it("signs up: the issuer's login form, back to the pages, the phone step, and signed in", async () => {
      await page.goto(`${origin}/account/login`);
      await page.getByRole('button', { name: 'Sign in with Example SSO', exact: true }).click();
      await page.locator('input[name="login"]').fill('alice');
      await page.locator('input[name="password"]').fill('anything');
      await page.locator('button[type="submit"]').click();
      await page.getByRole('heading', { level: 1, name: 'Finish signing up' }).waitFor();
      expect(new URL(page.url()).search).toBe('');
      await verifyPhone(page, '010-2100-0001', w);
      expect(await page.getByLabel(/^Email/).inputValue()).toBe('alice@corp.example');
      expect(await page.getByLabel(/^Name/).inputValue()).toBe('Alice Corp');
      await expectAccessible(page, 'social sign-up');
      await screenshot(page, desktopEnglish, 'social-signup');
      await page.getByRole('button', { name: 'Finish', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
      await page.getByText('alice@corp.example').first().waitFor();
    });

    it('signs in again directly, and lists and unlinks the identity in the security settings', async () => {
      await page.getByRole('button', { name: 'Log out', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
      // The issuer remembers its own session: no form this time.
      await page.getByRole('button', { name: 'Sign in with Example SSO', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
      await page.goto(`${origin}/account/security`);
      const linked = page.getByRole('region', { name: 'Linked accounts' });
      await linked.getByText('Example SSO').waitFor();
      await linked.getByText('alice@corp.example').waitFor();
      await expectAccessible(page, 'linked accounts');
      await linked.getByRole('button', { name: 'Unlink Example SSO' }).click();
      await linked.getByText('Example SSO was unlinked.').waitFor();
      await linked.getByText('No social account is linked.').waitFor();
    });
  });

  describe('with Kakao and Apple, in Korean on a phone', () => {
    const w = { phone: '휴대전화 번호', send: '인증번호 받기', code: '인증번호', verify: '확인' };
    let page: Page;
    let errors: string[];
    beforeAll(async () => {
      ({ page, errors } = await visit(phoneKorean));
    });
    afterEach(() => expect(errors, 'console errors on the pages, CSP refusals among them').toEqual([]));

    it('draws each configured provider\'s button in its brand colours', async () => {
      await page.goto(`${origin}/account/login`);
      // Run in the page, where getComputedStyle is the browser's.
      const colour = (name: string) =>
        page.getByRole('button', { name, exact: true }).evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(b).backgroundColor);
      expect(await colour('카카오 로그인')).toBe('rgb(254, 229, 0)');
      expect(await colour('네이버 로그인')).toBe('rgb(3, 199, 90)');
      expect(await colour('Apple로 로그인')).toBe('rgb(0, 0, 0)');
      expect(await colour('Google 계정으로 로그인')).toBe('rgb(255, 255, 255)');
      await expectAccessible(page, 'login with social buttons');
      await screenshot(page, phoneKorean, 'social-login');
    });

    it('signs up with Kakao through the phone step, then signs in with one tap', async () => {
      f.kakao.signInAs(f.kakao.addUser({ id: 777, nickname: '카카오친구' }));
      await page.getByRole('button', { name: '카카오 로그인', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '가입 마무리' }).waitFor();
      await verifyPhone(page, '010-2200-0001', w);
      expect(await page.getByLabel(/^닉네임/).inputValue()).toBe('카카오친구');
      await page.getByLabel(/^이메일/).fill('friend@example.com');
      await page.getByRole('button', { name: '완료', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '프로필' }).waitFor();
      await page.getByRole('button', { name: '로그아웃', exact: true }).click();
      await page.getByRole('button', { name: '카카오 로그인', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '프로필' }).waitFor();
      await page.getByText('friend@example.com').first().waitFor();
      expect(f.kakao.problems()).toEqual([]);
    });

    it("takes Apple's cross-site form post at the API's callback and prefills the name Apple sends once", async () => {
      await page.getByRole('button', { name: '로그아웃', exact: true }).click();
      f.apple.signInAs(f.apple.addUser({ sub: '001.browser', email: 'relay@privaterelay.appleid.com', firstName: '민수', lastName: '최' }));
      await page.getByRole('button', { name: 'Apple로 로그인', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '가입 마무리' }).waitFor();
      await verifyPhone(page, '010-2200-0002', w);
      expect(await page.getByLabel(/^이름/).inputValue()).toBe('최민수');
      expect(await page.getByLabel(/^이메일/).inputValue()).toBe('relay@privaterelay.appleid.com');
      expect(f.apple.problems()).toEqual([]);
    });
  });
});
