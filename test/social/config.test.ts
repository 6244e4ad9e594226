import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

/** The social variables, judged at start: a missing, malformed or unsafe one names itself. */
const secret = 'x'.repeat(40);
const p8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const kakao = { SOCIAL_PROVIDERS: 'kakao', KAKAO_CLIENT_ID: 'rest', KAKAO_APP_ID: '1234', KAKAO_ADMIN_KEY: 'admin' };
const apple = { SOCIAL_PROVIDERS: 'apple', APPLE_CLIENT_IDS: 'com.example.web', APPLE_TEAM_ID: 'TEAM123456', APPLE_KEY_ID: 'KEY1234567', APPLE_PRIVATE_KEY: p8 };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ SECRET_KEY: secret, ...env });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('the social login configuration', () => {
  it('is off without SOCIAL_PROVIDERS, and PUBLIC_URL defaults to localhost:PORT', () => {
    const config = loadConfig({ PORT: '8123' });
    expect(config.social.providers).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
    expect(problems({ ...kakao })).toEqual([]);
  });

  it('names each variable a listed provider lacks', () => {
    expect(problems({ SOCIAL_PROVIDERS: 'kakao,naver' })).toEqual([
      'SOCIAL_PROVIDERS=kakao,naver needs KAKAO_CLIENT_ID, KAKAO_APP_ID, KAKAO_ADMIN_KEY',
      'SOCIAL_PROVIDERS=kakao,naver needs NAVER_CLIENT_ID, NAVER_CLIENT_SECRET',
    ]);
    expect(problems({ SOCIAL_PROVIDERS: 'oidc', SOCIAL_OIDC_ISSUER: 'https://sso.example.com' })).toEqual([
      'SOCIAL_PROVIDERS=oidc needs SOCIAL_OIDC_CLIENT_ID, SOCIAL_OIDC_CLIENT_SECRET, SOCIAL_OIDC_NAME',
    ]);
  });

  it('refuses unknown and repeated providers', () => {
    expect(problems({ SOCIAL_PROVIDERS: 'kakao,facebook' })[0]).toMatch(/^SOCIAL_PROVIDERS: must be a comma list of kakao, naver, google, apple, oidc/);
    expect(problems({ ...kakao, SOCIAL_PROVIDERS: 'kakao,kakao' })).toEqual(['SOCIAL_PROVIDERS: names a provider twice: "kakao,kakao"']);
  });

  it('allows http only for this machine outside production, and asks https of every server and PUBLIC_URL in production', () => {
    expect(problems({ ...kakao, KAKAO_AUTH_BASE_URL: 'http://127.0.0.1:9000', KAKAO_API_BASE_URL: 'http://localhost:9001' })).toEqual([]);
    expect(problems({ ...kakao, KAKAO_AUTH_BASE_URL: 'http://kauth.example.com' })).toEqual([
      'KAKAO_AUTH_BASE_URL: must be https://, or http:// on this machine (127.0.0.1, ::1, localhost), got "http://kauth.example.com"',
    ]);
    const production = { ...kakao, NODE_ENV: 'production', SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://sms.example.com' };
    expect(problems({ ...production, KAKAO_AUTH_BASE_URL: 'http://127.0.0.1:9000' })).toEqual([
      'PUBLIC_URL: is required when NODE_ENV=production (the origin browsers reach the service at; passkeys are bound to it)',
      'KAKAO_AUTH_BASE_URL: must be https:// in production, got "http://127.0.0.1:9000"',
    ]);
    expect(problems({ ...production, PUBLIC_URL: 'http://accounts.example.com' })).toEqual([
      'PUBLIC_URL: must be https:// in production, got "http://accounts.example.com"',
    ]);
    expect(problems({ ...production, PUBLIC_URL: 'https://accounts.example.com/', SOCIAL_REDIRECT_URLS: 'http://shop.example.com/cb' })).toEqual([
      'SOCIAL_REDIRECT_URLS: plain http:// is refused in production, but for this machine; not "http://shop.example.com/cb"',
    ]);
    expect(loadConfig({ ...production, SECRET_KEY: secret, PUBLIC_URL: 'https://accounts.example.com/' }).publicUrl).toBe('https://accounts.example.com');
  });

  it('refuses a PUBLIC_URL with a query and redirect URLs a browser would run', () => {
    expect(problems({ PUBLIC_URL: 'https://accounts.example.com/?x=1' })[0]).toMatch(/^PUBLIC_URL: must be the http\(s\) origin the service is reached at, with a path prefix if any/);
    expect(problems({ SOCIAL_REDIRECT_URLS: 'https://a.example.com/cb,javascript:alert(1)' })[0]).toMatch(/^SOCIAL_REDIRECT_URLS: must be absolute URLs/);
    expect(problems({ ...kakao, SOCIAL_REDIRECT_URLS: 'https://shop.example.com/cb, com.example.app:/oauth' })).toEqual([]);
  });

  it("checks Apple's key at start, read from one line with \\n escapes too", () => {
    expect(problems(apple)).toEqual([]);
    expect(problems({ ...apple, APPLE_PRIVATE_KEY: p8.trim().replace(/\n/g, '\\n') })).toEqual([]);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const bad of ['not a key', rsa]) {
      expect(problems({ ...apple, APPLE_PRIVATE_KEY: bad })).toEqual([
        'APPLE_PRIVATE_KEY: must be the .p8 key Apple gave, a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") of a P-256 key',
      ]);
    }
    expect(problems({ ...apple, APPLE_TEAM_ID: 'team' })[0]).toMatch(/^APPLE_TEAM_ID: must be ten capital letters or digits/);
  });
});
