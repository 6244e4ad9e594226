import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import { adminRoutes } from './admin/routes.js';
import { installApiKeys } from './api-keys/guard.js';
import type { ResolvedConfig } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/client.js';
import { registerOpenApi } from './docs/openapi.js';
import { deliverWhileRunning } from './events/delivery.js';
import { healthRoutes } from './health/routes.js';
import { fastifyTrustProxy, installClientIp } from './http/client-ip.js';
import { declareErrors } from './http/error-codes.js';
import { answerFrameworkError, installErrorHandling } from './http/error-handler.js';
import { installFieldStage } from './http/field-stage.js';
import { logSerializers } from './http/log-serializers.js';
import { trackInFlight } from './http/in-flight.js';
import { throttled, ValidationError } from './http/errors.js';
import type { App } from './http/types.js';
import { createMetrics } from './metrics/metrics.js';
import { introspectRoutes } from './introspect/routes.js';
import { SigningKeyUnusable, signingKeyRing } from './signing-keys/ring.js';
import { jwksRoutes } from './signing-keys/routes.js';
import { signingKeyDeps } from './signing-keys/service.js';
import { installMetrics } from './metrics/routes.js';
import { eventMetrics } from './metrics/events.js';
import { countingSmsProvider } from './metrics/sms.js';
import { loginRoutes } from './login/routes.js';
import { mfaRoutes } from './mfa/routes.js';
import { appsRoutes } from './oidc-provider/apps-routes.js';
import { interactionRoutes } from './oidc-provider/interaction-routes.js';
import { mountOidcProvider } from './oidc-provider/mount.js';
import { passkeyRoutes } from './passkeys/routes.js';
import { createPasswordHasher } from './passwords/hasher.js';
import { checkPassword } from './passwords/policy.js';
import { isForwardedByPages } from './pages/forward.js';
import { accountPages } from './pages/plugin.js';
import { phoneVerifyRoutes } from './phone-verify/routes.js';
import { normalizeSmsKey } from './phone-verify/service.js';
import { parsePhoneNumber } from './phone/phone-number.js';
import { installBearerGuard } from './sessions/guard.js';
import { createTokenService, secretKeyTokenKeys, type TokenKeys } from './jwt/tokens.js';
import { createSmsProvider } from './sms/create-provider.js';
import { revocationMetrics } from './metrics/social.js';
import { createSocialProviders } from './social/create-providers.js';
import { socialMeRoutes } from './social/me-routes.js';
import { revokeWhileRunning } from './social/revoker.js';
import { socialRoutes } from './social/routes.js';
import type { SmsProvider } from './sms/provider.js';
import { startSweeping } from './sweep.js';
import { normalizeEmail } from './email/address.js';
import { meRoutes } from './users/me-routes.js';
import { profileText } from './users/profile.js';
import { sessionListRoutes } from './sessions/routes.js';
import { userRoutes } from './users/routes.js';
import { withdrawalRoutes } from './withdrawal/routes.js';

export interface BuildOptions {
  config: ResolvedConfig;
  /** Opened and migrated by the caller, who also closes it. */
  database: Database;
  /** Defaults to the provider SMS_PROVIDER names; tests pass a recording one. */
  sms?: SmsProvider;
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyBaseLogger;
  /** The built account pages; defaults to dist/web. */
  pagesDir?: string;
}

/** Header and body fields that must never reach a log line. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'password',
  'key',
  'token',
  'code',
  'mfa_token',
  'secret',
];

/** Fastify options shared by production and tests, so both validate the same way. */
export function fastifyOptions(config: ResolvedConfig): FastifyServerOptions {
  return {
    bodyLimit: config.bodyLimit,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Requests are ended rather than left hanging on a slow client.
    requestTimeout: 30_000,
    // A path that does not decode is answered in the documented shape, not Fastify's.
    frameworkErrors: answerFrameworkError,
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
      : { logger: opts.logger ?? { level: config.logLevel, redact: redactPaths, serializers: logSerializers } }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = config.metrics.enabled ? createMetrics() : undefined;
  const count = (p: SmsProvider) => (metrics ? countingSmsProvider(p, metrics) : p);
  const sms = opts.sms
    ? count(opts.sms)
    : createSmsProvider(config.sms, app.log, {
        wrap: count,
        onSkip: (provider) => metrics?.smsSkipped.inc({ provider }),
        onFailover: (provider) => metrics?.smsFailovers.inc({ provider }),
      });
  // HS256 signs with SECRET_KEY; the other algorithms with the database's keys, the first made here.
  const ring = config.jwt.algorithm === 'HS256' ? undefined : signingKeyRing({ ...signingKeyDeps(database.db, config), log: app.log });
  if (ring) {
    app.addHook('onClose', async () => ring.close());
    // A key it cannot use stops the start; a database that does not answer yet is only a
    // 503 for the requests that need the keys until it does (the ring starts on first use).
    await ring.start().catch((err: unknown) => {
      if (err instanceof SigningKeyUnusable) throw err;
      app.log.warn({ err }, 'the signing keys could not be read yet; they will be at the first request that needs them');
    });
  }
  const tokenKeys: TokenKeys = ring ?? secretKeyTokenKeys(config.secretKey);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    sms,
    metrics,
    passwords: createPasswordHasher(config.argon2),
    tokens: createTokenService(tokenKeys, {
      ttlSeconds: { access: config.ttl.access, refresh: config.ttl.refresh },
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
    }),
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
  if (config.sms.testNumbers) {
    app.log.warn(
      { test_numbers: config.sms.testNumbers.length },
      `SMS_TEST_NUMBERS: ${config.sms.testNumbers.length} test number(s) get a fixed key and no SMS; ` +
        'anyone who knows one and its key can sign in as the account with that number',
    );
  }
  startSweeping(app, ctx);
  deliverWhileRunning(
    app,
    { database, settings: config.events, log: app.log },
    metrics ? eventMetrics(metrics, database.db) : undefined,
  );
  // Undoing links at social providers, off the request path (src/social/revoker.ts).
  const social = createSocialProviders(config);
  revokeWhileRunning(
    app,
    { db: database.db, secretKey: config.secretKey, providers: social, maxAttempts: config.events.maxAttempts, log: app.log },
    metrics ? revocationMetrics(metrics, database.db) : undefined,
  );
  trackInFlight(app);
  // Both watch routes as they are added, so they come before every route.
  await registerOpenApi(app, { serve: config.docs });
  // Counted here, served by the server's listener on METRICS_PORT (src/server.ts), never on PORT.
  if (metrics) installMetrics(app, metrics);
  else app.decorate('metrics', undefined);
  // A coarse flood guard on every route, kept in memory per instance so the hot path does
  // no extra write. The limits that matter against abuse (SMS, login) live in the database.
  // Only /healthz is left out, which answers a constant, and the API calls the account pages
  // make for a request the guard has already counted.
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: config.throttle.requestsPerIpPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => normalizeIP(request.clientIp),
    allowList: (request) => request.routeOptions.url === '/healthz' || isForwardedByPages(request),
    errorResponseBuilder: (_request, context) => throttled(context.ttl / 1000),
  });
  // The routes added from here on are guarded (the plugin hooks them as they come), and say so.
  app.addHook('onRoute', (route) => {
    if (route.url !== '/healthz') declareErrors(route, ['throttled']);
  });

  // Each field judged on its own by the parser its feature owns, before any route's service.
  installFieldStage(app, {
    email: (value) => normalizeEmail(value),
    phone: (value) => parsePhoneNumber(value, config.phone),
    'sms-key': normalizeSmsKey,
    'profile-text': (value) => profileText(value, 'name'),
    'new-password': (value) => {
      const problems = checkPassword(value, {});
      if (problems.length) throw new ValidationError({ password: problems });
      return value;
    },
  });
  installBearerGuard(app, ctx);
  installApiKeys(app);

  healthRoutes(app, ctx);
  jwksRoutes(app, ctx, ring);
  // OIDC_PROVIDER=on: oidc-provider is imported and mounted only then (rules.ts refuses it without a key ring).
  const oidc = config.oidcProvider && ring ? await mountOidcProvider(app, { ctx, ring, pagesDir: opts.pagesDir }) : undefined;
  await app.register(
    async (api) => {
      const v1 = api as unknown as App;
      phoneVerifyRoutes(v1, ctx);
      userRoutes(v1, ctx);
      meRoutes(v1, ctx);
      withdrawalRoutes(v1, ctx);
      sessionListRoutes(v1, ctx);
      appsRoutes(v1, ctx);
      mfaRoutes(v1, ctx);
      passkeyRoutes(v1, ctx);
      loginRoutes(v1, ctx);
      await socialRoutes(v1, { ctx, providers: social });
      socialMeRoutes(v1, { ctx, providers: social });
      await v1.register(async (scope) => introspectRoutes(scope as unknown as App, ctx));
      adminRoutes(v1, ctx);
    },
    { prefix: '/api/v1' },
  );
  if (config.accountPages.enabled) await app.register(accountPages, { ctx, dir: opts.pagesDir });
  // Under /account/oidc/{uid}, the interaction cookie's path; without the provider they answer interaction_expired.
  interactionRoutes(app, ctx, oidc);
  return app;
}
