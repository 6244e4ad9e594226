import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type SmsConfig } from '../src/config.js';
import { publicUrlOf } from '../src/config/public-url.js';
import { variablesOf } from '../src/config/read.js';
import { configurationTable, configurationTableIn, TABLE_END, TABLE_START, withConfigurationTable } from '../src/config/docs-table.js';
import { configTable } from '../src/config/table.js';
import { createSmsProvider } from '../src/sms/create-provider.js';

const secret = 'x'.repeat(40);

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

describe('the configuration table', () => {
  it('is what docs/configuration.md shows (`npm run docs:config` rewrites it after a change)', () => {
    const page = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
    expect(configurationTableIn(page)).toBe(configurationTable());
  });

  it('replaces an outdated table between its markers and nothing else', () => {
    const page = `# Title\n\n${TABLE_START}\n| old | table |\n${TABLE_END}\n\n## API\n`;
    const rewritten = withConfigurationTable(page);
    expect(configurationTableIn(rewritten)).toBe(configurationTable());
    expect(rewritten.startsWith(`# Title\n\n${TABLE_START}\n| variable |`)).toBe(true);
    expect(rewritten.endsWith(`|\n${TABLE_END}\n\n## API\n`)).toBe(true);
    expect(withConfigurationTable(rewritten)).toBe(rewritten);
  });

  it('names each variable once, each with its meaning', () => {
    const variables = variablesOf(configTable);
    expect(variables.length).toBeGreaterThan(40);
    expect(new Set(variables.map((v) => v.name)).size).toBe(variables.length);
    expect(variables.filter((v) => v.doc.trim() === '').map((v) => v.name)).toEqual([]);
  });

  it('reads every variable it names into the Config', () => {
    // One good, non-default value per variable (SMS ones for the twilio provider), each expected back.
    const config = loadConfig({
      NODE_ENV: 'production',
      SECRET_KEY: secret,
      PORT: '8100',
      HOST: '127.0.0.1',
      DATABASE_POOL_SIZE: '3',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '10.0.0.0/8, 192.0.2.1',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
      TWILIO_BASE_URL: 'http://127.0.0.1:1',
      PHONE_ALLOWED_REGIONS: 'kr, us',
      PHONE_DEFAULT_REGION: 'us',
      LOGIN_MAX_FAILURES: '7',
      ARGON2_CONCURRENCY: '3',
      METRICS: 'off',
      METRICS_PORT: '9100',
      DOCS: 'off',
      OTP_MAX_FAILURES_PER_PHONE_PER_DAY: '7',
      PUBLIC_URL: 'https://accounts.example.com/',
      WEBAUTHN_RP_ID: 'example.com',
      WEBAUTHN_RP_NAME: 'Example',
      WEBAUTHN_ORIGINS: `https://accounts.example.com, https://shop.example.com, android:apk-key-hash:${'A'.repeat(43)}`,
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      secretKey: secret,
      port: 8100,
      host: '127.0.0.1',
      databasePoolSize: 3,
      logLevel: 'warn',
      trustProxy: ['10.0.0.0/8', '192.0.2.1'],
      sms: { providers: ['twilio'], twilio: { accountSid: 'AC1', authToken: 'token', from: '+15005550006', baseUrl: 'http://127.0.0.1:1' } },
      phone: { defaultRegion: 'US', allowedRegions: ['KR', 'US'] },
      throttle: { loginMaxFailures: 7, keyFailuresPerPhonePerDay: 7 },
      argon2: { concurrency: 3 },
      metrics: { enabled: false, port: 9100 },
      docs: false,
      publicUrl: 'https://accounts.example.com',
      webauthn: {
        rpId: 'example.com',
        rpName: 'Example',
        origins: ['https://accounts.example.com', 'https://shop.example.com', `android:apk-key-hash:${'A'.repeat(43)}`],
      },
      bodyLimit: 1024 * 1024,
    });
  });

  it('works out the defaults it does not write down: one hash at a time per core, no secret', () => {
    const config = loadConfig({});
    expect(config.argon2.concurrency).toBe(availableParallelism());
    expect(config.secretKey).toBeUndefined();
    expect(config.metrics).toEqual({ enabled: true, port: 9464 });
    expect(config.sms.twilio).toEqual({ baseUrl: 'https://api.twilio.com' });
  });
});

describe('a bad configuration', () => {
  it('is reported in one ConfigError that names every bad variable', () => {
    const bad = {
      PORT: '70000',
      SECRET_KEY: 'short',
      NODE_ENV: 'prod',
      TRUST_PROXY: 'maybe',
      METRICS: 'yes',
      SMS_TIMEOUT_MS: '0',
      TWILIO_BASE_URL: 'ftp://example.com',
      PHONE_DEFAULT_REGION: 'Korea',
      ARGON2_CONCURRENCY: '0',
      JWT_ALGORITHM: 'none',
      JWT_ISSUER: '',
      JWKS_MAX_AGE_SECONDS: '-1',
    };
    const found = problems(bad);
    expect(found.map((p) => p.split(':')[0])).toEqual(Object.keys(bad).sort(byTableOrder));
  });

  it('is refused by the rules that tie variables together, each by name', () => {
    const publicUrl = { PUBLIC_URL: 'https://accounts.example.com' };
    expect(problems({ NODE_ENV: 'production', SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://hooks.example', ...publicUrl })).toEqual([
      'SECRET_KEY: is required when NODE_ENV=production',
    ]);
    expect(problems({ NODE_ENV: 'production', SECRET_KEY: secret })[0]).toMatch(/^SMS_PROVIDER: "console"/);
    expect(problems({ SMS_PROVIDER: 'solapi', SOLAPI_API_KEY: 'k', SOLAPI_FROM: '' })).toEqual([
      'SMS_PROVIDER=solapi needs SOLAPI_API_SECRET, SOLAPI_FROM',
    ]);
    expect(problems({ PORT: '9000', METRICS_PORT: '9000' })).toEqual([
      'METRICS_PORT: must differ from PORT: /metrics is never served beside the API',
    ]);
    expect(problems({ PORT: '0', METRICS_PORT: '0' })).toEqual([]);
    expect(problems({ PHONE_ALLOWED_REGIONS: 'US' })).toEqual(['PHONE_DEFAULT_REGION: must be one of PHONE_ALLOWED_REGIONS']);
  });
});

describe('the OpenID provider\'s switch', () => {
  it('is off by default, and PUBLIC_URL defaults to this machine\'s PORT', () => {
    const config = loadConfig({ PORT: '8100' });
    expect(config.oidcProvider).toBe(false);
    expect(publicUrlOf(config)).toBe('http://localhost:8100');
    expect(publicUrlOf(loadConfig({ PUBLIC_URL: 'https://accounts.example.com/auth/' }))).toBe('https://accounts.example.com/auth');
  });

  it('is refused without what the provider needs, naming why', () => {
    expect(problems({ OIDC_PROVIDER: 'on', JWT_ALGORITHM: 'HS256' })).toEqual([
      expect.stringMatching(/^OIDC_PROVIDER: needs JWT_ALGORITHM=ES256, EdDSA or RS256: ID tokens are signed with the published signing keys/),
    ]);
    expect(problems({ OIDC_PROVIDER: 'on', ACCOUNT_PAGES: 'off' })).toEqual(['OIDC_PROVIDER: needs ACCOUNT_PAGES=on: people sign in and consent on the account pages']);
    const production = { NODE_ENV: 'production', SECRET_KEY: secret, SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'https://hooks.example', OIDC_PROVIDER: 'on' };
    expect(problems({ ...production, PUBLIC_URL: 'http://accounts.example.com' })).toContainEqual(
      'PUBLIC_URL: must be https:// in production, got "http://accounts.example.com"',
    );
    expect(problems({ ...production, PUBLIC_URL: 'https://accounts.example.com' })).toEqual([]);
  });
});

describe('an SMS provider built from a hand-made configuration', () => {
  const base = loadConfig({}).sms;
  const cases: [SmsConfig['providers'][number], string][] = [
    ['webhook', 'SMS_PROVIDER=webhook needs SMS_WEBHOOK_URL'],
    ['twilio', 'SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM'],
    ['naver-sens', 'SMS_PROVIDER=naver-sens needs NCP_ACCESS_KEY, NCP_SECRET_KEY, NCP_SENS_SERVICE_ID, NCP_SENS_FROM'],
    ['solapi', 'SMS_PROVIDER=solapi needs SOLAPI_API_KEY, SOLAPI_API_SECRET, SOLAPI_FROM'],
  ];

  it.each(cases)('%s: is refused without the variables loadConfig requires, in loadConfig’s words', (provider, message) => {
    expect(problems({ SMS_PROVIDER: provider })).toEqual([message]);
    expect(() => createSmsProvider({ ...base, providers: [provider] }, {} as never)).toThrow(new ConfigError([message]));
  });
});

function byTableOrder(a: string, b: string): number {
  const names = variablesOf(configTable).map((v) => v.name);
  return names.indexOf(a) - names.indexOf(b);
}

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
      throttle: { resendCooldown: 60, perPhonePerHour: 5, perPhonePerDay: 10, perIpPerHour: 30, keyFailuresPerPhonePerDay: 20, loginMaxFailures: 10, loginFailureWindow: 900 },
      argon2: { memoryKib: 19456, iterations: 2, parallelism: 1 },
      jwt: { algorithm: 'ES256', issuer: 'account-service', audience: undefined, jwksMaxAge: 300 },
    });
    expect(c.sms).toMatchObject({ providers: ['console'], timeoutMs: 5000, template: '[{app}] 인증번호 [{code}]를 입력해주세요.' });
  });
});
