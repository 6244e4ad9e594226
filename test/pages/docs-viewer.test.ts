import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, desktopEnglish, launch, open } from './browser.js';
import { type PagesApp, startPages } from './harness.js';

/**
 * "Also" of issue 24: /docs had neither a Content-Security-Policy nor frame protection while
 * sharing the account pages' origin. Swagger UI must still work under the policy it now has:
 * no console error, no policy refusal, every operation shown and opened.
 */
describeInBrowser('the /docs viewer in Chromium', () => {
  let t: PagesApp;
  let browser: Browser;
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

  it('works under its Content-Security-Policy: every operation listed and opened, no refusal or console error', async () => {
    const { context, page, errors } = await open(browser, desktopEnglish);
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) refusals.push(m.text());
    });
    const res = await page.goto(`${origin}/docs`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('.opblock-summary').first().waitFor();
    const operations = await page.locator('.opblock-summary').count();
    expect(operations).toBeGreaterThan(30);
    // Open one: its parameters, schemas and the answers' examples are drawn.
    await page.locator('.opblock-summary').filter({ hasText: '/api/v1/login' }).first().click();
    await page.locator('.opblock-body .responses-wrapper').first().waitFor();
    await page.locator('.opblock-body .response-col_status').first().waitFor();
    console.log(`/docs: ${operations} operations shown under the policy`);
    expect(refusals).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is never framed, by another site or by its own origin', async () => {
    // Another site: a server of its own at http://localhost (a site other than 127.0.0.1).
    const other = createServer((_req, res) => res.setHeader('content-type', 'text/html').end(`<iframe src="${origin}/docs"></iframe>`));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const framers = [`http://localhost:${(other.address() as AddressInfo).port}/framer`, `${origin}/framer`];
    for (const framer of framers) {
      const { context, page } = await open(browser, desktopEnglish);
      // The same origin: a page of its own, as a script there could make one; frame-ancestors 'none' refuses it too.
      await page.route(`${origin}/framer`, (route) => route.fulfill({ contentType: 'text/html', body: `<iframe src="${origin}/docs"></iframe>` }));
      const asked = page.waitForRequest(`${origin}/docs`);
      await page.goto(framer);
      await asked;
      // Chromium puts its error page where the refused document would be.
      const framed = () => page.frames().find((f) => f !== page.mainFrame())?.url();
      await expect.poll(framed, { message: framer, timeout: 5000 }).toBe('chrome-error://chromewebdata/');
      await context.close();
    }
    await new Promise((resolve) => other.close(resolve));
  });
});
