import type { FastifyBaseLogger } from 'fastify';
import { SmsSendError, type SmsProvider } from './provider.js';

export interface FailoverOptions {
  /** Consecutive outages after which a provider is skipped (SMS_FAILOVER_AFTER). */
  after: number;
  /** How long it is skipped (SMS_FAILOVER_SECONDS). */
  seconds: number;
  now?: () => number;
  /** Told when a provider is skipped for a send, and when one hands a message to the next. */
  onSkip?: (provider: string) => void;
  onFailover?: (from: string) => void;
}

interface State {
  provider: SmsProvider;
  failures: number;
  /** Epoch ms until which it is skipped; 0 when it is not. */
  skippedUntil: number;
  skippedAt: number;
}

/**
 * SMS_PROVIDER as an ordered list: each message goes to the first provider not skipped,
 * and an outage hands it to the next within the same send. A refusal of the number is
 * final (the next provider would refuse it too, and an opt-out must hold). Skipping is
 * per instance: it is about what this instance can reach, and keeps no shared state in the
 * hot path. When every provider is skipped, the one skipped first is tried, so a recovery
 * is noticed without waiting for all of them.
 */
export function failoverProvider(providers: SmsProvider[], log: FastifyBaseLogger, opts: FailoverOptions): SmsProvider {
  if (providers.length === 1) return providers[0]!;
  const now = opts.now ?? Date.now;
  const states: State[] = providers.map((provider) => ({ provider, failures: 0, skippedUntil: 0, skippedAt: 0 }));

  const order = (): State[] => {
    const t = now();
    const open = states.filter((s) => s.skippedUntil <= t);
    for (const s of states) if (s.skippedUntil > t) opts.onSkip?.(s.provider.name);
    if (open.length > 0) return open;
    return [states.reduce((a, b) => (b.skippedAt < a.skippedAt ? b : a))];
  };

  return {
    name: providers.map((p) => p.name).join(','),
    async send(to, text, details) {
      let last: unknown;
      const tries = order();
      for (const [i, s] of tries.entries()) {
        try {
          await s.provider.send(to, text, details);
          s.failures = 0;
          s.skippedUntil = 0;
          return;
        } catch (err) {
          if (err instanceof SmsSendError && err.kind === 'refused') {
            // It answered: the provider works, the number is the problem.
            s.failures = 0;
            throw err;
          }
          last = err;
          s.failures += 1;
          if (s.failures >= opts.after && s.skippedUntil <= now()) {
            s.skippedAt = now();
            s.skippedUntil = s.skippedAt + opts.seconds * 1000;
            log.warn({ provider: s.provider.name, failures: s.failures }, `SMS provider ${s.provider.name} is skipped for ${opts.seconds} s`);
          }
          const next = tries[i + 1];
          if (next) {
            opts.onFailover?.(s.provider.name);
            log.warn({ err, provider: s.provider.name, next: next.provider.name }, 'SMS provider failed; trying the next one');
          }
        }
      }
      throw last;
    },
  };
}
