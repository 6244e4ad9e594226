import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loggerOptions } from '../../src/logging.js';
import { startApp, testConfig, type TestApp, useFileDatabase } from '../helpers.js';
import { rows } from '../mfa-helpers.js';
import { httpClient } from '../http-client.js';
import { APP_RETURN, arrive, atProvider, browserSignIn, exchange, PAGES_RETURN, pkcePair, type Providers, start, startPath, startProviders } from './harness.js';

useFileDatabase();

/**
 * SECURITY.md, open redirects, CSRF on the callback, mix-up and code injection: the browser
 * flow returns only to a listed URL, each state and result works once for the flow and the
 * caller that made it, and nothing a provider or an attacker writes reaches redirect_to.
 */
describe('attacks on the browser flow', () => {
  let f: Providers;
  let t: TestApp;
  beforeAll(async () => {
    f = await startProviders();
    f.kakao.addUser({ id: 1 });
    f.naver.addUser({ account: 'n' });
  });
  afterAll(async () => f?.close());
  afterEach(async () => t?.close());

  it('refuses a redirect_to that is not exactly a listed URL with 400 and no redirect, keeping no flow', async () => {
    t = await startApp(f.env);
    const { challenge } = pkcePair();
    for (const redirectTo of [
      'https://evil.example/',
      `${APP_RETURN}/../../evil`,
      `${APP_RETURN}?next=https://evil.example`,
      `${APP_RETURN}.evil.example`,
      `${APP_RETURN}#x`,
      APP_RETURN.toUpperCase(),
      '//evil.example/social/done',
      'javascript:alert(1)',
    ]) {
      const res = await t.get(startPath('kakao', { redirect_to: redirectTo, code_challenge: challenge }), { 'accept-language': 'en' });
      expect(res.status, redirectTo).toBe(400);
      expect(res.body).toEqual({ redirect_to: ['This redirect_to is not one of the allowed addresses.'] });
      expect(res.headers.location).toBeUndefined();
    }
    expect(await rows(t, sql`select 1 from oauth_flows`)).toEqual([]);
    // The account pages' own return is always allowed.
    expect((await t.get(startPath('kakao', { redirect_to: PAGES_RETURN, code_challenge: challenge }))).status).toBe(302);
  });

  it('requires an S256 challenge of the caller', async () => {
    t = await startApp(f.env);
    const bad = await t.get(startPath('kakao', { redirect_to: APP_RETURN, code_challenge: 'too-short' }));
    expect(Object.keys(bad.body)).toEqual(['code_challenge']);
    const plain = await t.get(startPath('kakao', { redirect_to: APP_RETURN, code_challenge: pkcePair().challenge, code_challenge_method: 'plain' }));
    expect(Object.keys(plain.body)).toEqual(['code_challenge_method']);
    expect((await t.get(startPath('kakao', { redirect_to: APP_RETURN }))).status).toBe(400);
  });

  it('uses a state once: a replayed callback, a missing or made-up state land on the pages with error=invalid_request', async () => {
    t = await startApp(f.env);
    const { authorize } = await start(t, 'kakao');
    const step = await atProvider(f, 'kakao', authorize);
    expect((await arrive(t, step)).searchParams.has('result')).toBe(true);
    expect((await arrive(t, step)).href).toBe(`${PAGES_RETURN}?error=invalid_request`);
    const bare = new URL(step.url);
    bare.searchParams.delete('state');
    expect((await arrive(t, { method: 'GET', url: bare })).href).toBe(`${PAGES_RETURN}?error=invalid_request`);
    bare.searchParams.set('state', 'made-up');
    expect((await arrive(t, { method: 'GET', url: bare })).href).toBe(`${PAGES_RETURN}?error=invalid_request`);
  });

  it("refuses a Kakao flow's answer arriving at Naver's callback (mix-up), leaving the Kakao flow alone", async () => {
    t = await startApp(f.env);
    const { authorize, verifier } = await start(t, 'kakao');
    const step = await atProvider(f, 'kakao', authorize);
    const misdirected = new URL(step.url.href.replace('/oauth/kakao/callback', '/oauth/naver/callback'));
    expect((await arrive(t, { method: 'GET', url: misdirected })).href).toBe(`${PAGES_RETURN}?error=invalid_request`);
    const back = await arrive(t, step);
    expect((await exchange(t, back.searchParams.get('result'), verifier)).status).toBe(202);
  });

  it("refuses a code injected into another flow's callback: the provider checks that flow's PKCE verifier", async () => {
    t = await startApp(f.env);
    const attacker = await start(t, 'kakao');
    const victim = await start(t, 'kakao');
    const stolen = (await atProvider(f, 'kakao', attacker.authorize)).url;
    const victims = (await atProvider(f, 'kakao', victim.authorize)).url;
    victims.searchParams.set('code', stolen.searchParams.get('code')!);
    expect((await arrive(t, { method: 'GET', url: victims })).href).toBe(`${APP_RETURN}?error=server_error`);
    f.kakao.received.forEach((r) => (r.problems = []));
  });

  it("binds a result to its caller's verifier: a wrong one burns it, and a result works once within 60 s", async () => {
    t = await startApp(f.env);
    const one = await browserSignIn(t, f, 'kakao');
    // Login CSRF: the attacker's result, landed in the victim's browser, meets the victim's verifier.
    const res = await exchange(t, one.result, pkcePair().verifier);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('oauth_result_invalid');
    expect((await exchange(t, one.result, one.verifier)).status).toBe(401);

    const two = await browserSignIn(t, f, 'kakao');
    expect((await exchange(t, two.result, two.verifier)).status).toBe(202);
    expect((await exchange(t, two.result, two.verifier)).status).toBe(401);

    const three = await browserSignIn(t, f, 'kakao');
    await t.database.db.execute(sql`update oauth_flows set result_expires_at = now() - interval '1 second'`);
    expect((await exchange(t, three.result, three.verifier)).status).toBe(401);
  });

  it("passes no provider text on: an error with a description lands as error= alone", async () => {
    t = await startApp(f.env);
    const { authorize } = await start(t, 'naver');
    const step = await atProvider(f, 'naver', authorize);
    const evil = new URL(`${step.url.origin}${step.url.pathname}`);
    evil.searchParams.set('state', step.url.searchParams.get('state')!);
    evil.searchParams.set('error', 'invalid_scope');
    evil.searchParams.set('error_description', '<script>alert(1)</script>');
    expect((await arrive(t, { method: 'GET', url: evil })).href).toBe(`${APP_RETURN}?error=server_error`);
  });

  it("logs the callback's and the pages' URLs without their code, state or result", async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const config = testConfig({ ...f.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    t = await startApp(f.env);
    const app = await buildApp({ config, database: t.database, logger: { ...((await loggerOptions(config)) as object), stream } as never });
    try {
      await app.ready();
      const h = httpClient(app);
      const startRes = await h.get(startPath('kakao', { redirect_to: APP_RETURN, code_challenge: pkcePair().challenge }));
      const step = await atProvider(f, 'kakao', new URL(String(startRes.headers.location)));
      await h.get(`${step.url.pathname}${step.url.search}`);
      await h.request({ method: 'GET', url: '/account/social?result=secret-result' });
      const code = step.url.searchParams.get('code')!;
      const state = step.url.searchParams.get('state')!;
      expect(lines.join('')).toContain('/api/v1/oauth/kakao/callback?…');
      for (const secret of [code, state, 'secret-result']) expect(lines.join('')).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
