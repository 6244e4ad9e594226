import { availableParallelism } from 'node:os';
import { bool, cleanEnv, makeValidator, str } from 'envalid';

/**
 * Everything the service reads from its environment, parsed and validated once at start.
 * Nothing else in the code reads `process.env`.
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** `postgres://…`, `memory://`, or a PGlite data directory. */
  databaseUrl: string;
  databasePoolSize: number;
  /** Undefined in development until the server fills in the one kept in `./data`. */
  secretKey: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  appName: string;
  sms: SmsConfig;
  phone: { defaultRegion: string; allowedRegions: string[] };
  ttl: { code: number; verifyToken: number; access: number; refresh: number };
  refreshTokenRotation: boolean;
  otpMaxAttempts: number;
  throttle: {
    resendCooldown: number;
    perPhonePerHour: number;
    perPhonePerDay: number;
    perIpPerHour: number;
    loginMaxFailures: number;
    loginFailureWindow: number;
    requestsPerIpPerMinute: number;
  };
  /** argon2id cost, and how many hashes run at once (the others queue). */
  argon2: { memoryKib: number; iterations: number; parallelism: number; concurrency: number };
  bodyLimit: number;
  /** METRICS=off disables /metrics; METRICS_PORT serves it on its own listener instead of PORT. */
  metrics: { enabled: boolean; port: number | undefined };
  /** The pages at /account/: ACCOUNT_PAGES=off leaves the service an API only. */
  accountPages: { enabled: boolean; logoUrl: string | undefined; primaryColor: string };
}

export interface SmsConfig {
  provider: 'console' | 'webhook' | 'twilio' | 'naver-sens' | 'solapi';
  template: string;
  timeoutMs: number;
  webhook: { url?: string; secret?: string };
  twilio: { accountSid?: string; authToken?: string; from?: string; baseUrl: string };
  naverSens: { accessKey?: string; secretKey?: string; serviceId?: string; from?: string; baseUrl: string };
  solapi: { apiKey?: string; apiSecret?: string; from?: string; baseUrl: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  makeValidator<number>((raw) => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new Error(`must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  });

const regionList = makeValidator<string[]>((raw) => {
  const list = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (list.length === 0 || list.some((r) => !/^[A-Z]{2}$/.test(r))) {
    throw new Error(`must be a comma list of two-letter region codes, got "${raw}"`);
  }
  return list;
});

const region = makeValidator<string>((raw) => {
  const r = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(r)) throw new Error(`must be a two-letter region code, got "${raw}"`);
  return r;
});

// Only #rgb or #rrggbb: the colour is written into the pages' style, so nothing else may get through.
const hexColor = makeValidator<string>((raw) => {
  const c = raw.trim();
  if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c)) throw new Error(`must be a colour as #rrggbb, got "${raw}"`);
  return c.toLowerCase();
});

const optional = { default: undefined } as const;

/** Variables that each SMS provider needs before the service may start with it. */
const providerVariables: Record<SmsConfig['provider'], string[]> = {
  console: [],
  webhook: ['SMS_WEBHOOK_URL'],
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'],
  'naver-sens': ['NCP_ACCESS_KEY', 'NCP_SECRET_KEY', 'NCP_SENS_SERVICE_ID', 'NCP_SENS_FROM'],
  solapi: ['SOLAPI_API_KEY', 'SOLAPI_API_SECRET', 'SOLAPI_FROM'],
};

/** Parses an environment into a Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const e = cleanEnv(
    env,
    {
      NODE_ENV: str({ choices: ['development', 'production', 'test'], default: 'development' }),
      PORT: int(0, 65535)({ default: 8000 }),
      HOST: str({ default: '0.0.0.0' }),
      DATABASE_URL: str({ default: './data/pglite' }),
      DATABASE_POOL_SIZE: int(1, 1000)({ default: 10 }),
      SECRET_KEY: str(optional),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      TRUST_PROXY: bool({ default: false }),
      APP_NAME: str({ default: 'User Demo' }),
      SMS_PROVIDER: str({ choices: ['console', 'webhook', 'twilio', 'naver-sens', 'solapi'], default: 'console' }),
      SMS_TEMPLATE: str({ default: '[{app}] 인증번호 [{code}]를 입력해주세요.' }),
      SMS_TIMEOUT_MS: int(1, 120_000)({ default: 5000 }),
      SMS_WEBHOOK_URL: str(optional),
      SMS_WEBHOOK_SECRET: str(optional),
      TWILIO_ACCOUNT_SID: str(optional),
      TWILIO_AUTH_TOKEN: str(optional),
      TWILIO_FROM: str(optional),
      TWILIO_BASE_URL: str({ default: 'https://api.twilio.com' }),
      NCP_ACCESS_KEY: str(optional),
      NCP_SECRET_KEY: str(optional),
      NCP_SENS_SERVICE_ID: str(optional),
      NCP_SENS_FROM: str(optional),
      NCP_SENS_BASE_URL: str({ default: 'https://sens.apigw.ntruss.com' }),
      SOLAPI_API_KEY: str(optional),
      SOLAPI_API_SECRET: str(optional),
      SOLAPI_FROM: str(optional),
      SOLAPI_BASE_URL: str({ default: 'https://api.solapi.com' }),
      PHONE_DEFAULT_REGION: region({ default: 'KR' }),
      PHONE_ALLOWED_REGIONS: regionList({ default: ['KR'] }),
      PHONE_VERIFY_CODE_TTL_SECONDS: int(1)({ default: 300 }),
      PHONE_VERIFY_TOKEN_TTL_SECONDS: int(1)({ default: 600 }),
      ACCESS_TOKEN_TTL_SECONDS: int(1)({ default: 300 }),
      REFRESH_TOKEN_TTL_SECONDS: int(1)({ default: 86400 }),
      REFRESH_TOKEN_ROTATION: bool({ default: false }),
      OTP_MAX_ATTEMPTS: int(1, 1000)({ default: 5 }),
      OTP_RESEND_COOLDOWN_SECONDS: int(0)({ default: 60 }),
      SMS_MAX_PER_PHONE_PER_HOUR: int(1)({ default: 5 }),
      SMS_MAX_PER_PHONE_PER_DAY: int(1)({ default: 10 }),
      SMS_MAX_PER_IP_PER_HOUR: int(1)({ default: 30 }),
      LOGIN_MAX_FAILURES: int(1)({ default: 10 }),
      LOGIN_FAILURE_WINDOW_SECONDS: int(1)({ default: 900 }),
      RATE_LIMIT_PER_IP_PER_MINUTE: int(1)({ default: 600 }),
      ARGON2_MEMORY_KIB: int(8, 4_194_304)({ default: 19456 }),
      ARGON2_ITERATIONS: int(1, 100)({ default: 2 }),
      ARGON2_PARALLELISM: int(1, 16)({ default: 1 }),
      ARGON2_CONCURRENCY: int(1, 1024)(optional),
      METRICS: str({ choices: ['on', 'off'], default: 'on' }),
      METRICS_PORT: int(0, 65535)(optional),
      ACCOUNT_PAGES: str({ choices: ['on', 'off'], default: 'on' }),
      ACCOUNT_PAGES_LOGO_URL: str(optional),
      ACCOUNT_PAGES_PRIMARY_COLOR: hexColor({ default: '#1d4ed8' }),
    },
    {
      reporter: ({ errors }) => {
        for (const [name, err] of Object.entries(errors)) {
          const msg = err instanceof Error ? err.message : String(err);
          problems.push(`${name}: ${/^Missing/.test(msg) ? 'is required' : msg}`);
        }
      },
    },
  );
  if (problems.length) throw new ConfigError(problems);

  const production = e.NODE_ENV === 'production';
  if (e.SECRET_KEY !== undefined && e.SECRET_KEY.length < 32) {
    problems.push('SECRET_KEY: must be at least 32 characters');
  }
  if (production && e.SECRET_KEY === undefined) {
    problems.push('SECRET_KEY: is required when NODE_ENV=production');
  }
  if (production && e.SMS_PROVIDER === 'console') {
    problems.push('SMS_PROVIDER: "console" only prints codes to the log and is refused when NODE_ENV=production');
  }
  const provider = e.SMS_PROVIDER as SmsConfig['provider'];
  const missing = providerVariables[provider].filter((name) => !env[name]);
  if (missing.length) problems.push(`SMS_PROVIDER=${provider} needs ${missing.join(', ')}`);
  const logo = e.ACCOUNT_PAGES_LOGO_URL;
  if (logo !== undefined && !isHttpUrl(logo) && !/^\/(?!\/)\S*$/.test(logo)) {
    problems.push(`ACCOUNT_PAGES_LOGO_URL: must be an http(s) URL or a path starting with /, got "${logo}"`);
  }
  for (const name of ['SMS_WEBHOOK_URL', 'TWILIO_BASE_URL', 'NCP_SENS_BASE_URL', 'SOLAPI_BASE_URL'] as const) {
    const v = e[name];
    if (v !== undefined && !isHttpUrl(v)) problems.push(`${name}: must be an http(s) URL, got "${v}"`);
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (leave it unset to serve /metrics on PORT)');
  }
  if (!e.PHONE_ALLOWED_REGIONS.includes(e.PHONE_DEFAULT_REGION)) {
    // Not fatal in general, but a default region nobody may use is surely a mistake.
    problems.push('PHONE_DEFAULT_REGION: must be one of PHONE_ALLOWED_REGIONS');
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    nodeEnv: e.NODE_ENV as Config['nodeEnv'],
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    secretKey: e.SECRET_KEY,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    appName: e.APP_NAME,
    sms: {
      provider,
      template: e.SMS_TEMPLATE,
      timeoutMs: e.SMS_TIMEOUT_MS,
      webhook: { url: e.SMS_WEBHOOK_URL, secret: e.SMS_WEBHOOK_SECRET },
      twilio: {
        accountSid: e.TWILIO_ACCOUNT_SID,
        authToken: e.TWILIO_AUTH_TOKEN,
        from: e.TWILIO_FROM,
        baseUrl: e.TWILIO_BASE_URL,
      },
      naverSens: {
        accessKey: e.NCP_ACCESS_KEY,
        secretKey: e.NCP_SECRET_KEY,
        serviceId: e.NCP_SENS_SERVICE_ID,
        from: e.NCP_SENS_FROM,
        baseUrl: e.NCP_SENS_BASE_URL,
      },
      solapi: { apiKey: e.SOLAPI_API_KEY, apiSecret: e.SOLAPI_API_SECRET, from: e.SOLAPI_FROM, baseUrl: e.SOLAPI_BASE_URL },
    },
    phone: { defaultRegion: e.PHONE_DEFAULT_REGION, allowedRegions: e.PHONE_ALLOWED_REGIONS },
    ttl: {
      code: e.PHONE_VERIFY_CODE_TTL_SECONDS,
      verifyToken: e.PHONE_VERIFY_TOKEN_TTL_SECONDS,
      access: e.ACCESS_TOKEN_TTL_SECONDS,
      refresh: e.REFRESH_TOKEN_TTL_SECONDS,
    },
    refreshTokenRotation: e.REFRESH_TOKEN_ROTATION,
    otpMaxAttempts: e.OTP_MAX_ATTEMPTS,
    throttle: {
      resendCooldown: e.OTP_RESEND_COOLDOWN_SECONDS,
      perPhonePerHour: e.SMS_MAX_PER_PHONE_PER_HOUR,
      perPhonePerDay: e.SMS_MAX_PER_PHONE_PER_DAY,
      perIpPerHour: e.SMS_MAX_PER_IP_PER_HOUR,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginFailureWindow: e.LOGIN_FAILURE_WINDOW_SECONDS,
      requestsPerIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE,
    },
    argon2: {
      memoryKib: e.ARGON2_MEMORY_KIB,
      iterations: e.ARGON2_ITERATIONS,
      parallelism: e.ARGON2_PARALLELISM,
      concurrency: e.ARGON2_CONCURRENCY ?? availableParallelism(),
    },
    bodyLimit: 1024 * 1024,
    metrics: { enabled: e.METRICS === 'on', port: e.METRICS_PORT },
    accountPages: {
      enabled: e.ACCOUNT_PAGES === 'on',
      logoUrl: e.ACCOUNT_PAGES_LOGO_URL,
      primaryColor: e.ACCOUNT_PAGES_PRIMARY_COLOR,
    },
  };
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
