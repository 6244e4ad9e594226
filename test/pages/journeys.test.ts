import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, sleep, useFileDatabase } from '../helpers.js';
import {
  describeInBrowser,
  desktopEnglish,
  desktopKorean,
  expectAccessible,
  launch,
  open,
  phoneKorean,
  screenshot,
  totp,
  type Visitor,
} from './browser.js';
import { e164, type PagesApp, startPages } from './harness.js';
import { words } from './words.js';

useFileDatabase();

// Long enough that a busy machine still sees the wait on screen; the tests then end it in the database.
const COOLDOWN_SECONDS = 6;
const NEW_PASSWORD = 'amber-Lantern-77';

describeInBrowser('the account pages, used as a person would', () => {
  let browser: Browser;
  let t: PagesApp;
  let origin: string;

  beforeAll(async () => {
    t = await startPages({ OTP_RESEND_COOLDOWN_SECONDS: String(COOLDOWN_SECONDS) });
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const people = [
    { visitor: phoneKorean, lang: 'ko', email: 'minji@example.com', phone: '010-2000-0001', newPhone: '010-2000-0002', name: '김민지' },
    { visitor: desktopEnglish, lang: 'en', email: 'alex@example.com', phone: '010-3000-0001', newPhone: '010-3000-0002', name: 'Alex Kim' },
  ] as const;

  // In a new browser context each time, so nothing is cached. The best of three loads is judged, so
  // a moment when the shared machine's two cores are busy elsewhere does not count as the pages' slowness.
  it('render their first page in under a second, on a phone and on a desktop', async () => {
    for (const visitor of [phoneKorean, desktopEnglish]) {
      const paints: number[] = [];
      for (let attempt = 0; attempt < 3 && !(Math.min(...paints) < 1000); attempt++) {
        const { context, page } = await open(browser, visitor);
        await page.goto(`${origin}/account/login`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        // The browser's own clock: from the start of the navigation to the first paint with content.
        paints.push(Number(await page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity")));
        await context.close();
      }
      console.log(`${visitor.name}: first contentful paint of /account/login after ${paints.map(Math.round).join(', ')} ms`);
      expect(Math.min(...paints)).toBeLessThan(1000);
    }
  });

  for (const person of people) {
    describe(`in ${person.lang === 'ko' ? 'Korean on a phone' : 'English on a desktop'}`, () => {
      const w = words[person.lang];
      const visitor: Visitor = person.visitor;
      let page: Page;
      let errors: string[];

      beforeAll(async () => {
        ({ page, errors } = await open(browser, visitor));
      });
      afterEach(() => {
        expect(errors, 'console errors, Content-Security-Policy refusals among them').toEqual([]);
      });

      const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
      const label = (text: string | RegExp) => page.getByLabel(text, typeof text === 'string' ? { exact: true } : {});
      const shown = (text: string | RegExp) => page.getByText(text).first().waitFor();
      const keyFor = (phone: string) => t.sms.lastKey(e164(phone));
      /**
       * Ends the resend cooldown of a phone that was just sent a key, as waiting it out would:
       * the service counts it from the newest key's created_at, so its keys are made that much older.
       */
      const cooldown = async (phone: string) => {
        await t.database.db.execute(
          sql`update phone_verifications set created_at = created_at - make_interval(secs => ${COOLDOWN_SECONDS}) where phone_number = ${e164(phone)}`,
        );
      };
      const look = async (name: string) => {
        await expectAccessible(page, `${visitor.name} ${name}`);
        await screenshot(page, visitor, name);
      };
      const apiLogin = (body: object) =>
        fetch(`${origin}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      it('signs up with a phone verified by the key from the SMS', async () => {
        await page.goto(`${origin}/account/signup`);
        await heading(w.signupTitle).waitFor();
        expect(await page.getAttribute('html', 'lang')).toBe(person.lang);
        await look('01-signup');

        await label(w.phone).fill(person.phone);
        // The request is held back a little, so the button's progress state can be seen.
        await page.route('**/api/v1/phone-verify', async (route) => {
          await sleep(400);
          await route.continue();
        });
        await button(w.sendCode).click();
        await page.locator('button[aria-busy="true"]', { hasText: w.sendCode }).waitFor();
        await shown(w.expiresIn);
        await page.unroute('**/api/v1/phone-verify');
        await shown(w.resendIn);
        expect(await button(w.resendCode).isDisabled()).toBe(true);
        await look('02-signup-code');

        await label(w.code).fill(keyFor(person.phone));
        await button(w.verify).click();
        await label(w.email).fill(person.email);
        await label(w.password).fill(PASSWORD);
        await label(w.name).fill(person.name);
        await label(w.nickname).fill('first');
        await look('03-signup-account');
        expect(await button(w.resendCode).count()).toBe(0);
        await button(w.signUp).click();

        await heading(w.profile).waitFor();
        await shown(person.email);
        expect(await label(w.name).inputValue()).toBe(person.name);
      });

      it('edits the profile, and stays signed in across a reload (the cookie, not the page, holds the session)', async () => {
        await label(w.nickname).fill(`${person.name} 2`);
        await button(w.save).click();
        await shown(w.saved);
        await page.reload();
        await heading(w.profile).waitFor();
        expect(await label(w.nickname).inputValue()).toBe(`${person.name} 2`);
        const cookies = await page.context().cookies();
        // Chromium keeps the __Host- cookie, Secure, on http://127.0.0.1: loopback is a secure context.
        expect(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite, c.path, c.domain])).toEqual([
          ['__Host-account_refresh', true, true, 'Strict', '/', '127.0.0.1'],
        ]);
        expect(await page.evaluate('document.cookie')).toBe('');
        await look('04-profile');
      });

      it('logs out, is refused a wrong password with the API message, and logs in by keyboard', async () => {
        await button(w.logOut).click();
        await heading(w.loginTitle).waitFor();
        await look('05-login');

        await page.getByRole('link', { name: w.forgot }).click();
        await heading(w.resetTitle).waitFor();
        await look('06-reset');
        await page.goBack();
        await heading(w.loginTitle).waitFor();

        await label(w.identifier).fill(person.email);
        await label(w.password).fill('not-my-password');
        await button(w.logIn).click();
        await page.getByRole('alert').filter({ hasText: w.badLogin }).waitFor();
        await look('07-login-refused');

        await label(w.identifier).fill('');
        await label(w.identifier).focus();
        await page.keyboard.type(person.email);
        await page.keyboard.press('Tab');
        // Focus moves in an effect after the refusal renders: wait for it rather than read it at once.
        await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('login-password');
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(PASSWORD);
        await page.keyboard.press('Enter');
        await heading(w.profile).waitFor();
      });

      it('logs in with an SMS key', async () => {
        await button(w.logOut).click();
        await heading(w.loginTitle).waitFor();
        await label(w.withSms).check();
        await label(w.phone).fill(person.phone);
        await cooldown(person.phone);
        await button(w.sendCode).click();
        await shown(w.expiresIn);
        await label(w.code).fill(keyFor(person.phone));
        await look('08-login-sms');
        await button(w.logIn).click();
        await heading(w.profile).waitFor();
      });

      it('changes the password, showing a wrong current one beside its field', async () => {
        await nav(w.passwordNav).click();
        await heading(w.passwordNav).waitFor();
        await label(w.currentPassword).fill('not-my-password');
        await label(w.newPassword).fill(NEW_PASSWORD);
        await button(w.changePassword).click();
        const error = page.locator('#password-current-error');
        await error.waitFor();
        expect(await error.textContent()).toBe(w.wrongPassword);
        const field = label(w.currentPassword);
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        expect(await field.getAttribute('aria-describedby')).toContain('password-current-error');
        await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('password-current');
        await look('09-password-refused');

        await field.fill(PASSWORD);
        await button(w.changePassword).click();
        await shown(w.passwordChanged);
      });

      it('changes the phone number: the new one verified, then the password to prove it is them', async () => {
        await nav(w.phoneNav).click();
        await heading(w.phoneNav).waitFor();
        await label(w.phone).fill(person.newPhone);
        await button(w.sendCode).click();
        await shown(w.expiresIn);
        await label(w.code).fill(keyFor(person.newPhone));
        await button(w.verify).click();
        await label(w.password).fill(NEW_PASSWORD);
        await look('10-phone');
        await button(w.changePhone).click();
        await shown(w.phoneChanged);
        expect(await page.getByText(w.phoneChanged).textContent()).toContain(person.newPhone);
      });

      it('sees its sessions and ends another one', async ({ skip }) => {
        skip(!t.app.hasRoute({ method: 'GET', url: '/api/v1/users/me/sessions' }), 'waits for GET /api/v1/users/me/sessions (issue 17)');
        const other = (await (await apiLogin({ email: person.email, password: NEW_PASSWORD })).json()) as { refresh_token: string };
        await nav(w.sessionsNav).click();
        await heading(w.sessionsNav).waitFor();
        const items = page.locator('ul.sessions > li');
        await items.nth(1).waitFor();
        expect(await items.count()).toBe(2);
        await shown(w.thisDevice);
        await look('11-sessions');
        await button(w.endSession).click();
        // A locator, not waitForFunction: polling a string predicate is an eval, which the pages' CSP refuses.
        await items.nth(1).waitFor({ state: 'detached' });
        expect(await items.count()).toBe(1);
        const refreshed = await fetch(`${origin}/api/v1/login/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refresh: other.refresh_token }),
        });
        expect(refreshed.status).toBe(401);
      });

      it('sets up an authenticator app from the QR code, logs in with it, and turns it off', async ({ skip }) => {
        skip(!t.app.hasRoute({ method: 'POST', url: '/api/v1/users/me/mfa/totp' }), 'waits for POST /api/v1/users/me/mfa/totp (issue 17)');
        await nav(w.securityNav).click();
        await heading(w.securityNav).waitFor();
        await label(w.password).fill(NEW_PASSWORD);
        await button(w.setUp).click();
        await page.getByRole('img', { name: w.qrAlt }).waitFor();
        const secret = (await page.locator('.secret code').textContent())!;
        await label(w.authCode).first().fill(totp(secret));
        await look('12-totp-setup');
        await button(w.verify).click();
        const codes = page.locator('ul.codes code');
        await codes.nth(9).waitFor();
        const recovery = await codes.allTextContents();
        await look('13-totp-recovery');
        await button(w.done).click();

        await button(w.logOut).click();
        await label(w.identifier).fill(person.email);
        await label(w.password).fill(NEW_PASSWORD);
        await button(w.logIn).click();
        await heading(w.mfaTitle).waitFor();
        await look('14-login-second-factor');
        // The code of the next 30-second step: the one used to confirm may not be used twice.
        await label(w.authCode).fill(totp(secret, 1));
        await button(w.verify).click();
        await heading(w.profile).waitFor();

        await nav(w.securityNav).click();
        await page.locator('#totp-off-code').fill(recovery[0]!);
        await button(w.turnOff).click();
        await shown(w.mfaOff);
      });

      it('withdraws, after which the account cannot log in', async () => {
        await nav(w.deleteNav).click();
        await heading(w.deleteNav).waitFor();
        await label(w.password).fill(NEW_PASSWORD);
        await button(w.deleteAccount).click();
        // Not yet: the box saying it cannot be undone is unticked, and is named as the problem.
        expect(await page.getByLabel(w.understand).getAttribute('aria-invalid')).toBe('true');
        await look('15-delete');
        await page.getByLabel(w.understand).check();
        // A phone token gone stale is a 401 too, but the form's problem: the session goes on.
        const stale = JSON.stringify({ token: 'f'.repeat(32) });
        await page.route('**/api/v1/users/me', (route) => route.continue(route.request().method() === 'DELETE' ? { postData: stale } : {}));
        await button(w.deleteAccount).click();
        await page.getByRole('alert').filter({ hasText: w.staleToken }).waitFor();
        await page.unroute('**/api/v1/users/me');
        expect(await heading(w.deleteNav).count()).toBe(1);
        await button(w.deleteAccount).click();
        await heading(w.deletedTitle).waitFor();
        await look('16-deleted');
        expect((await apiLogin({ email: person.email, password: NEW_PASSWORD })).status).toBe(401);
        expect(await page.context().cookies()).toEqual([]);
      });
    });
  }

  it('switches the language with the link in the header, keeping it while moving between pages', async () => {
    const { page, errors } = await open(browser, desktopKorean);
    await page.goto(`${origin}/account/login`);
    await page.getByRole('heading', { level: 1, name: words.ko.loginTitle, exact: true }).waitFor();
    await expectAccessible(page, 'ko-desktop login');
    await screenshot(page, desktopKorean, '01-login');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: words.en.loginTitle, exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: words.en.signUp, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: words.en.signupTitle, exact: true }).waitFor();
    expect(page.url()).toBe(`${origin}/account/signup?lang=en`);
    await page.getByLabel(words.en.phone, { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
