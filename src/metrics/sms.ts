import { SmsSendError, type SmsProvider } from '../sms/provider.js';
import type { Metrics } from './metrics.js';

/**
 * Counts what a provider does without the provider, or the code that sends codes,
 * knowing about metrics: the same interface, wrapped.
 */
export function countingSmsProvider(inner: SmsProvider, metrics: Metrics): SmsProvider {
  const labels = { provider: inner.name };
  return {
    name: inner.name,
    async send(to, text, details) {
      const stop = metrics.smsDuration.startTimer(labels);
      try {
        await inner.send(to, text, details);
        metrics.smsSent.inc(labels);
      } catch (err) {
        metrics.smsFailed.inc(labels);
        if (err instanceof SmsSendError && err.kind === 'refused') metrics.smsRefused.inc(labels);
        throw err;
      } finally {
        stop();
      }
    },
  };
}
