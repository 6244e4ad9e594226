import type { FastifyBaseLogger } from 'fastify';
import { smsSettings, type SmsConfig } from '../config.js';
import { createConsoleProvider } from './console.js';
import { createNaverSensProvider } from './naver-sens.js';
import type { SmsProvider } from './provider.js';
import { createSolapiProvider } from './solapi.js';
import { createTwilioProvider } from './twilio.js';
import { createWebhookProvider } from './webhook.js';

/** The provider SMS_PROVIDER names, built from its settings. */
export function createSmsProvider(config: SmsConfig, log: FastifyBaseLogger): SmsProvider {
  switch (config.provider) {
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
