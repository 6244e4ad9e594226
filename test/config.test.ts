import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
