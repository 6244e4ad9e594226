import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';

/** Debian's `chromium` package; `.ci/run` installs it. */
export const CHROMIUM = '/usr/bin/chromium';
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const present = existsSync(CHROMIUM);

if (!present && !inCi) {
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium); with CI=true they fail instead`);
}

/** A describe that needs Chromium: skipped without it on a developer's machine, failing without it in CI. */
export const describeInBrowser = present || inCi ? describe : describe.skip;

export async function launch(): Promise<Browser> {
  if (!present) throw new Error(`CI is set but ${CHROMIUM} is missing: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Visitor {
  name: string;
  locale: string;
  viewport: { width: number; height: number };
  mobile: boolean;
}

export const phoneKorean: Visitor = { name: 'ko-phone', locale: 'ko-KR', viewport: { width: 390, height: 844 }, mobile: true };
export const desktopEnglish: Visitor = { name: 'en-desktop', locale: 'en-US', viewport: { width: 1280, height: 860 }, mobile: false };
export const desktopKorean: Visitor = { ...desktopEnglish, name: 'ko-desktop', locale: 'ko-KR' };
/** A Korean browser on a phone whose user chose English with ?lang=en. */
export const phoneEnglishByChoice: Visitor = { ...phoneKorean, name: 'en-phone' };

/**
 * A browser context as a person would have one: their language (Accept-Language) and
 * screen. Every console error fails the test, a Content-Security-Policy refusal included;
 * only the failed-request lines of answers the pages expect (401 when signed out, 4xx on a
 * refused form) are let through.
 */
export async function open(browser: Browser, visitor: Visitor): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: visitor.locale,
    viewport: visitor.viewport,
    isMobile: visitor.mobile,
    hasTouch: visitor.mobile,
  });
  // A failure still shows well within a test's minute, while Chromium, which shares the cores
  // with another file's tests (vitest.config.ts), gets time to draw: CI's two busy cores once
  // took more than 10 s to show a QR code.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors };
}

const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** A full-page screenshot into test-results/screenshots (git-ignored), to look at. */
export async function screenshot(page: Page, visitor: Visitor, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${visitor.name}-${name}.png`), fullPage: true });
}

/** axe-core on the page as it is: no serious or critical violation of WCAG 2.1 A/AA or best practice. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // Through DevTools, which the page's Content-Security-Policy does not govern; a reload drops it.
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(axe.source);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as { id: string; impact: string; nodes: string[] }[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${where}: ${JSON.stringify(bad)}`).toEqual([]);
}

/** The current RFC 6238 code of a base32 secret (SHA-1, 6 digits, 30 s), `steps` steps from now. */
export function totp(secret: string, steps = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
