import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { buildMetricsServer } from '../src/metrics/routes.js';
import { PASSWORD, sleep, startApp, testConfig, type TestApp, useFileDatabase } from './helpers.js';
import { httpClient } from './http-client.js';
import { WEBHOOK_SECRET, WebhookReceiver } from './webhook-receiver.js';

useFileDatabase();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one sample with this name and these labels; 0 when absent. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}

/** A scrape of the app's metrics through the listener the server puts on METRICS_PORT. */
async function scrape(t: TestApp): Promise<Sample[]> {
  const server = buildMetricsServer(t.app.metrics!, t.app.log);
  try {
    const res = await httpClient(server).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(res.text);
  } finally {
    await server.close();
  }
}

describe('GET /metrics', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('counts requests and their latency by route pattern and status, never by raw URL', async () => {
    t = await startApp();
    await t.get('/healthz');
    await t.get('/healthz');
    await t.request({ method: 'GET', url: '/no/such/page-12345' });
    await t.post('/login', { email: 'nobody@example.com', password: PASSWORD });

    const m = await scrape(t);
    expect(value(m, 'http_requests_total', { method: 'GET', route: '/healthz', status_code: '200' })).toBe(2);
    expect(value(m, 'http_requests_total', { route: '/api/v1/login', status_code: '401' })).toBe(1);
    expect(value(m, 'http_requests_total', { route: 'unmatched', status_code: '404' })).toBe(1);
    expect(m.some((s) => Object.values(s.labels).some((v) => v.includes('page-12345')))).toBe(false);
    expect(value(m, 'http_request_duration_seconds_count', { route: '/api/v1/login', status_code: '401' })).toBe(1);
    expect(value(m, 'http_request_duration_seconds_bucket', { route: '/healthz', status_code: '200', le: '+Inf' })).toBe(2);
    // The process's own metrics come along.
    expect(m.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it('counts login successes and failures', async () => {
    t = await startApp();
    const { body } = await t.signUp();
    await t.login({ email: body.email, password: PASSWORD });
    await t.post('/login', { email: body.email, password: 'wrong-Password-1' });
    await t.post('/login', { email: body.email, password: 'wrong-Password-2' });
    await t.post('/login', { email: body.email });

    const m = await scrape(t);
    expect(value(m, 'login_attempts_total', { result: 'success' })).toBe(1);
    expect(value(m, 'login_attempts_total', { result: 'failure' })).toBe(2);
    expect(value(m, 'login_attempts_total', { result: 'invalid' })).toBe(1);
  });

  it('counts SMS sent and failed by provider, while the domain code sees the plain provider', async () => {
    t = await startApp();
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    t.sms.failNext();
    expect((await t.post('/phone-verify', { phone_number: '010-2222-3333' })).status).toBe(503);

    const m = await scrape(t);
    expect(value(m, 'sms_sent_total', { provider: 'recording' })).toBe(1);
    expect(value(m, 'sms_failed_total', { provider: 'recording' })).toBe(1);
    expect(value(m, 'sms_send_duration_seconds_count', { provider: 'recording' })).toBe(2);
    expect(t.sms.sent).toHaveLength(1);
  });

  it('counts throttle refusals (429) by route', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '60' });
    await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    const refused = await t.post('/phone-verify', { phone_number: '010-1234-5678' });
    expect(refused.status).toBe(429);

    const m = await scrape(t);
    expect(value(m, 'http_throttled_total', { route: '/api/v1/phone-verify' })).toBe(1);
    expect(value(m, 'http_requests_total', { route: '/api/v1/phone-verify', status_code: '429' })).toBe(1);
  });

  it('keeps the counts of each app apart, so one process can hold many apps', async () => {
    t = await startApp();
    await t.get('/healthz');
    const other = await startApp();
    try {
      await other.get('/healthz');
      await other.get('/healthz');
      expect(value(await scrape(t), 'http_requests_total', { route: '/healthz' })).toBe(1);
      expect(value(await scrape(other), 'http_requests_total', { route: '/healthz' })).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('when METRICS=off, then there is no /metrics and nothing is counted', async () => {
    t = await startApp({ METRICS: 'off' });
    expect(t.app.metrics).toBeUndefined();
    expect((await t.get('/metrics')).status).toBe(404);
    expect((await t.post('/phone-verify', { phone_number: '010-1234-5678' })).status).toBe(201);
  });

  it('serves /metrics on its own listener only, never beside the API', async () => {
    t = await startApp();
    expect((await t.get('/metrics')).status).toBe(404);
    await t.get('/healthz');
    expect(value(await scrape(t), 'http_requests_total', { route: '/healthz' })).toBe(1);
  });

  it('refuses a METRICS value other than on or off, and a METRICS_PORT equal to PORT', () => {
    expect(() => testConfig({ METRICS: 'yes' })).toThrow(/METRICS/);
    expect(() => testConfig({ PORT: '9464' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => testConfig({ PORT: '8000', METRICS_PORT: '8000' })).toThrow(ConfigError);
    expect(testConfig({ METRICS: 'off', PORT: '9464' }).metrics).toEqual({ enabled: false, port: 9464 });
    expect(testConfig({ METRICS_PORT: '9100' }).metrics).toEqual({ enabled: true, port: 9100 });
    expect(testConfig().metrics).toEqual({ enabled: true, port: 9464 });
  });

  it('shows pending and failed events (all instances) and how long deliveries took', async () => {
    const receiver = new WebhookReceiver();
    t = await startApp({ EVENTS_WEBHOOK_URL: await receiver.start(), EVENTS_WEBHOOK_SECRET: WEBHOOK_SECRET, EVENTS_MAX_ATTEMPTS: '1' });
    try {
      receiver.answer = (r) => (JSON.parse(r.body).type === 'user.created' ? 204 : 500);
      await t.signUp();
      await t.login({ email: 'kim@example.com', password: PASSWORD });
      await receiver.waitFor((r) => JSON.parse(r.body).type === 'session.created');
      let samples = await scrape(t);
      // The gauges read the outbox at most every 100 ms; the failed attempt is settled a moment after the receiver answered.
      for (let i = 0; i < 100 && value(samples, 'events_failed') < 1; i++) {
        await sleep(50);
        samples = await scrape(t);
      }
      expect(value(samples, 'events_failed')).toBe(1);
      expect(value(samples, 'events_pending')).toBe(0);
      expect(value(samples, 'event_delivery_seconds_count')).toBe(1);
      expect(value(samples, 'event_delivery_failures_total')).toBe(1);
    } finally {
      await t.close();
      await receiver.stop();
    }
  });
});
