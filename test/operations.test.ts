import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ServerProcess } from './build.js';
import { startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * The operational routes as a flood meets them (issue 13, finding 12): /metrics is not on
 * the API's port (see also metrics.test.ts), /readyz is cheap and under the flood guard, the
 * docs can be turned off.
 */
describe('operational routes on the API port', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('puts /readyz under the flood guard, while /healthz stays out of it', async () => {
    t = await startApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await t.get('/readyz')).status).toBe(200);
    const refused = await t.get('/readyz');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await t.get('/healthz')).status).toBe(200);
  });

  it('asks the database once for many /readyz at once', async () => {
    t = await startApp();
    const ping = vi.spyOn(t.database, 'ping');
    const answers = await Promise.all(Array.from({ length: 50 }, () => t.get('/readyz')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(ping).toHaveBeenCalledTimes(1);
    // A later request asks again: nothing is cached.
    expect((await t.get('/readyz')).status).toBe(200);
    expect(ping).toHaveBeenCalledTimes(2);
  });

  it('when DOCS=off, serves neither /docs nor /openapi.json, and still makes the document in-process', async () => {
    t = await startApp({ DOCS: 'off' });
    for (const path of ['/docs', '/docs/json', '/docs/static/swagger-ui-bundle.js', '/openapi.json']) {
      expect((await t.get(path)).status, path).toBe(404);
    }
    expect(Object.keys((t.app.swagger() as { paths: object }).paths)).toContain('/api/v1/login');
  });
});

describe('the metrics listener of a real process', () => {
  const servers: ServerProcess[] = [];
  afterAll(() => {
    for (const s of servers) s.stop();
  });

  const start = async (env: Record<string, string>) => {
    const server = await ServerProcess.start(env);
    servers.push(server);
    const ready = await server.waitFor(/account service ready on/);
    return { server, api: /ready on (http:\/\/\S+)\/api\/v1/.exec(ready)![1]! };
  };

  it('serves /metrics on METRICS_PORT (here any free port, as logged), never on PORT', async () => {
    const { server, api } = await start({});
    const metricsUrl = /metrics on (http:\/\/\S+\/metrics)/.exec(await server.waitFor(/metrics on http/))![1]!;
    expect(new URL(metricsUrl).port).not.toBe(new URL(api).port);
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    const scraped = await fetch(metricsUrl);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^http_requests_total\{method="GET",route="\/healthz",status_code="200"\} 1$/m);
  }, 120_000);

  it('opens no metrics listener with METRICS=off', async () => {
    const { server } = await start({ METRICS: 'off' });
    expect(server.log.some((l) => /metrics on/.test(l))).toBe(false);
  }, 120_000);
});
