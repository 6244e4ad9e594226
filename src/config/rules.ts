import { parsePhoneNumber } from '../phone/phone-number.js';
import { missingFor } from './read.js';
import { socialProblems } from './social-rules.js';
import { configTable, type TableValues } from './table.js';
import { webAuthnOf } from './web-origins.js';

/** `SMS_PROVIDER=twilio needs TWILIO_FROM`, or nothing when `sms` has every variable its providers need. */
export function missingSmsVariables(sms: TableValues['sms']): string | undefined {
  const missing = sms.providers.flatMap((provider) => missingFor(provider, configTable.sms, sms));
  return missing.length ? `SMS_PROVIDER=${sms.providers.join(',')} needs ${missing.join(', ')}` : undefined;
}

/** SMS_TEST_NUMBERS in E.164 with their keys; throws the rule's message for a number the service would refuse. */
export function testNumberKeys(c: Pick<TableValues, 'sms' | 'phone'>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { number, key } of c.sms.testNumbers ?? []) {
    let e164: string;
    try {
      e164 = parsePhoneNumber(number, c.phone);
    } catch {
      throw new Error(`SMS_TEST_NUMBERS: "${number}" is not a mobile number of PHONE_ALLOWED_REGIONS`);
    }
    if (keys.has(e164)) throw new Error(`SMS_TEST_NUMBERS: "${number}" is there twice`);
    keys.set(e164, key);
  }
  return keys;
}

const problemOf = (check: () => unknown): string | undefined => {
  try {
    check();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

/** What ties several variables together, checked once each variable is valid on its own. */
const rules: ((c: TableValues) => string | undefined)[] = [
  (c) =>
    c.nodeEnv === 'production' && c.secretKey === undefined ? 'SECRET_KEY: is required when NODE_ENV=production' : undefined,
  (c) =>
    c.nodeEnv === 'production' && c.sms.providers.includes('console')
      ? 'SMS_PROVIDER: "console" only prints codes to the log and is refused when NODE_ENV=production'
      : undefined,
  (c) => missingSmsVariables(c.sms),
  (c) =>
    (c.sms.solapi.kakaoPfId === undefined) !== (c.sms.solapi.kakaoTemplateId === undefined)
      ? 'SOLAPI_KAKAO_PF_ID, SOLAPI_KAKAO_TEMPLATE_ID: AlimTalk needs both, or neither for SMS only'
      : undefined,
  (c) =>
    c.captcha.provider !== undefined && c.captcha.secret === undefined
      ? 'CAPTCHA_SECRET: is required with CAPTCHA_PROVIDER'
      : undefined,
  (c) =>
    c.captcha.provider !== undefined && c.captcha.hostnames === undefined
      ? 'CAPTCHA_HOSTNAMES: is required with CAPTCHA_PROVIDER (the hostnames your widget is served on: a token solved ' +
        'on another site must not pass)'
      : undefined,
  // The pages would otherwise answer every SMS flow with 400: they cannot render a widget without it.
  (c) =>
    c.captcha.provider !== undefined && c.accountPages.enabled && c.captcha.siteKey === undefined
      ? 'CAPTCHA_SITE_KEY: is required with CAPTCHA_PROVIDER while ACCOUNT_PAGES=on (the pages render the widget with it)'
      : undefined,
  // A secret without a provider would leave the CAPTCHA off while the operator thinks it is on.
  (c) =>
    c.captcha.provider === undefined &&
    (c.captcha.secret !== undefined || c.captcha.verifyUrl !== undefined || c.captcha.hostnames !== undefined ||
      c.captcha.siteKey !== undefined || c.captcha.scriptUrl !== undefined)
      ? 'CAPTCHA_PROVIDER: is needed for CAPTCHA_SECRET, CAPTCHA_VERIFY_URL, CAPTCHA_HOSTNAMES, CAPTCHA_SITE_KEY and ' +
        'CAPTCHA_SCRIPT_URL to mean anything (turnstile, hcaptcha or recaptcha)'
      : undefined,
  (c) => problemOf(() => testNumberKeys(c)),
  (c) =>
    c.nodeEnv === 'production' && c.sms.testNumbers !== undefined && !c.sms.testNumbersInProduction
      ? 'SMS_TEST_NUMBERS: refused when NODE_ENV=production, since anyone who knows a test number and its key can ' +
        'sign in with it; set SMS_TEST_NUMBERS_IN_PRODUCTION=true to allow it (app-store review)'
      : undefined,
  (c) =>
    c.metrics.enabled && c.metrics.port !== 0 && c.metrics.port === c.port
      ? 'METRICS_PORT: must differ from PORT: /metrics is never served beside the API'
      : undefined,
  (c) =>
    c.events.webhookUrl !== undefined && c.events.webhookSecret === undefined
      ? 'EVENTS_WEBHOOK_SECRET: is required with EVENTS_WEBHOOK_URL (every delivery is signed)'
      : undefined,
  // Passkeys are always on, and their RP ID and origin come from it: localhost would do nobody any good.
  (c) =>
    c.nodeEnv === 'production' && c.publicUrl === undefined
      ? 'PUBLIC_URL: is required when NODE_ENV=production (the origin browsers reach the service at; passkeys are bound to it)'
      : undefined,
  // Passkeys, social logins' redirects and cookies that say Secure all want a secure context.
  (c) =>
    c.nodeEnv === 'production' && c.publicUrl !== undefined && !c.publicUrl.startsWith('https://')
      ? `PUBLIC_URL: must be https:// in production, got "${c.publicUrl}"`
      : undefined,
  (c) => (c.nodeEnv === 'production' && !c.publicUrl?.startsWith('https://') ? undefined : problemOf(() => webAuthnOf(c))),
  // The provider signs ID tokens with the key ring, which HS256 does not keep; a client
  // verifying an HS256 ID token would need SECRET_KEY itself.
  (c) =>
    c.oidcProvider && c.jwt.algorithm === 'HS256'
      ? 'OIDC_PROVIDER: needs JWT_ALGORITHM=ES256, EdDSA or RS256: ID tokens are signed with the published signing ' +
        'keys, and JWT_ALGORITHM=HS256 keeps none (it signs with SECRET_KEY, which no other app may hold)'
      : undefined,
  (c) =>
    c.oidcProvider && !c.accountPages.enabled
      ? 'OIDC_PROVIDER: needs ACCOUNT_PAGES=on: people sign in and consent on the account pages'
      : undefined,
  // Not fatal in general, but a default region nobody may use is surely a mistake.
  (c) =>
    c.phone.allowedRegions.includes(c.phone.defaultRegion) ? undefined : 'PHONE_DEFAULT_REGION: must be one of PHONE_ALLOWED_REGIONS',
];

/** The problems of a configuration whose variables each parsed. */
export function ruleProblems(config: TableValues): string[] {
  return [...rules.flatMap((rule) => rule(config) ?? []), ...socialProblems(config)];
}
