import { createServer, type IncomingMessage } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createSmsProvider, SmsSendError } from '../src/sms/provider.js';
import { sessions } from '../src/db/schema.js';
import { PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

describe('error shapes', () => {
  it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
    t = await startApp();
    const missing = await t.get('/nowhere', { 'accept-language': 'en' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: 'Not found.' });
    const wrong = await t.app.inject({ method: 'PUT', url: '/api/v1/login' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(JSON.parse(wrong.body)).toEqual({ detail: '메소드(Method) "PUT"는 허용되지 않습니다.' });
  });

  it('answers malformed JSON, a non-object body and a missing body with 400 in DRF shape', async () => {
    t = await startApp();
    const raw = (payload: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/login', payload, headers: { 'content-type': 'application/json' } });
    for (const payload of ['{bad', '[1,2]', '"text"', 'null', '{"__proto__": {"x": 1}}']) {
      const res = await raw(payload);
      expect(res.statusCode, payload).toBe(400);
      const body = JSON.parse(res.body);
      expect(Object.values(body).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string')), payload).toBe(true);
    }
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/phone-verify' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.parse(empty.body)).toEqual({ phone_number: ['이 필드는 필수 항목입니다.'] });
  });

  it('answers other media types with 415 and bodies over 1 MiB with 413', async () => {
    t = await startApp();
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.statusCode).toBe(415);
    expect(Object.keys(JSON.parse(text.body))).toEqual(['detail']);
    const big = await t.post('/login', { email: 'a'.repeat(1024 * 1024 + 10) }, { 'accept-language': 'en' });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ detail: 'Request body is too large.' });
  });

  it('speaks English when Accept-Language prefers it, Korean otherwise', async () => {
    t = await startApp();
    const en = await t.post('/phone-verify', {}, { 'accept-language': 'en-US,en;q=0.9,ko;q=0.8' });
    const ko = await t.post('/phone-verify', {}, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    const none = await t.post('/phone-verify', {});
    expect(en.body).toEqual({ phone_number: ['This field is required.'] });
    expect(ko.body).toEqual({ phone_number: ['이 필드는 필수 항목입니다.'] });
    expect(none.body).toEqual(ko.body);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    t = await startApp();
    expect((await t.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.get('/readyz')).status).toBe(200);
  });
});

describe('configuration', () => {
  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', OTP_MAX_ATTEMPTS: '0', SECRET_KEY: 'short' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', OTP_MAX_ATTEMPTS: '0', PHONE_ALLOWED_REGIONS: 'Korea' });
    } catch (err) {
      const message = (err as Error).message;
      for (const name of ['PORT', 'OTP_MAX_ATTEMPTS', 'PHONE_ALLOWED_REGIONS']) expect(message).toContain(name);
    }
  });

  it('refuses production without SECRET_KEY or with the console provider', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/SECRET_KEY[\s\S]*SMS_PROVIDER/);
  });

  it('refuses the webhook provider without its URL', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'webhook' })).toThrowError(/SMS_WEBHOOK_URL/);
  });

  it('has the SPEC defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8000,
      host: '0.0.0.0',
      databaseUrl: './data/pglite',
      trustProxy: false,
      appName: 'User Demo',
      otpMaxAttempts: 5,
      refreshTokenRotation: false,
      ttl: { code: 300, verifyToken: 600, access: 300, refresh: 86400 },
      phone: { defaultRegion: 'KR', allowedRegions: ['KR'] },
      throttle: { resendCooldown: 60, perPhonePerHour: 5, perPhonePerDay: 10, perIpPerHour: 30, loginMaxFailures: 10, loginFailureWindow: 900 },
      argon2: { memoryKib: 19456, iterations: 2, parallelism: 1 },
    });
    expect(c.sms).toMatchObject({ provider: 'console', timeoutMs: 5000, template: '[{app}] 인증번호 [{code}]를 입력해주세요.' });
  });
});

describe('webhook SMS provider', () => {
  async function sink(answer: (req: IncomingMessage, body: string) => number | 'hang') {
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const status = answer(req, body);
        if (status !== 'hang') res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    return { url, received, close: () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    };
  }
  const log = { info() {}, error() {} } as never;

  it('POSTs {to, text} signed with X-Signature: sha256=<hex HMAC of the raw body>', async () => {
    const s = await sink(() => 204);
    const provider = createSmsProvider(
      loadConfig({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: s.url, SMS_WEBHOOK_SECRET: 'hook-secret' }).sms,
      log,
    );
    await provider.send('+821012345678', '[User Demo] 인증번호 [123456]를 입력해주세요.');
    const [req] = s.received;
    expect(JSON.parse(req!.body)).toEqual({ to: '+821012345678', text: '[User Demo] 인증번호 [123456]를 입력해주세요.' });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['x-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(req!.body).digest('hex')}`);
    await s.close();
  });

  it('fails on a non-2xx answer and on a timeout, without the text in the error', async () => {
    const s = await sink((_req, body) => (body.includes('+8210') ? 500 : 200));
    const failing = createSmsProvider(loadConfig({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: s.url }).sms, log);
    const err = await failing.send('+821012345678', 'code 654321').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsSendError);
    expect(String(err)).toContain('webhook');
    expect(String(err)).not.toContain('654321');
    await s.close();

    const hanging = await sink(() => 'hang');
    const slow = createSmsProvider(
      loadConfig({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: hanging.url, SMS_TIMEOUT_MS: '200' }).sms,
      log,
    );
    const started = Date.now();
    await expect(slow.send('+821012345678', 'x')).rejects.toThrow(/no answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    await hanging.close();
  });

  it('turns a provider failure into 503 through the API, end to end', async () => {
    const s = await sink(() => 502);
    t = await startApp();
    const provider = createSmsProvider(loadConfig({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: s.url }).sms, log);
    t.sms.send = provider.send.bind(provider);
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: '인증번호 문자를 보내지 못했습니다. 잠시 후 다시 시도해주세요.' });
    await s.close();
  });
});

describe('in-flight tracking for shutdown', () => {
  it('when a login is still hashing, then whenIdle waits until its session is written', async () => {
    t = await startApp({ ARGON2_MEMORY_KIB: '32768', ARGON2_ITERATIONS: '3' });
    await t.signUp();
    const pending = t.post('/login', { email: 'kim@example.com', password: PASSWORD });
    await sleep(20);
    expect(await t.database.db.select().from(sessions)).toHaveLength(0);
    await t.app.whenIdle(10_000);
    expect(await t.database.db.select().from(sessions)).toHaveLength(1);
    expect((await pending).status).toBe(202);
    // With nothing in flight it resolves at once.
    const started = Date.now();
    await t.app.whenIdle(10_000);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
