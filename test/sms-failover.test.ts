import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../src/app.js';
import type { App } from '../src/http/types.js';
import { failoverProvider } from '../src/sms/failover.js';
import { SmsSendError, type SmsProvider } from '../src/sms/provider.js';
import { type Answer, type FakeProvider, json, startFake } from './fake-provider.js';
import { sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';
import { type HttpClient, httpClient } from './http-client.js';

useFileDatabase();

/**
 * SMS_PROVIDER as an ordered list (issue 18): twilio first, then the webhook, each a local
 * fake. An outage of the first hands the message to the next in the same request; a
 * refusal of the number does not; a provider that keeps failing is skipped for a while.
 */
let t: TestApp;
let app: App | undefined;
let fakes: FakeProvider[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  await t?.close();
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

const SID = 'AC0123456789abcdef0123456789abcdef';
const twilioCreated = json(201, { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued', error_code: null });
const twilioDown = json(503, { code: 20500, message: 'Internal Server Error', status: 503 });
const twilioUnsubscribed = json(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 });

async function withProviders(twilio: (n: number) => Answer, env: Record<string, string> = {}): Promise<{ h: HttpClient; twilio: FakeProvider; hook: FakeProvider }> {
  let n = 0;
  const tw = await startFake(() => twilio(n++));
  const hook = await startFake(() => ({ status: 204, body: '' }));
  fakes = [tw, hook];
  t = await startApp({
    SMS_PROVIDER: 'twilio,webhook',
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: 'auth-token',
    TWILIO_FROM: '+15005550006',
    TWILIO_BASE_URL: tw.baseUrl,
    SMS_WEBHOOK_URL: `${hook.baseUrl}/sms`,
    ...env,
  });
  // The providers the configuration names, not the recording one startApp passes.
  app = await buildApp({ config: t.config, database: t.database, logger: false });
  await app.ready();
  return { h: httpClient(app), twilio: tw, hook };
}

const send = (h: HttpClient, i = 0) => h.post('/phone-verify', { phone_number: `010-3333-${String(1000 + i)}` });

async function perProvider(name: 'smsSent' | 'smsFailed' | 'smsRefused' | 'smsFailovers' | 'smsSkipped'): Promise<Record<string, number>> {
  const metric = await app!.metrics![name].get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.provider), v.value]));
}

describe('failover across SMS_PROVIDER', () => {
  it('sends through the first provider while it works', async () => {
    const { h, twilio, hook } = await withProviders(() => twilioCreated);
    expect((await send(h)).status).toBe(201);
    expect(twilio.received).toHaveLength(1);
    expect(hook.received).toHaveLength(0);
    expect(await perProvider('smsSent')).toEqual({ twilio: 1 });
  });

  it('hands the same message to the next provider when the first is down, within the request', async () => {
    const { h, twilio, hook } = await withProviders(() => twilioDown);
    expect((await send(h)).status).toBe(201);
    expect(twilio.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    const twilioBody = new URLSearchParams(twilio.received[0]!.body).get('Body');
    const hookBody = JSON.parse(hook.received[0]!.body) as { to: string; text: string };
    expect(hookBody.to).toBe('+821033331000');
    expect(hookBody.text).toBe(twilioBody);
    // The key the webhook delivered is the one that works.
    const key = /\d{6}/.exec(hookBody.text)![0];
    expect((await h.post('/phone-verify/confirm', { phone_number: '010-3333-1000', key })).status).toBe(200);
    expect(await perProvider('smsFailed')).toEqual({ twilio: 1 });
    expect(await perProvider('smsSent')).toEqual({ webhook: 1 });
    expect(await perProvider('smsFailovers')).toEqual({ twilio: 1 });
  });

  it('hands it on when the first does not answer within SMS_TIMEOUT_MS', async () => {
    const { h, hook } = await withProviders(() => undefined, { SMS_TIMEOUT_MS: '200' });
    expect((await send(h)).status).toBe(201);
    expect(hook.received).toHaveLength(1);
  });

  it('does not fail over when the provider refuses the number: the next would have to refuse it too', async () => {
    const { h, hook } = await withProviders(() => twilioUnsubscribed);
    const res = await send(h);
    expect(res.status).toBe(503);
    expect(res.body.detail).toBe('인증번호 문자를 보내지 못했습니다. 잠시 후 다시 시도해주세요.');
    expect(res.body.code).toBe('sms_unavailable');
    expect(hook.received).toHaveLength(0);
    expect(await perProvider('smsRefused')).toEqual({ twilio: 1 });
    expect(await perProvider('smsFailovers')).toEqual({});
  });

  it('answers 503 when every provider fails, and the key it stored is gone', async () => {
    const { h, hook } = await withProviders(() => twilioDown);
    await hook.close();
    fakes = fakes.filter((f) => f !== hook);
    const res = await send(h);
    expect(res.status).toBe(503);
    expect((await t.database.db.query.phoneVerifications.findMany()).length).toBe(0);
  });

  it('skips a provider for SMS_FAILOVER_SECONDS after SMS_FAILOVER_AFTER failures in a row, then tries it again', async () => {
    const { h, twilio, hook } = await withProviders((n) => (n < 2 ? twilioDown : twilioCreated), {
      SMS_FAILOVER_AFTER: '2',
      SMS_FAILOVER_SECONDS: '1',
    });
    for (let i = 0; i < 4; i++) expect((await send(h, i)).status).toBe(201);
    // Two outages, then twilio is skipped: the last two went straight to the webhook.
    expect(twilio.received).toHaveLength(2);
    expect(hook.received).toHaveLength(4);
    expect(await perProvider('smsSkipped')).toEqual({ twilio: 2 });

    await sleep(1100);
    expect((await send(h, 5)).status).toBe(201);
    expect(twilio.received).toHaveLength(3);
    expect(hook.received).toHaveLength(4);
  });

  it('keeps counting only failures in a row: a success in between starts the count again', async () => {
    const { h, twilio } = await withProviders((n) => (n % 2 === 0 ? twilioDown : twilioCreated), { SMS_FAILOVER_AFTER: '2' });
    for (let i = 0; i < 6; i++) expect((await send(h, i)).status).toBe(201);
    expect(twilio.received).toHaveLength(6);
    expect(await perProvider('smsSkipped')).toEqual({});
  });
});

describe('the failover when every provider is skipped', () => {
  it('tries the one skipped first, and a success puts it back in line', async () => {
    let now = 0;
    const calls: string[] = [];
    const failing = new Set(['a', 'b']);
    const fake = (name: string): SmsProvider => ({
      name,
      async send() {
        calls.push(name);
        if (failing.has(name)) throw new SmsSendError(name, 'down');
      },
    });
    const log = { warn() {} } as unknown as FastifyBaseLogger;
    const sms = failoverProvider([fake('a'), fake('b')], log, { after: 1, seconds: 60, now: () => now });
    await expect(sms.send('+821012345678', 'x')).rejects.toThrow(/b: down/);
    expect(calls).toEqual(['a', 'b']);
    // Both skipped now; a was skipped first, so a alone is tried.
    now = 1000;
    failing.delete('a');
    await sms.send('+821012345678', 'x');
    expect(calls).toEqual(['a', 'b', 'a']);
    await sms.send('+821012345678', 'x');
    expect(calls).toEqual(['a', 'b', 'a', 'a']);
  });
});
