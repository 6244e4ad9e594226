import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics. Each app has its own Registry, so tests (and anything
 * else) can build many apps in one process without their counts mixing. Process metrics
 * (CPU, memory, event loop, GC) belong to the process, not to an app: they are collected
 * once into a registry of their own and merged in at scrape time.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status_code'>;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  throttled: Counter<'route'>;
  logins: Counter<'result'>;
  smsSent: Counter<'provider'>;
  smsFailed: Counter<'provider'>;
  smsDuration: Histogram<'provider'>;
  /** The exposition text: this app's metrics and the process's. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Undefined when METRICS=off. */
    metrics: Metrics | undefined;
  }
}

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const metrics: Metrics = {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern and status',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer, by route pattern and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    throttled: new Counter({
      name: 'http_throttled_total',
      help: 'Requests refused with 429 by a throttle, by route pattern',
      labelNames: ['route'],
      registers,
    }),
    logins: new Counter({
      name: 'login_attempts_total',
      help: 'POST /api/v1/login answers: success (202), failure (401), throttled (429), invalid (400), error (other)',
      labelNames: ['result'],
      registers,
    }),
    smsSent: new Counter({
      name: 'sms_sent_total',
      help: 'SMS messages the provider accepted',
      labelNames: ['provider'],
      registers,
    }),
    smsFailed: new Counter({
      name: 'sms_failed_total',
      help: 'SMS messages the provider refused, or did not accept in time',
      labelNames: ['provider'],
      registers,
    }),
    smsDuration: new Histogram({
      name: 'sms_send_duration_seconds',
      help: 'Time the SMS provider took to answer',
      labelNames: ['provider'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    async scrape() {
      const merged = Registry.merge([processMetrics(), registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
  return metrics;
}
