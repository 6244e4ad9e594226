import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers.js';
import { describeInBrowser, desktopEnglish, expectAccessible, launch, open, phoneKorean, screenshot, totp, type Visitor } from './browser.js';
import { e164, type PagesApp, startPages } from './harness.js';
import { words } from './words.js';

/** The passkey words of the pages, as a person reads them. */
const passkeyWords = {
  ko: {
    offer: '다음에는 더 빠르게 로그인하세요',
    addPasskey: '패스키 추가',
    added: '패스키가 추가되었습니다. 다음부터 패스키로 로그인하세요.',
    signIn: '패스키로 로그인',
    instead: '패스키로 인증',
    section: '패스키',
    synced: '동기화됨',
    continue: '계속',
    alreadyHere: '이 기기에는 이미 이 계정의 패스키가 있습니다.',
    rename: (name: string) => `${name} 이름 변경`,
    remove: (name: string) => `${name} 삭제`,
    nameLabel: '패스키 이름',
    removed: '패스키가 삭제되었습니다.',
    none: '아직 패스키가 없습니다.',
    refused: '패스키를 확인할 수 없습니다. 다시 시도해주세요.',
    defaultName: /^패스키 \d{4}-\d\d-\d\d$/,
  },
  en: {
    offer: 'Sign in faster next time',
    addPasskey: 'Add a passkey',
    added: 'Your passkey was added. Next time, sign in with it.',
    signIn: 'Sign in with a passkey',
    instead: 'Use a passkey instead',
    section: 'Passkeys',
    synced: 'Synced',
    continue: 'Continue',
    alreadyHere: 'This device already holds a passkey for your account.',
    rename: (name: string) => `Rename ${name}`,
    remove: (name: string) => `Remove ${name}`,
    nameLabel: 'Passkey name',
    removed: 'The passkey was removed.',
    none: 'You have no passkey yet.',
    refused: 'The passkey could not be verified. Please try again.',
    defaultName: /^Passkey \d{4}-\d\d-\d\d$/,
  },
};

/** A port free now, so the service can be configured with the origin it will listen at. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A platform authenticator in the page's browser (Chromium's DevTools `WebAuthn` domain):
 * user verification done, and, with presence simulated, every request answered at once.
 */
async function virtualAuthenticator(context: BrowserContext, page: Page, synced: boolean) {
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      defaultBackupEligibility: synced,
      defaultBackupState: synced,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    presence: (enabled: boolean) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
  };
}

// WebAuthn needs a secure context and a domain as RP ID: http://localhost is both, 127.0.0.1 neither.
describeInBrowser('passkeys on the account pages, with Chromium\'s virtual authenticator', () => {
  let browser: Browser;
  let t: PagesApp;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    t = await startPages({ PUBLIC_URL: origin });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const people = [
    { visitor: phoneKorean, lang: 'ko', email: 'sora@example.com', phone: '010-4000-0001', synced: true },
    { visitor: desktopEnglish, lang: 'en', email: 'jamie@example.com', phone: '010-5000-0001', synced: false },
  ] as const;

  for (const person of people) {
    describe(`in ${person.lang === 'ko' ? 'Korean on a phone' : 'English on a desktop'}`, () => {
      const w = words[person.lang];
      const p = passkeyWords[person.lang];
      const visitor: Visitor = person.visitor;
      let context: BrowserContext;
      let page: Page;
      let errors: string[];
      let authenticator: Awaited<ReturnType<typeof virtualAuthenticator>>;

      beforeAll(async () => {
        ({ context, page, errors } = await open(browser, visitor));
        authenticator = await virtualAuthenticator(context, page, person.synced);
      });
      afterAll(async () => context?.close());
      afterEach(() => {
        expect(errors, 'console errors, Content-Security-Policy refusals among them').toEqual([]);
      });

      const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      const label = (text: string | RegExp) => page.getByLabel(text, typeof text === 'string' ? { exact: true } : {});
      const shown = (text: string | RegExp) => page.getByText(text).first().waitFor();
      const look = async (name: string) => {
        await expectAccessible(page, `${visitor.name} ${name}`);
        await screenshot(page, visitor, `passkey-${name}`);
      };
      /**
       * Logs out with presence off, and waits until the login form's autofill request is
       * pending: only then may presence come back on, or that request would answer at once.
       */
      const logOutToLoginForm = async () => {
        await authenticator.presence(false);
        const offered = page.waitForResponse('**/account/api/login/passkey/options');
        await button(w.logOut).click();
        await heading(w.loginTitle).waitFor();
        await offered;
        await page.waitForTimeout(200);
      };
      const sessionsOpened = async () => {
        const result = await t.database.db.execute(sql`select count(*)::integer as n from events where type = 'session.created'`);
        return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
      };
      const lastSessionMethod = async () => {
        const result = await t.database.db.execute(sql`select data->>'method' as method from events where type = 'session.created' order by seq desc limit 1`);
        return (result as unknown as { rows: { method: string }[] }).rows[0]?.method;
      };

      it('signs up, and adds the passkey the first page offers', async () => {
        await page.goto(`${origin}/account/signup`);
        await label(w.phone).fill(person.phone);
        await button(w.sendCode).click();
        await shown(w.expiresIn);
        await label(w.code).fill(t.sms.lastKey(e164(person.phone)));
        await button(w.verify).click();
        await label(w.email).fill(person.email);
        await label(w.password).fill(PASSWORD);
        await button(w.signUp).click();
        await heading(w.profile).waitFor();
        await page.getByRole('region', { name: p.offer }).waitFor();
        await look('01-offer');

        await button(p.addPasskey).click();
        await shown(p.added);
        const [credential] = await authenticator.credentials();
        expect(credential).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
        expect(await authenticator.credentials()).toHaveLength(1);
        await look('02-added');
      });

      it('logs out, and is signed in by the passkey the browser offers in the login form', async () => {
        // Presence simulated: the browser's passkey autofill answers as soon as the login form asks.
        const before = await sessionsOpened();
        await button(w.logOut).click();
        await expect.poll(sessionsOpened, { timeout: 10_000 }).toBe(before + 1);
        await heading(w.profile).waitFor();
        expect(await lastSessionMethod()).toBe('passkey');
        expect(page.url()).toBe(`${origin}/account/profile`);
      });

      it('signs in with the "Sign in with a passkey" button', async () => {
        // No presence: the form's autofill request waits for a pick that never comes; the button's ceremony replaces it.
        await logOutToLoginForm();
        expect(await page.getAttribute('#login-identifier', 'autocomplete')).toBe('username webauthn');
        await look('03-login-button');
        await authenticator.presence(true);
        await button(p.signIn).click();
        await heading(w.profile).waitFor();
        expect(await lastSessionMethod()).toBe('passkey');
      });

      it('answers the second step with the passkey after the password, once an authenticator app is on', async () => {
        const call = async (path: string, body: object, token?: string) => {
          const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
          return (await fetch(`${origin}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json() as Promise<Record<string, string>>;
        };
        // The authenticator app, set up through the API as the security page would.
        const { access_token } = await call('/login', { email: person.email, password: PASSWORD });
        const { secret } = await call('/users/me/mfa/totp', { password: PASSWORD }, access_token);
        expect(await call('/users/me/mfa/totp/confirm', { code: totp(secret!) }, access_token)).toHaveProperty('recovery_codes');

        await logOutToLoginForm();
        await label(w.identifier).fill(person.email);
        await label(w.password).fill(PASSWORD);
        await button(w.logIn).click();
        await heading(w.mfaTitle).waitFor();
        await look('03-second-step');
        await authenticator.presence(true);
        await button(p.instead).click();
        await heading(w.profile).waitFor();
        expect(await lastSessionMethod()).toBe('mfa');
      });

      it('lists the passkey in security settings, refuses a second one on the same device, renames and removes it', async () => {
        await page.getByRole('navigation').getByRole('link', { name: w.securityNav, exact: true }).click();
        await page.getByRole('heading', { level: 2, name: p.section, exact: true }).waitFor();
        const item = page.locator('ul.passkeys > li');
        await item.first().waitFor();
        const name = (await item.first().locator('strong').textContent())!;
        expect(name).toMatch(p.defaultName);
        expect(await item.first().getByText(p.synced).count()).toBe(person.synced ? 1 : 0);

        await button(p.addPasskey).click();
        await label(w.password).first().fill(PASSWORD);
        await look('04-security');
        await button(p.continue).click();
        await page.getByRole('alert').filter({ hasText: p.alreadyHere }).waitFor();
        expect(await item.count()).toBe(1);

        await button(p.rename(name)).click();
        await label(p.nameLabel).fill(person.lang === 'ko' ? '내 휴대폰' : 'My laptop');
        await button(w.save).click();
        const renamed = person.lang === 'ko' ? '내 휴대폰' : 'My laptop';
        await item.first().locator('strong', { hasText: renamed }).waitFor();
        await look('05-renamed');
        await button(p.remove(renamed)).click();
        await shown(p.removed);
        await shown(p.none);
        expect(await item.count()).toBe(0);
      });

      it('is refused a passkey the account no longer has, with the service\'s words', async () => {
        await logOutToLoginForm();
        await authenticator.presence(true);
        await button(p.signIn).click();
        await page.getByRole('alert').filter({ hasText: p.refused }).waitFor();
        await look('06-refused');
        expect(await heading(w.loginTitle).count()).toBe(1);
      });
    });
  }
});
