import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';
import { eventsOf, firstStep, signUpWithTotp } from './mfa-helpers.js';
import { totpNow } from './totp.js';
import { WEBHOOK_SECRET, WebhookReceiver } from './webhook-receiver.js';

useFileDatabase();

/**
 * Issue 24, finding 5: with the password, TOTP guesses were bounded per
 * LOGIN_ACCOUNT_LOCK_SECONDS and every owner login reset the count (a break expected in
 * about five months), and the owner was never told. Finding 8: after a test number's fixed
 * key, 60 wrong codes were compared against a budget of 20 and the right one still got in.
 */
let t: TestApp;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await t?.close();
  await receiver?.stop();
  receiver = undefined;
});

const KIM = { email: 'kim@example.com', password: PASSWORD };
const statuses = (xs: { status: number }[]) => xs.map((x) => x.status);
const count = (xs: number[], s: number) => xs.filter((x) => x === s).length;

describe('a password thief guessing the second factor', () => {
  it('is told to the owner: each wrong code is mfa.failed, which the webhook gets without being told to', async () => {
    receiver = new WebhookReceiver();
    t = await startApp({ EVENTS_WEBHOOK_URL: await receiver.start(), EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET });
    await signUpWithTotp(t);
    const token = await firstStep(t, KIM);
    expect((await t.post('/login/mfa', { mfa_token: token, code: '000000' })).status).toBe(401);
    const got = await receiver.waitFor((r) => JSON.parse(r.body).type === 'mfa.failed');
    expect(got.verified()).toMatchObject({ type: 'mfa.failed', data: { user_id: 1, first_factor: 'password' } });
  });

  it('gets MFA_MAX_FAILURES codes in all, however often the owner logs in between; the owner keeps the SMS-key way in', async () => {
    t = await startApp();
    const { secret, recovery } = await signUpWithTotp(t);
    const guess = async (n: number) => {
      const answers: number[] = [];
      for (let i = 0; i < n; i++) {
        const token = await firstStep(t, KIM);
        answers.push((await t.post('/login/mfa', { mfa_token: token, code: String(100000 + i) })).status);
      }
      return answers;
    };
    // On main the owner's logins reset the count: 83 guesses an hour, for ever.
    const owner = async (code: string) => (await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code })).status;
    const answers = [...(await guess(4))];
    expect(await owner(recovery[0]!)).toBe(202);
    answers.push(...(await guess(4)));
    expect(await owner(recovery[1]!)).toBe(202);
    answers.push(...(await guess(2)));
    expect(answers).toEqual(Array(10).fill(401));

    const refused = await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: totpNow(secret) });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('mfa_code_failures');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_000);
    expect(await owner(recovery[2]!)).toBe(429);
    expect(await eventsOf(t, 'mfa.failed')).toHaveLength(10);

    // The thief spent the budget of codes after a password; after an SMS key the owner gets in.
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const byKey = await firstStep(t, { email: KIM.email, key: t.sms.lastKey() });
    expect((await t.post('/login/mfa', { mfa_token: byKey, code: totpNow(secret) })).status).toBe(202);
  });

  it('counts nothing of the owner’s right codes, and forgets the failures after MFA_LOCK_SECONDS', async () => {
    t = await startApp({ MFA_MAX_FAILURES: '2', MFA_LOCK_SECONDS: '1' });
    const { recovery } = await signUpWithTotp(t);
    for (const code of recovery.slice(0, 4)) expect((await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code })).status).toBe(202);
    for (let i = 0; i < 2; i++) expect((await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: '000000' })).status).toBe(401);
    expect((await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: recovery[4] })).status).toBe(429);
    await sleep(1300);
    expect((await t.post('/login/mfa', { mfa_token: await firstStep(t, KIM), code: recovery[4] })).status).toBe(202);
  });

  it('bounds a stolen session guessing its way to turning the app off, and tells the owner', async () => {
    t = await startApp({ MFA_MAX_FAILURES: '3' });
    const { access, secret } = await signUpWithTotp(t);
    const auth = { authorization: `Bearer ${access}` };
    for (let i = 0; i < 3; i++) expect((await t.delete('/users/me/mfa/totp', { code: String(200000 + i) }, auth)).status).toBe(400);
    const refused = await t.delete('/users/me/mfa/totp', { code: totpNow(secret) }, auth);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('mfa_code_failures');
    expect((await eventsOf(t, 'mfa.failed')).map((e) => e.data)).toEqual(Array(3).fill({ user_id: 1, first_factor: 'session' }));
  });
});

describe('second-factor codes after a test number’s fixed key', () => {
  const TEST_NUMBER = { SMS_TEST_NUMBERS: '010-0000-0001=123456', SMS_TEST_NUMBERS_IN_PRODUCTION: 'true', LOGIN_MAX_ACCOUNT_FAILURES: '20' };

  it('compares MFA_MAX_FAILURES of 60 wrong codes sent at once over 12 mfa_tokens, and refuses the right one after', async () => {
    t = await startApp(TEST_NUMBER);
    await t.post('/phone-verify', { phone_number: '010-0000-0001' });
    const confirmed = await t.post('/phone-verify/confirm', { phone_number: '010-0000-0001', key: '123456' });
    const { secret } = await signUpWithTotp(t, { phone_number: '010-0000-0001', token: confirmed.body.token });
    const byKey = async () => {
      await t.post('/phone-verify', { phone_number: '010-0000-0001' });
      return firstStep(t, { phone_number: '010-0000-0001', key: '123456' });
    };
    const tokens: string[] = [];
    for (let i = 0; i < 13; i++) tokens.push(await byKey());
    const wrong = await Promise.all(
      Array.from({ length: 60 }, (_, i) => t.post('/login/mfa', { mfa_token: tokens[i % 12], code: String(300000 + i) })),
    );
    const s = statuses(wrong);
    expect(count(s, 401)).toBe(10);
    expect(count(s, 429)).toBe(50);
    const right = await t.post('/login/mfa', { mfa_token: tokens[12], code: totpNow(secret) });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('mfa_code_failures');
    expect(await eventsOf(t, 'mfa.failed')).toHaveLength(10);
  });
});
