import { afterEach, describe, expect, it } from 'vitest';
import { type Answer, type FakeProvider, json, type Received, refusedBaseUrl, startFake } from './fake-provider.js';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * CAPTCHA for POST /phone-verify (issue 18), checked against a local siteverify that
 * checks what it receives as Turnstile, hCaptcha and reCAPTCHA document it: a POST,
 * form-encoded, of `secret`, `response` and `remoteip`, answered with
 * `{"success", "error-codes", …}`.
 */
let t: TestApp;
let fake: FakeProvider | undefined;
afterEach(async () => {
  await t?.close();
  await fake?.close();
  fake = undefined;
});

const SECRET = '0x4AAAAAAAtest-secret';
const GOOD = 'XXXX.DUMMY.TOKEN.XXXX';
const IP = '203.0.113.9';
/** Where the widget is served (the hostname siteverify names below) and its site key. */
const SITE = { CAPTCHA_HOSTNAMES: 'example.com', CAPTCHA_SITE_KEY: '1x00000000000000000000AA' };

/** What siteverify would object to in the request itself; empty when it is as documented. */
function problems(r: Received): string[] {
  const p: string[] = [];
  if (r.method !== 'POST') p.push(`method ${r.method}`);
  if (r.url !== '/siteverify') p.push(`path ${r.url}`);
  if (!/^application\/x-www-form-urlencoded\b/.test(r.headers['content-type'] ?? '')) p.push(`content-type ${r.headers['content-type']}`);
  const form = [...new URLSearchParams(r.body).entries()];
  const expected = [['secret', SECRET], ['response', form.find(([k]) => k === 'response')?.[1] ?? ''], ['remoteip', IP]];
  if (JSON.stringify(form) !== JSON.stringify(expected)) p.push(`form ${JSON.stringify(form)}`);
  return p;
}

/** A siteverify that answers as the providers do: success for GOOD, the token's error code otherwise. */
function siteverify(r: Received): Answer {
  const wrong = problems(r);
  if (wrong.length) return json(400, { success: false, 'error-codes': ['bad-request'], wrong });
  const token = new URLSearchParams(r.body).get('response');
  if (token === GOOD) return json(200, { success: true, challenge_ts: '2026-12-01T12:00:00Z', hostname: 'example.com', 'error-codes': [] });
  if (token === 'used') return json(200, { success: false, 'error-codes': ['timeout-or-duplicate'] });
  return json(200, { success: false, 'error-codes': ['invalid-input-response'] });
}

async function withCaptcha(provider: string, answer: (r: Received) => Answer = siteverify, env: Record<string, string> = {}) {
  fake = await startFake(answer);
  t = await startApp({ CAPTCHA_PROVIDER: provider, CAPTCHA_SECRET: SECRET, CAPTCHA_VERIFY_URL: `${fake.baseUrl}/siteverify`, ...SITE, ...env });
  return fake;
}

const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/v1/phone-verify', payload: { phone_number: '010-1234-5678', ...body }, remoteAddress: IP, headers });

describe.each(['turnstile', 'hcaptcha', 'recaptcha'])('CAPTCHA_PROVIDER=%s', (provider) => {
  it('sends the key once siteverify passed the token, having been asked as documented', async () => {
    const sv = await withCaptcha(provider);
    expect((await send({ captcha_token: GOOD })).status).toBe(201);
    expect(sv.received).toHaveLength(1);
    expect(problems(sv.received[0]!)).toEqual([]);
    expect(new URLSearchParams(sv.received[0]!.body).get('response')).toBe(GOOD);
    expect(t.sms.sent).toHaveLength(1);
  });

  it('answers 400 on captcha_token without one, asking nobody and sending nothing', async () => {
    const sv = await withCaptcha(provider);
    const res = await send({}, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ captcha_token: ['Complete the CAPTCHA.'] });
    expect(sv.received).toHaveLength(0);
    expect(t.sms.sent).toHaveLength(0);
  });

  it('answers 400 on captcha_token for a token siteverify refused or had seen before', async () => {
    await withCaptcha(provider);
    for (const captcha_token of ['forged', 'used']) {
      const res = await send({ captcha_token });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ captcha_token: ['CAPTCHA 확인에 실패했습니다. 다시 시도해주세요.'] });
    }
    expect(t.sms.sent).toHaveLength(0);
  });
});

describe('a CAPTCHA provider that cannot give a verdict', () => {
  const down: [string, (r: Received) => Answer, Record<string, string>?][] = [
    ['answers HTTP 500', () => ({ status: 500, body: 'Internal Server Error', contentType: 'text/plain' })],
    ['answers an HTML page with 200', () => ({ status: 200, body: '<html>maintenance</html>', contentType: 'text/html' })],
    ['answers JSON without success', () => json(200, { ok: true })],
    ['refuses our secret', () => json(200, { success: false, 'error-codes': ['invalid-input-secret'] })],
    ['reports its own internal error', () => json(200, { success: false, 'error-codes': ['internal-error'] })],
    ['does not answer within CAPTCHA_TIMEOUT_MS', () => undefined, { CAPTCHA_TIMEOUT_MS: '200' }],
  ];

  it.each(down)('is a 503, never a pass, when it %s', async (_, answer, env) => {
    await withCaptcha('turnstile', answer, env);
    const res = await send({ captcha_token: GOOD });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: 'CAPTCHA를 확인할 수 없습니다. 잠시 후 다시 시도해주세요.', code: 'captcha_unavailable' });
    expect(t.sms.sent).toHaveLength(0);
    const metric = await t.app.metrics!.captcha.get();
    expect(metric.values).toEqual([expect.objectContaining({ labels: { provider: 'turnstile', result: 'unavailable' }, value: 1 })]);
  });

  it('is a 503 when nothing listens at CAPTCHA_VERIFY_URL', async () => {
    t = await startApp({ CAPTCHA_PROVIDER: 'hcaptcha', CAPTCHA_SECRET: SECRET, CAPTCHA_VERIFY_URL: `${await refusedBaseUrl()}/siteverify`, ...SITE });
    expect((await send({ captcha_token: GOOD })).status).toBe(503);
    expect(t.sms.sent).toHaveLength(0);
  });
});

describe('CAPTCHA_PROVIDER', () => {
  it('is off when unset: no token needed', async () => {
    t = await startApp();
    expect((await send({})).status).toBe(201);
  });

  it('is refused without CAPTCHA_SECRET, and a secret without a provider is refused too', async () => {
    await expect(startApp({ CAPTCHA_PROVIDER: 'turnstile' })).rejects.toThrow(/CAPTCHA_SECRET: is required with CAPTCHA_PROVIDER/);
    await expect(startApp({ CAPTCHA_SECRET: SECRET })).rejects.toThrow(/CAPTCHA_PROVIDER: is needed for CAPTCHA_SECRET/);
  });

  it('does not ask a test number for a CAPTCHA: it sends nothing to protect', async () => {
    const sv = await withCaptcha('recaptcha', siteverify, { SMS_TEST_NUMBERS: '010-0000-0001=123456' });
    expect((await t.post('/phone-verify', { phone_number: '010-0000-0001' })).status).toBe(201);
    expect(sv.received).toHaveLength(0);
  });
});
