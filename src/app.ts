import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import type { AppContext, ResolvedConfig } from './context.js';
import type { Database } from './db/client.js';
import { registerOpenApi } from './docs/openapi.js';
import { healthRoutes } from './health/routes.js';
import { fastifyTrustProxy, installClientIp } from './http/client-ip.js';
import { installErrorHandling } from './http/error-handler.js';
import { trackInFlight } from './http/in-flight.js';
import { throttled } from './http/errors.js';
import type { App } from './http/types.js';
import { createMetrics } from './metrics/metrics.js';
import { installMetrics } from './metrics/routes.js';
import { countingSmsProvider } from './metrics/sms.js';
import { loginRoutes } from './login/routes.js';
import { createPasswordHasher } from './passwords/hasher.js';
import { phoneVerifyRoutes } from './phone-verify/routes.js';
import { installBearerGuard } from './sessions/guard.js';
import { createTokenService } from './sessions/tokens.js';
import { createSmsProvider } from './sms/create-provider.js';
import type { SmsProvider } from './sms/provider.js';
import { startSweeping } from './sweep.js';
import { meRoutes } from './users/me-routes.js';
import { userRoutes } from './users/routes.js';

export interface BuildOptions {
  config: ResolvedConfig;
  /** Opened and migrated by the caller, who also closes it. */
  database: Database;
  /** Defaults to the provider SMS_PROVIDER names; tests pass a recording one. */
  sms?: SmsProvider;
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyBaseLogger;
}

/** Header and body fields that must never reach a log line. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'password',
  'key',
  'token',
];

/** Fastify options shared by production and tests, so both validate the same way. */
export function fastifyOptions(config: ResolvedConfig): FastifyServerOptions {
  return {
    bodyLimit: config.bodyLimit,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Requests are ended rather than left hanging on a slow client.
    requestTimeout: 30_000,
    ajv: {
      // No type coercion: `{"email": 1}` is a 400, not the string "1". Every problem is reported.
      customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false },
    },
  };
}

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config, database } = opts;
  const app = Fastify({
    ...fastifyOptions(config),
    ...(opts.loggerInstance
      ? { loggerInstance: opts.loggerInstance }
      : { logger: opts.logger ?? { level: config.logLevel, redact: redactPaths } }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = config.metrics.enabled ? createMetrics() : undefined;
  const sms = opts.sms ?? createSmsProvider(config.sms, app.log);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    sms: metrics ? countingSmsProvider(sms, metrics) : sms,
    passwords: createPasswordHasher(config.argon2),
    tokens: createTokenService(config.secretKey, { access: config.ttl.access, refresh: config.ttl.refresh }),
    log: app.log,
  };

  // DRF parses JSON only; a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  // A POST without a body is validated as `{}`, so the client learns which fields are required.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
  });
  installErrorHandling(app);
  installClientIp(app, config.trustProxy);
  startSweeping(app, ctx);
  trackInFlight(app);
  // Both watch routes as they are added, so they come before every route.
  await registerOpenApi(app, { serve: config.docs });
  // Counted here, served by the server's listener on METRICS_PORT (src/server.ts), never on PORT.
  if (metrics) installMetrics(app, metrics);
  else app.decorate('metrics', undefined);
  // A coarse flood guard on every route, kept in memory per instance so the hot path does
  // no extra write. The limits that matter against abuse (SMS, login) live in the database.
  // Only /healthz is left out: it answers a constant, cheaper than counting it.
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: config.throttle.requestsPerIpPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => normalizeIP(request.clientIp),
    allowList: (request) => request.routeOptions.url === '/healthz',
    errorResponseBuilder: (_request, context) => throttled(context.ttl / 1000),
  });

  installBearerGuard(app, ctx);

  healthRoutes(app, ctx);
  await app.register(
    async (api) => {
      const v1 = api as unknown as App;
      phoneVerifyRoutes(v1, ctx);
      userRoutes(v1, ctx);
      meRoutes(v1, ctx);
      loginRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
