import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type Answer, expectFailure, type FakeProvider, provider, startFake } from './fake-provider.js';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp | undefined;
const fakes: FakeProvider[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const f of fakes.splice(0)) await f.close();
});

/** A webhook receiver answering `status` with an empty body; 'hang' never answers. */
async function receiver(answer: (body: string) => number | 'hang'): Promise<FakeProvider & { url: string }> {
  const fake = await startFake((r): Answer => {
    const status = answer(r.body);
    return status === 'hang' ? undefined : { status, body: '' };
  });
  fakes.push(fake);
  return { ...fake, url: `${fake.baseUrl}/sms` };
}

describe('webhook SMS provider', () => {
  it('POSTs {to, text} signed with X-Signature: sha256=<hex HMAC of the raw body>', async () => {
    const s = await receiver(() => 204);
    const webhook = provider({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: s.url, SMS_WEBHOOK_SECRET: 'hook-secret' });
    await webhook.send('+821012345678', '[User Demo] 인증번호 [123456]를 입력해주세요.');
    const [req] = s.received;
    expect(JSON.parse(req!.body)).toEqual({ to: '+821012345678', text: '[User Demo] 인증번호 [123456]를 입력해주세요.' });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['x-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(req!.body).digest('hex')}`);
  });

  it('fails on a non-2xx answer and on a timeout, without the text in the error', async () => {
    const s = await receiver((body) => (body.includes('+8210') ? 500 : 200));
    const failing = provider({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: s.url });
    const err = await expectFailure(failing.send('+821012345678', 'code 654321'), 'webhook', /HTTP 500/, 'code 654321');
    expect(String(err)).toContain('webhook');
    expect(String(err)).not.toContain('654321');

    const hanging = await receiver(() => 'hang');
    const slow = provider({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: hanging.url, SMS_TIMEOUT_MS: '200' });
    const started = Date.now();
    await expect(slow.send('+821012345678', 'x')).rejects.toThrow(/no answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('turns a provider failure into 503 through the API, end to end', async () => {
    const s = await receiver(() => 502);
    t = await startApp();
    const webhook = provider({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: s.url });
    t.sms.send = webhook.send.bind(webhook);
    const res = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: '인증번호 문자를 보내지 못했습니다. 잠시 후 다시 시도해주세요.', code: 'sms_unavailable' });
  });
});
