import type { FastifyBaseLogger } from 'fastify';
import type { SmsProvider } from './provider.js';

/** Development only (production refuses it): the message goes to the log instead of a phone. */
export function createConsoleProvider(log: FastifyBaseLogger): SmsProvider {
  return {
    name: 'console',
    async send(to, text) {
      log.info({ sms: { provider: 'console', to, text } }, `SMS to ${to}: ${text}`);
    },
  };
}
