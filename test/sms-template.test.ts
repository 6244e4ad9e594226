import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/** SMS_TEMPLATE_EN (issue 18): the SMS text follows the request's Accept-Language, as the error messages do. */
let t: TestApp;
afterEach(async () => t?.close());

const send = (headers: Record<string, string> = {}) => t.post('/phone-verify', { phone_number: '010-1234-5678' }, headers);

describe('the SMS text', () => {
  it('is SMS_TEMPLATE for a client that prefers Korean or says nothing, SMS_TEMPLATE_EN for one that prefers English', async () => {
    t = await startApp({ APP_NAME: 'Demo' });
    await send();
    await send({ 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    await send({ 'accept-language': 'en-US,en;q=0.9,ko;q=0.5' });
    await send({ 'accept-language': 'fr-FR, en;q=0.3' });
    const texts = t.sms.sent.map((m) => m.text.replace(/\d{6}/, 'KEY'));
    expect(texts).toEqual([
      '[Demo] 인증번호 [KEY]를 입력해주세요.',
      '[Demo] 인증번호 [KEY]를 입력해주세요.',
      '[Demo] Your verification code is [KEY].',
      '[Demo] Your verification code is [KEY].',
    ]);
  });

  it('takes the operator’s own English template, and the key in it works', async () => {
    t = await startApp({ SMS_TEMPLATE_EN: '{code} is your {app} code' });
    await send({ 'accept-language': 'en' });
    const { text } = t.sms.sent[0]!;
    expect(text).toMatch(/^\d{6} is your User Demo code$/);
    const key = text.slice(0, 6);
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key })).status).toBe(200);
  });

  it('refuses a template without {code} at start', async () => {
    await expect(startApp({ SMS_TEMPLATE_EN: 'Your code is ready' })).rejects.toThrow(/SMS_TEMPLATE_EN: must contain \{code\}/);
  });
});
