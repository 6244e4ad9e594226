import { Counter, Gauge, Histogram } from 'prom-client';
import type { Db } from '../db/client.js';
import type { DeliveryObserver } from '../events/delivery.js';
import { countByState } from '../events/outbox.js';
import type { Metrics } from './metrics.js';

/**
 * The outbox in /metrics: pending and failed events (read from the database at each scrape,
 * so every instance reports the same totals), and this instance's delivery latencies and
 * failed attempts, through the sender's observer.
 */
export function eventMetrics(metrics: Metrics, db: Db): DeliveryObserver {
  const registers = [metrics.registry];
  let counts: Promise<{ pending: number; failed: number }> | undefined;
  // One query per scrape for both gauges.
  const read = () => {
    counts ??= countByState(db).finally(() => setTimeout(() => (counts = undefined), 100).unref());
    return counts;
  };
  new Gauge({
    name: 'events_pending',
    help: 'Account events not delivered to the webhook receiver yet (all instances)',
    registers,
    async collect() {
      this.set((await read()).pending);
    },
  });
  new Gauge({
    name: 'events_failed',
    help: 'Account events kept as failed after EVENTS_MAX_ATTEMPTS (all instances); `events failed` lists them',
    registers,
    async collect() {
      this.set((await read()).failed);
    },
  });
  const latency = new Histogram({
    name: 'event_delivery_seconds',
    help: 'Time from an event being recorded to its receiver answering 2xx',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    registers,
  });
  const failures = new Counter({ name: 'event_delivery_failures_total', help: 'Delivery attempts that failed (non-2xx, timeout, no connection)', registers });
  return { delivered: (seconds) => latency.observe(seconds), attemptFailed: () => failures.inc() };
}
