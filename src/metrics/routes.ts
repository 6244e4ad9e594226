import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Metrics } from './metrics.js';

export const METRICS_PATH = '/metrics';

const metricsSchema = {
  tags: ['operations'],
  summary: 'Prometheus metrics',
  description: 'Served on METRICS_PORT, never beside the API; absent with METRICS=off.',
  response: {
    200: {
      description: 'Prometheus text exposition format',
      content: { 'text/plain': { schema: Type.String() } },
    },
  },
};

function loginResult(status: number): string {
  if (status === 202) return 'success';
  if (status === 401) return 'failure';
  if (status === 429) return 'throttled';
  if (status === 400) return 'invalid';
  return 'error';
}

/**
 * Counts every answer by route pattern (`/api/v1/users/:id`, never the raw URL, which would
 * make one series per id) and status. Requests no route matched share the label `unmatched`.
 * Must be installed before the routes so that their contexts inherit the hook.
 */
export function installMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const labels = { method: request.method, route, status_code: String(status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    if (status === 429) metrics.throttled.inc({ route });
    if (request.routeOptions.config?.loginAttempt) metrics.logins.inc({ result: loginResult(status) });
  });
}

/**
 * The listener for METRICS_PORT: only /metrics, apart from the API, so that it can stay off
 * the public network and a scraper (or a flood of scrapes) never shares the API's port.
 */
export function buildMetricsServer(metrics: Metrics, loggerInstance: FastifyBaseLogger): FastifyInstance {
  const server = Fastify({ loggerInstance }) as unknown as FastifyInstance;
  // A scrape every few seconds would drown the log: only its problems are logged.
  server.get(METRICS_PATH, { schema: metricsSchema, logLevel: 'warn' }, async (_request, reply) => {
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  });
  return server;
}
