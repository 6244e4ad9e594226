import { missingFor } from './read.js';
import { configTable, type TableValues } from './table.js';

/** `SMS_PROVIDER=twilio needs TWILIO_FROM`, or nothing when `sms` has every variable its provider needs. */
export function missingSmsVariables(sms: TableValues['sms']): string | undefined {
  const missing = missingFor(sms.provider, configTable.sms, sms);
  return missing.length ? `SMS_PROVIDER=${sms.provider} needs ${missing.join(', ')}` : undefined;
}

/** What ties several variables together, checked once each variable is valid on its own. */
const rules: ((c: TableValues) => string | undefined)[] = [
  (c) =>
    c.nodeEnv === 'production' && c.secretKey === undefined ? 'SECRET_KEY: is required when NODE_ENV=production' : undefined,
  (c) =>
    c.nodeEnv === 'production' && c.sms.provider === 'console'
      ? 'SMS_PROVIDER: "console" only prints codes to the log and is refused when NODE_ENV=production'
      : undefined,
  (c) => missingSmsVariables(c.sms),
  (c) =>
    c.metrics.enabled && c.metrics.port !== 0 && c.metrics.port === c.port
      ? 'METRICS_PORT: must differ from PORT: /metrics is never served beside the API'
      : undefined,
  (c) =>
    c.events.webhookUrl !== undefined && c.events.webhookSecret === undefined
      ? 'EVENTS_WEBHOOK_SECRET: is required with EVENTS_WEBHOOK_URL (every delivery is signed)'
      : undefined,
  // Not fatal in general, but a default region nobody may use is surely a mistake.
  (c) =>
    c.phone.allowedRegions.includes(c.phone.defaultRegion) ? undefined : 'PHONE_DEFAULT_REGION: must be one of PHONE_ALLOWED_REGIONS',
];

/** The problems of a configuration whose variables each parsed. */
export function ruleProblems(config: TableValues): string[] {
  return rules.flatMap((rule) => rule(config) ?? []);
}
