import { Counter, Gauge } from 'prom-client';
import type { Db } from '../db/client.js';
import { countRevocations } from '../identities/revocations.js';
import type { Metrics } from './metrics.js';

/**
 * The provider revocations in /metrics: pending and failed (read from the database at each
 * scrape, so every instance reports the same totals), and this instance's failed attempts.
 */
export function revocationMetrics(metrics: Metrics, db: Db): { attemptFailed(provider: string): void } {
  const registers = [metrics.registry];
  let counts: Promise<{ pending: number; failed: number }> | undefined;
  const read = () => {
    counts ??= countRevocations(db).finally(() => setTimeout(() => (counts = undefined), 100).unref());
    return counts;
  };
  new Gauge({
    name: 'social_revocations_pending',
    help: 'Unlinks and token revocations at social providers not done yet (all instances)',
    registers,
    async collect() {
      this.set((await read()).pending);
    },
  });
  new Gauge({
    name: 'social_revocations_failed',
    help: 'Unlinks and token revocations kept as failed after EVENTS_MAX_ATTEMPTS (all instances)',
    registers,
    async collect() {
      this.set((await read()).failed);
    },
  });
  const failures = new Counter({
    name: 'social_revocation_failures_total',
    help: 'Attempts at unlinking or revoking at a social provider that failed',
    labelNames: ['provider'],
    registers,
  });
  return { attemptFailed: (provider) => failures.inc({ provider }) };
}
