import { availableParallelism } from 'node:os';
import { EVENT_TYPES } from '../events/types.js';
import {
  atLeast,
  flag,
  fraction,
  hexColor,
  httpUrl,
  int,
  onOff,
  oneOf,
  providerList,
  regionCode,
  regionList,
  smsTemplate,
  someOf,
  testNumbers,
  text,
  trustProxy,
  urlOrPath,
  webhookSecret,
} from './parsers.js';
import { publicUrl } from './public-url.js';
import type { Values } from './read.js';
import { socialTable } from './social-table.js';
import { captchaTable } from './captcha-table.js';
import { computed, neededBy, unset, variable } from './variable.js';
import { originList, rpId } from './web-origins.js';

/**
 * Every variable the service reads, once: where its value goes in the Config (this object's
 * shape), how it is parsed, its default and its line in docs/configuration.md, which all come
 * from here; rules that tie several variables together are in rules.ts.
 */
export const configTable = {
  nodeEnv: variable('NODE_ENV', oneOf('development', 'production', 'test'), 'development',
    '`production` refuses the `console` SMS provider, a missing `SECRET_KEY` and `SMS_TEST_NUMBERS` (unless ' +
      '`SMS_TEST_NUMBERS_IN_PRODUCTION=true`)'),
  port: variable('PORT', int(0, 65535), '8000', 'the port it listens on'),
  host: variable('HOST', text, '0.0.0.0', 'the address it listens on'),
  publicUrl: variable('PUBLIC_URL', publicUrl, unset('`http://localhost:PORT` outside production'),
    'the origin (and path prefix, if any) at which browsers and apps reach the service, e.g. ' +
      '`https://accounts.example.com`; the redirect URIs registered with social providers, the passkeys\' RP ID and ' +
      'origin, and the OpenID issuer (`OIDC_PROVIDER`) come from it. Required when NODE_ENV=production'),
  databaseUrl: variable('DATABASE_URL', text, './data/pglite',
    '`postgres://…` for PostgreSQL; `memory://` for a throwaway in-memory PGlite; another value is a PGlite data directory'),
  databasePoolSize: variable('DATABASE_POOL_SIZE', int(1, 1000), '10', 'PostgreSQL connections per instance'),
  databasePoolMode: variable('DATABASE_POOL_MODE', oneOf('session', 'transaction'), 'session',
    'how the connections to `DATABASE_URL` are pooled: `session` for a PostgreSQL server (or PgBouncer in session mode); ' +
      '`transaction` behind a transaction pooler (PgBouncer `pool_mode = transaction`): statements are sent unnamed, ' +
      'parsed on every call, and the webhook sender polls each second instead of listening'),
  secretKey: variable('SECRET_KEY', atLeast(32), unset('dev: random, kept in `./data/secret-key`'),
    'signs HS256 JWTs, encrypts the private parts of the signing keys and keys the HMAC of stored keys and tokens; ' +
      '≥ 32 characters; required in production'),
  logLevel: variable('LOG_LEVEL', oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'info',
    'pino level (`silent` to mute)'),
  logFormat: variable('LOG_FORMAT', oneOf('pretty', 'json'), unset('`pretty` in development, `json` otherwise'),
    '`pretty`: a readable line per entry (pino-pretty), the SMS of the `console` provider highlighted; `json`: one JSON object a line, for machines'),
  trustProxy: variable('TRUST_PROXY', trustProxy, 'false',
    'which proxies\' `X-Forwarded-For` entries to believe: a hop count (`1`: one proxy in front, which every request ' +
      'passes) or a comma list of proxy addresses or CIDRs (`10.0.0.0/8`, `loopback`); the client IP is the nearest ' +
      'address that is not a trusted proxy. `true` is refused: it would believe what clients write'),
  appName: variable('APP_NAME', text, 'User Demo', 'used in the SMS text'),
  sms: {
    providers: variable('SMS_PROVIDER', providerList, 'console',
      '`console`, `webhook`, `twilio`, `naver-sens`, `solapi`, or an ordered comma list of them (`solapi,naver-sens`): ' +
        'a provider that fails or times out hands the message to the next one in the same request'),
    template: variable('SMS_TEMPLATE', smsTemplate, '[{app}] 인증번호 [{code}]를 입력해주세요.', '`{app}` and `{code}` are replaced'),
    templateEn: variable('SMS_TEMPLATE_EN', smsTemplate, '[{app}] Your verification code is [{code}].',
      'the text for requests whose `Accept-Language` prefers English'),
    timeoutMs: variable('SMS_TIMEOUT_MS', int(1, 120_000), '5000', 'a provider slower than this has failed'),
    failoverAfter: variable('SMS_FAILOVER_AFTER', int(1, 1000), '5',
      'a provider that failed this many times in a row (outages, not refusals of a number) is skipped for ' +
        '`SMS_FAILOVER_SECONDS`, by this instance'),
    failoverSeconds: variable('SMS_FAILOVER_SECONDS', int(0, 86_400), '60',
      'how long such a provider is skipped; when every provider is, the one skipped first is tried'),
    testNumbers: variable('SMS_TEST_NUMBERS', testNumbers, unset(),
      '`01000000001=123456,…`: these numbers get that fixed key, no SMS is sent and no limit counts them (app-store ' +
        'review, QA); wrong keys still count against `OTP_MAX_FAILURES_PER_PHONE_PER_DAY` ([sms.md](sms.md#fighting-sms-abuse))'),
    testNumbersInProduction: variable('SMS_TEST_NUMBERS_IN_PRODUCTION', flag, 'false',
      '`true` lets `SMS_TEST_NUMBERS` be used with `NODE_ENV=production`, which refuses them otherwise'),
    webhook: {
      url: variable('SMS_WEBHOOK_URL', httpUrl, neededBy('webhook'), 'the `webhook` provider: where it POSTs `{"to", "text"}`'),
      secret: variable('SMS_WEBHOOK_SECRET', text, unset(),
        'the `webhook` provider: signs each body (`X-Signature: sha256=<HMAC>`)'),
    },
    twilio: {
      accountSid: variable('TWILIO_ACCOUNT_SID', text, neededBy('twilio'), 'the `twilio` provider: Account SID'),
      authToken: variable('TWILIO_AUTH_TOKEN', text, neededBy('twilio'), 'the `twilio` provider: Auth Token'),
      from: variable('TWILIO_FROM', text, neededBy('twilio'),
        'the `twilio` provider: a Twilio number, an alphanumeric sender ID or a Messaging Service SID'),
      baseUrl: variable('TWILIO_BASE_URL', httpUrl, 'https://api.twilio.com', 'the `twilio` provider: API base URL'),
    },
    naverSens: {
      accessKey: variable('NCP_ACCESS_KEY', text, neededBy('naver-sens'), 'the `naver-sens` provider: access key'),
      secretKey: variable('NCP_SECRET_KEY', text, neededBy('naver-sens'), 'the `naver-sens` provider: secret key'),
      serviceId: variable('NCP_SENS_SERVICE_ID', text, neededBy('naver-sens'), 'the `naver-sens` provider: service ID'),
      from: variable('NCP_SENS_FROM', text, neededBy('naver-sens'), 'the `naver-sens` provider: registered calling number'),
      baseUrl: variable('NCP_SENS_BASE_URL', httpUrl, 'https://sens.apigw.ntruss.com', 'the `naver-sens` provider: API base URL'),
    },
    solapi: {
      apiKey: variable('SOLAPI_API_KEY', text, neededBy('solapi'), 'the `solapi` provider: API key'),
      apiSecret: variable('SOLAPI_API_SECRET', text, neededBy('solapi'), 'the `solapi` provider: API secret'),
      from: variable('SOLAPI_FROM', text, neededBy('solapi'), 'the `solapi` provider: registered calling number'),
      baseUrl: variable('SOLAPI_BASE_URL', httpUrl, 'https://api.solapi.com', 'the `solapi` provider: API base URL'),
      kakaoPfId: variable('SOLAPI_KAKAO_PF_ID', atLeast(1), unset(),
        'the `solapi` provider: with `SOLAPI_KAKAO_TEMPLATE_ID`, keys to Korean numbers go as a KakaoTalk AlimTalk ' +
          'from this channel (its pfId), with SMS fallback'),
      kakaoTemplateId: variable('SOLAPI_KAKAO_TEMPLATE_ID', atLeast(1), unset(),
        'the `solapi` provider: the approved AlimTalk template the key goes into'),
      kakaoKeyVariable: variable('SOLAPI_KAKAO_KEY_VARIABLE', atLeast(1), '인증번호',
        'the `solapi` provider: the template\'s variable that holds the key (`#{인증번호}`)'),
    },
  },
  phone: {
    defaultRegion: variable('PHONE_DEFAULT_REGION', regionCode, 'KR', 'region for numbers written without `+`'),
    allowedRegions: variable('PHONE_ALLOWED_REGIONS', regionList, 'KR',
      'comma list; codes are only sent to mobile numbers of these regions'),
  },
  ttl: {
    code: variable('PHONE_VERIFY_CODE_TTL_SECONDS', int(1), '300', 'a key can be confirmed this long after it was sent'),
    verifyToken: variable('PHONE_VERIFY_TOKEN_TTL_SECONDS', int(1), '600',
      'a verification token can be used this long after it was issued'),
    access: variable('ACCESS_TOKEN_TTL_SECONDS', int(1), '300', 'access JWT lifetime'),
    refresh: variable('REFRESH_TOKEN_TTL_SECONDS', int(1), '86400', 'refresh JWT (session) lifetime'),
  },
  jwt: {
    algorithm: variable('JWT_ALGORITHM', oneOf('ES256', 'EdDSA', 'RS256', 'HS256'), 'ES256',
      '`ES256`, `EdDSA`, `RS256`: signed with keys kept in the database and published at `/.well-known/jwks.json`; ' +
        '`HS256`: signed with `SECRET_KEY` as SimpleJWT does, no keys published'),
    issuer: variable('JWT_ISSUER', atLeast(1), 'account-service', 'the `iss` claim of every token'),
    audience: variable('JWT_AUDIENCE', atLeast(1), unset(), 'when set, the `aud` claim of every token'),
    jwksMaxAge: variable('JWKS_MAX_AGE_SECONDS', int(0, 86_400), '300',
      'how long verifiers may cache `/.well-known/jwks.json`; a key made by `keys rotate` signs only this long ' +
        '(plus 5 s) after it is published'),
  },
  refreshTokenRotation: variable('REFRESH_TOKEN_ROTATION', flag, 'false',
    'refresh also returns a new refresh token; a retired one revokes the session'),
  refreshTokenReuseInterval: variable('REFRESH_TOKEN_REUSE_INTERVAL_SECONDS', int(0, 86_400), '10',
    'with rotation, a just-retired refresh token presented again within this many seconds (two tabs, a retried ' +
      'request) gets a fresh pair for the same session instead of revoking it; `0`: never'),
  otpMaxAttempts: variable('OTP_MAX_ATTEMPTS', int(1, 1000), '5', 'wrong keys that kill a pending key'),
  throttle: {
    resendCooldown: variable('OTP_RESEND_COOLDOWN_SECONDS', int(0), '60',
      'no new key for a phone within this many seconds of its last one, whether that key is pending, used or dead'),
    perPhonePerHour: variable('SMS_MAX_PER_PHONE_PER_HOUR', int(1), '5',
      'keys sent to one phone in an hour at the request of one client IP, so one client cannot use up a phone\'s keys'),
    perPhonePerDay: variable('SMS_MAX_PER_PHONE_PER_DAY', int(1), '10',
      'keys sent to one phone in a day, whoever asked; past it the phone gets one more every ' +
        '`SMS_PHONE_TRICKLE_SECONDS`, but a client that left two of its keys to that phone unused (since it last used ' +
        'one) waits for the day to pass'),
    phoneTrickle: variable('SMS_PHONE_TRICKLE_SECONDS', int(0, 86_400), '900',
      'past `SMS_MAX_PER_PHONE_PER_DAY`, a phone still gets a key this often, so whoever spends a phone\'s daily keys ' +
        'without using them cannot lock its owner out for the day; `0`: the daily cap closes the phone until the day ' +
        'has passed'),
    perIpPerHour: variable('SMS_MAX_PER_IP_PER_HOUR', int(1), '30', 'keys requested from one client IP in an hour'),
    smsPerHour: variable('SMS_MAX_PER_HOUR', int(0), '1000',
      'keys sent by the whole service in an hour, every instance together; past it `POST /phone-verify` answers 503 ' +
        'with `Retry-After`; `0`: no cap'),
    smsPerDay: variable('SMS_MAX_PER_DAY', int(0), '10000', 'the same, in a day; `0`: no cap'),
    keyFailuresPerPhonePerDay: variable('OTP_MAX_FAILURES_PER_PHONE_PER_DAY', int(1), '20',
      'wrong keys for one phone in a day, over all its keys; past it each key takes one try, from the client that ' +
        'asked for it, and confirm and key login answer 429 to any other until the day has passed. A new key does not ' +
        'reset the count'),
    loginMaxFailures: variable('LOGIN_MAX_FAILURES', int(1), '10',
      'failed logins per identifier and IP before 429, within `LOGIN_FAILURE_WINDOW_SECONDS`'),
    loginFailureWindow: variable('LOGIN_FAILURE_WINDOW_SECONDS', int(1), '900', 'the window `LOGIN_MAX_FAILURES` counts in'),
    loginMaxAccountFailures: variable('LOGIN_MAX_ACCOUNT_FAILURES', int(1, 1_000_000), '50',
      'consecutive failed passwords (or second-factor codes) with one identifier, an email or a phone number, from any ' +
        'IP, that lock password login with it (429). Each identifier has its own, so a lock says nothing of the ' +
        'account\'s other one; an account has two, so the default keeps it within NIST SP 800-63B\'s 100. SMS-key ' +
        'login stays open and unlocks them, as does a password reset'),
    loginAccountLock: variable('LOGIN_ACCOUNT_LOCK_SECONDS', int(1, 31_536_000), '3600',
      'how long `LOGIN_MAX_ACCOUNT_FAILURES` locks password login; failures this far apart are forgotten'),
    mfaMaxFailures: variable('MFA_MAX_FAILURES', int(1, 1000), '10',
      'wrong second-factor codes for one account after a right password, or after a right SMS key (each way in ' +
        'its own count), or from a signed-in session, from any IP, before codes that way are refused (429) for ' +
        '`MFA_LOCK_SECONDS`. A login does not reset it: the guesses a password thief gets are bounded for good'),
    mfaLock: variable('MFA_LOCK_SECONDS', int(1, 31_536_000), '86400',
      'how long `MFA_MAX_FAILURES` refuses second-factor codes; failures this far apart are forgotten'),
    requestsPerIpPerMinute: variable('RATE_LIMIT_PER_IP_PER_MINUTE', int(1), '600',
      'requests per client IP per minute, all routes'),
  },
  smsBreaker: {
    minSent: variable('SMS_BREAKER_MIN_SENT', int(1), '50',
      'the conversion breaker against SMS pumping: once this many keys were sent to one country calling code in the ' +
        'last hour and fewer than `SMS_BREAKER_MIN_CONVERSION` of them were confirmed, that country is paused for an ' +
        'hour (503 for its numbers, but for a client whose last key there was confirmed); the country of ' +
        '`PHONE_DEFAULT_REGION` is never paused: an error is logged instead ([sms.md](sms.md#fighting-sms-abuse))'),
    minConversion: variable('SMS_BREAKER_MIN_CONVERSION', fraction, '0.2',
      'the share of those keys that must have been confirmed; `0`: no breaker'),
  },
  captcha: captchaTable,
  argon2: {
    memoryKib: variable('ARGON2_MEMORY_KIB', int(8, 4_194_304), '19456', 'argon2id memory (OWASP\'s m = 19 MiB)'),
    iterations: variable('ARGON2_ITERATIONS', int(1, 100), '2', 'argon2id passes (OWASP\'s t = 2)'),
    parallelism: variable('ARGON2_PARALLELISM', int(1, 16), '1', 'argon2id lanes (OWASP\'s p = 1)'),
    concurrency: variable('ARGON2_CONCURRENCY', int(1, 1024), computed(availableParallelism, 'the number of cores'),
      'hashes computed at once; more wait their turn in arrival order (each holds `ARGON2_MEMORY_KIB` while it runs). ' +
        '`dist/start.cjs` also gives libuv\'s thread pool this many threads unless `UV_THREADPOOL_SIZE` is set'),
    djangoConcurrency: variable('DJANGO_HASH_CONCURRENCY', int(1, 64), '1',
      'Django hashes of imported users (pbkdf2, argon2) checked at once, on a queue of their own: each takes one of ' +
        'the hashing threads and up to 100 MiB while it runs. More wait their turn; past 4 waiting per slot a password ' +
        'login answers 503. Raise it (and `ARGON2_CONCURRENCY`) while many users still log in with a Django password'),
  },
  metrics: {
    enabled: variable('METRICS', onOff, 'on', '`off`: no `/metrics` and nothing counted'),
    port: variable('METRICS_PORT', int(0, 65535), '9464',
      '`/metrics` listens on this port of its own (same `HOST`), never on `PORT`, so it can stay off the public ' +
        'network; `0`: any free port (the log says which)'),
  },
  accountPages: {
    enabled: variable('ACCOUNT_PAGES', onOff, 'on', '`off`: no pages at `/account/`, the service is an API only'),
    logoUrl: variable('ACCOUNT_PAGES_LOGO_URL', urlOrPath, unset(), 'a logo for the pages\' header: an http(s) URL or a path'),
    primaryColor: variable('ACCOUNT_PAGES_PRIMARY_COLOR', hexColor, '#1d4ed8', 'the pages\' primary colour, `#rrggbb`'),
  },
  webauthn: {
    rpId: variable('WEBAUTHN_RP_ID', rpId, unset('`PUBLIC_URL`\'s host'),
      'the passkeys\' relying party ID: the domain they are bound to, `PUBLIC_URL`\'s host or a parent domain of it ' +
        '(`example.com` lets every subdomain use them). Changing it later leaves every passkey unusable ([passkeys.md](passkeys.md))'),
    rpName: variable('WEBAUTHN_RP_NAME', atLeast(1), unset('`APP_NAME`'), 'the name a browser shows when it makes or uses a passkey'),
    origins: variable('WEBAUTHN_ORIGINS', originList, unset('`PUBLIC_URL`\'s origin'),
      'comma list of the origins passkeys are used from, each on the RP ID: web origins (`https://accounts.example.com`), ' +
        'and Android apps\' `android:apk-key-hash:…` ([passkeys.md](passkeys.md#apps))'),
  },
  social: socialTable,
  oidcProvider: variable('OIDC_PROVIDER', onOff, 'off',
    '`on`: the service is an OpenID provider for the product\'s other apps (`/oidc/*`, ' +
      '`/.well-known/openid-configuration`; [openid-provider.md](openid-provider.md)); needs an asymmetric ' +
      '`JWT_ALGORITHM` and the account pages'),
  docs: variable('DOCS', onOff, 'on', '`off`: no `/docs` and no `/openapi.json`'),
  events: {
    webhookUrl: variable('EVENTS_WEBHOOK_URL', httpUrl, unset(),
      'where every account event is POSTed, signed as Standard Webhooks says; unset: events are only kept (the audit log)'),
    webhookSecret: variable('EVENTS_WEBHOOK_SECRET', webhookSecret, unset(),
      'signs each delivery: `whsec_` and the base64 of 24 to 64 random bytes; required with `EVENTS_WEBHOOK_URL`'),
    webhookTypes: variable('EVENTS_WEBHOOK_TYPES', someOf(EVENT_TYPES),
      computed(() => EVENT_TYPES.filter((t) => t !== 'login.failed'), 'every type but `login.failed`'),
      'comma list of the event types sent; the others are kept in the audit log only'),
    webhookTimeoutMs: variable('EVENTS_WEBHOOK_TIMEOUT_MS', int(100, 120_000), '15000',
      'a receiver slower than this to answer has failed that attempt'),
    maxAttempts: variable('EVENTS_MAX_ATTEMPTS', int(1, 100), '12',
      'attempts at delivering an event (after about 5 s, 30 s, 2 min, 10 min, 30 min, then hourly) before it is kept as failed'),
    retentionDays: variable('AUDIT_RETENTION_DAYS', int(1, 36_500), '365',
      'events are kept this many days, then dropped with their partition (a twelfth of this wide) at most that much later; those the webhook sender still holds, pending or failed, are kept'),
  },
};

/** What the table reads to: the Config but for `bodyLimit`, a constant loadConfig adds. */
export type TableValues = Values<typeof configTable>;
