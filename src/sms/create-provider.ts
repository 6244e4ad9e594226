import type { FastifyBaseLogger } from 'fastify';
import { smsSettings, type SmsConfig } from '../config.js';
import type { SmsProviderName } from '../config/parsers.js';
import { createConsoleProvider } from './console.js';
import { failoverProvider, type FailoverOptions } from './failover.js';
import { createNaverSensProvider } from './naver-sens.js';
import type { SmsProvider } from './provider.js';
import { createSolapiProvider } from './solapi.js';
import { createTwilioProvider } from './twilio.js';
import { createWebhookProvider } from './webhook.js';

/** One provider SMS_PROVIDER names, built from its settings. */
export function createOneProvider(config: SmsConfig, name: SmsProviderName, log: FastifyBaseLogger): SmsProvider {
  switch (name) {
    case 'console':
      return createConsoleProvider(log);
    case 'webhook':
      return createWebhookProvider(smsSettings(config, 'webhook'), config.timeoutMs);
    case 'twilio':
      return createTwilioProvider(smsSettings(config, 'twilio'), config.timeoutMs);
    case 'naver-sens':
      return createNaverSensProvider(smsSettings(config, 'naverSens'), config.timeoutMs);
    case 'solapi':
      return createSolapiProvider(smsSettings(config, 'solapi'), config.timeoutMs);
  }
}

/**
 * The providers SMS_PROVIDER names, in its order, failing over from one to the next;
 * `wrap` sees each one first (the metrics count per provider).
 */
export function createSmsProvider(
  config: SmsConfig,
  log: FastifyBaseLogger,
  opts: { wrap?: (p: SmsProvider) => SmsProvider } & Pick<FailoverOptions, 'onSkip' | 'onFailover'> = {},
): SmsProvider {
  const wrap = opts.wrap ?? ((p: SmsProvider) => p);
  const providers = config.providers.map((name) => wrap(createOneProvider(config, name, log)));
  return failoverProvider(providers, log, {
    after: config.failoverAfter,
    seconds: config.failoverSeconds,
    ...(opts.onSkip ? { onSkip: opts.onSkip } : {}),
    ...(opts.onFailover ? { onFailover: opts.onFailover } : {}),
  });
}
