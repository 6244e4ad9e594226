import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { webAuthnOf } from '../../src/config/web-origins.js';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

const production = { NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40), SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://hooks.example' };
const apk = `android:apk-key-hash:${'Ab0_-'.repeat(8)}Ab0`;

describe('PUBLIC_URL and the passkeys\' relying party', () => {
  it('default, outside production, to http://localhost:PORT: RP ID localhost, that one origin, APP_NAME', () => {
    const config = loadConfig({ PORT: '8100', APP_NAME: 'Shop' });
    expect(config.publicUrl).toBeUndefined();
    expect(webAuthnOf(config)).toEqual({ rpId: 'localhost', rpName: 'Shop', origins: ['http://localhost:8100'] });
  });

  it('come from PUBLIC_URL, its path prefix and trailing slash left out of the origin', () => {
    const config = loadConfig({ ...production, PUBLIC_URL: 'https://accounts.example.com/auth/' });
    expect(config.publicUrl).toBe('https://accounts.example.com/auth');
    expect(webAuthnOf(config)).toEqual({ rpId: 'accounts.example.com', rpName: 'User Demo', origins: ['https://accounts.example.com'] });
  });

  it('take a parent domain as RP ID, with the subdomains and Android apps that use it', () => {
    const config = loadConfig({
      ...production,
      PUBLIC_URL: 'https://accounts.example.com',
      WEBAUTHN_RP_ID: 'example.com',
      WEBAUTHN_ORIGINS: `https://accounts.example.com,https://example.com, ${apk}`,
    });
    expect(webAuthnOf(config).origins).toEqual(['https://accounts.example.com', 'https://example.com', apk]);
  });

  it('require PUBLIC_URL in production, naming it', () => {
    expect(problems(production)).toEqual([
      'PUBLIC_URL: is required when NODE_ENV=production (the origin browsers reach the service at; passkeys are bound to it)',
    ]);
    expect(problems({ ...production, PUBLIC_URL: 'https://accounts.example.com' })).toEqual([]);
  });

  it('refuse an origin that is not on the RP ID, naming the variable and why', () => {
    expect(problems({ PUBLIC_URL: 'https://accounts.example.com', WEBAUTHN_ORIGINS: 'https://shop.example.net' })).toEqual([
      'WEBAUTHN_ORIGINS: https://shop.example.net is not on the RP ID accounts.example.com ' +
        '(its host must be accounts.example.com or end with .accounts.example.com)',
    ]);
    // A look-alike that merely ends with the same letters is another site.
    expect(problems({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: 'https://badexample.com' })[0]).toMatch(
      /^WEBAUTHN_ORIGINS: https:\/\/badexample.com is not on the RP ID example.com/,
    );
    // The default origin, PUBLIC_URL's, under an RP ID it does not belong to.
    expect(problems({ PUBLIC_URL: 'https://accounts.example.com', WEBAUTHN_RP_ID: 'other.example' })).toEqual([
      "WEBAUTHN_ORIGINS (by default PUBLIC_URL's origin): https://accounts.example.com is not on the RP ID other.example " +
        '(its host must be other.example or end with .other.example)',
    ]);
  });

  it('refuse plain http in production, and an IP address as RP ID', () => {
    expect(problems({ ...production, PUBLIC_URL: 'http://accounts.example.com' })).toEqual([
      'PUBLIC_URL: must be https:// in production, got "http://accounts.example.com"',
    ]);
    expect(problems({ ...production, PUBLIC_URL: 'https://accounts.example.com', WEBAUTHN_ORIGINS: 'http://accounts.example.com' })).toEqual([
      'WEBAUTHN_ORIGINS: http://accounts.example.com is not https; browsers use passkeys only in a secure context',
    ]);
    expect(problems({ ...production, PUBLIC_URL: 'https://10.0.0.1' })).toEqual([
      'PUBLIC_URL: its host 10.0.0.1 cannot be a passkey RP ID (a domain name, not an IP address); set WEBAUTHN_RP_ID',
    ]);
    for (const id of ['127.0.0.1', '[::1]', 'com', 'Example.com', 'example.com.', 'https://example.com', 'example.com:443']) {
      expect(problems({ WEBAUTHN_RP_ID: id })[0], id).toMatch(/^WEBAUTHN_RP_ID: must be a domain name/);
    }
  });

  it('refuse origins that are not origins, and malformed app origins', () => {
    for (const origins of ['https://accounts.example.com/', 'https://accounts.example.com/login', 'accounts.example.com', 'android:apk-key-hash:short', 'ftp://example.com']) {
      expect(problems({ WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: origins })[0], origins).toMatch(/^WEBAUTHN_ORIGINS: must be a comma list of origins/);
    }
    for (const url of ['accounts.example.com', 'https://user:pw@accounts.example.com', 'https://accounts.example.com/?a=1', 'ftp://example.com']) {
      expect(problems({ PUBLIC_URL: url })[0], url).toMatch(/^PUBLIC_URL: must be the http\(s\) origin/);
    }
  });
});
