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
  smsRefused: Counter<'provider'>;
  smsFailovers: Counter<'provider'>;
  smsSkipped: Counter<'provider'>;
  smsSpendRefused: Counter<'cap'>;
  smsCountryBreaker: Counter<'country_code' | 'event'>;
  smsCountryRefused: Counter<'country_code'>;
  captcha: Counter<'provider' | 'result'>;
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
    smsRefused: new Counter({
      name: 'sms_refused_total',
      help: 'SMS messages the provider refused for their number (invalid, opted out): not failed over',
      labelNames: ['provider'],
      registers,
    }),
    smsFailovers: new Counter({
      name: 'sms_failovers_total',
      help: 'SMS messages this provider failed to send that went to the next provider of SMS_PROVIDER',
      labelNames: ['provider'],
      registers,
    }),
    smsSkipped: new Counter({
      name: 'sms_provider_skipped_total',
      help: 'SMS messages that skipped this provider because it failed SMS_FAILOVER_AFTER times in a row',
      labelNames: ['provider'],
      registers,
    }),
    smsSpendRefused: new Counter({
      name: 'sms_spend_cap_refused_total',
      help: 'POST /phone-verify answered 503 because the service-wide SMS cap of the hour or day was reached',
      labelNames: ['cap'],
      registers,
    }),
    smsCountryBreaker: new Counter({
      name: 'sms_country_breaker_total',
      help:
        'Countries the conversion breaker paused (event="paused"), whose pause ended (event="resumed"), and hours in which ' +
        'the home country\'s keys went unconfirmed, which never pauses it (event="alarm")',
      labelNames: ['country_code', 'event'],
      registers,
    }),
    smsCountryRefused: new Counter({
      name: 'sms_country_paused_refused_total',
      help: 'POST /phone-verify answered 503 because the number\'s country is paused by the conversion breaker',
      labelNames: ['country_code'],
      registers,
    }),
    captcha: new Counter({
      name: 'captcha_verifications_total',
      help:
        'CAPTCHA tokens checked with the provider: passed, refused, or unavailable (the provider did not answer usably); ' +
        'real tokens refused for their verdict: wrong_hostname, wrong_action, low_score',
      labelNames: ['provider', 'result'],
      registers,
    }),
    async scrape() {
      const merged = Registry.merge([processMetrics(), registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
  return metrics;
}
