import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { RecordingSms, startApp, testConfig, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * SMS_TEST_NUMBERS (issue 18): fixed keys for app-store review and QA. No SMS goes out and
 * no limit counts them; wrong keys still count against the phone's daily failure budget.
 */
let t: TestApp;
afterEach(async () => t?.close());

const TEST_NUMBERS = { SMS_TEST_NUMBERS: '010-0000-0001=123456, 01000000002=654321' };

describe('a test number', () => {
  it('gets its fixed key without an SMS, and the key confirms and logs in', async () => {
    t = await startApp(TEST_NUMBERS);
    expect((await t.post('/phone-verify', { phone_number: '010-0000-0001' })).status).toBe(201);
    expect(t.sms.sent).toEqual([]);
    const confirmed = await t.post('/phone-verify/confirm', { phone_number: '010-0000-0001', key: '123456' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ phone_number: '01000000001', is_verified: true });

    // An account on the number (the review account) logs in with the same fixed key.
    const token = confirmed.body.token as string;
    await t.signUp({ phone_number: '010-0000-0001', token });
    expect((await t.post('/phone-verify', { phone_number: '01000000001' })).status).toBe(201);
    await t.login({ phone_number: '010-0000-0001', key: '123456' });
    expect(t.sms.sent).toEqual([]);
  });

  it('takes only its own key, and its wrong keys count against the daily failure budget', async () => {
    t = await startApp({ ...TEST_NUMBERS, OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '3' });
    await t.post('/phone-verify', { phone_number: '010-0000-0002' });
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-0000-0002', key: '123456' })).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      await t.post('/phone-verify', { phone_number: '010-0000-0002' });
      expect((await t.post('/phone-verify/confirm', { phone_number: '010-0000-0002', key: '111111' })).status).toBe(401);
    }
    await t.post('/phone-verify', { phone_number: '010-0000-0002' });
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-0000-0002', key: '654321' })).status).toBe(429);
  });

  it('is counted by no limit: not the cooldown, the per-phone and per-IP caps, the spend caps or the breaker', async () => {
    t = await startApp({
      ...TEST_NUMBERS,
      OTP_RESEND_COOLDOWN_SECONDS: '60',
      SMS_MAX_PER_PHONE_PER_HOUR: '1',
      SMS_MAX_PER_PHONE_PER_DAY: '1',
      SMS_MAX_PER_IP_PER_HOUR: '1',
      SMS_MAX_PER_HOUR: '1',
      SMS_BREAKER_MIN_SENT: '1',
      SMS_BREAKER_MIN_CONVERSION: '1',
    });
    for (let i = 0; i < 5; i++) expect((await t.post('/phone-verify', { phone_number: '010-0000-0001' })).status).toBe(201);
    // The one real key the limits allow is still there for a real number.
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
    expect(t.sms.sent).toHaveLength(1);
  });

  it('is named in a warning at start', async () => {
    const lines: { level: string; obj: unknown; msg: unknown }[] = [];
    const logger = {
      level: 'info',
      child: () => logger,
      ...Object.fromEntries(
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => [
          level,
          (obj: unknown, msg?: unknown) => lines.push({ level, obj, msg }),
        ]),
      ),
    };
    t = await startApp();
    const app = await buildApp({ config: testConfig(TEST_NUMBERS), database: t.database, sms: new RecordingSms(), loggerInstance: logger as never });
    await app.close();
    const warning = lines.find((l) => l.level === 'warn' && String(l.msg).startsWith('SMS_TEST_NUMBERS'));
    expect(warning?.obj).toEqual({ test_numbers: 2 });
  });
});

describe('SMS_TEST_NUMBERS', () => {
  it('is refused with a number the service would refuse, a key that is not six digits, or a number twice', () => {
    const problems = (v: string) => {
      try {
        loadConfig({ SMS_TEST_NUMBERS: v });
        return [];
      } catch (err) {
        return (err as { problems: string[] }).problems;
      }
    };
    expect(problems('02-123-4567=123456')).toEqual(['SMS_TEST_NUMBERS: "02-123-4567" is not a mobile number of PHONE_ALLOWED_REGIONS']);
    expect(problems('01000000001=12345')[0]).toMatch(/^SMS_TEST_NUMBERS: must be a comma list of number=key/);
    expect(problems('01000000001=111111,010-0000-0001=222222')).toEqual(['SMS_TEST_NUMBERS: "010-0000-0001" is there twice']);
  });

  it('is refused in production unless SMS_TEST_NUMBERS_IN_PRODUCTION=true', () => {
    const env = { NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40), SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://hooks.example', PUBLIC_URL: 'https://accounts.example.com', ...TEST_NUMBERS };
    expect(() => loadConfig(env)).toThrow(/SMS_TEST_NUMBERS: refused when NODE_ENV=production/);
    expect(loadConfig({ ...env, SMS_TEST_NUMBERS_IN_PRODUCTION: 'true' }).sms.testNumbers).toHaveLength(2);
  });
});
