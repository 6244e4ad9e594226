import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from 'typebox';
import { documentHeaders } from '../http/security-headers.js';
import { answerFileRefusals } from '../http/static-files.js';
import type { App } from '../http/types.js';

const BEARER = [{ bearer: [] }];

/**
 * The viewer shares the pages' origin, so a script injected into it could call the pages'
 * session: Swagger UI's own files only (it needs nothing inline and no eval), its icons as
 * data: URLs, the document fetched from here, and never framed (clickjacking).
 */
const DOCS_HEADERS = documentHeaders([
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
]);

// dist/docs/openapi.js and src/docs/openapi.ts are both two levels below the package root.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/**
 * `GET /openapi.json` and `GET /docs`. The document is generated from the schemas that
 * validate requests, so it cannot drift from what the service accepts. Must be registered
 * before the routes: @fastify/swagger collects them as they are added. With `serve` false
 * (DOCS=off) neither route exists, but the document is still made (`app.swagger()`), for
 * what reads it in-process.
 */
export async function registerOpenApi(app: App, opts: { serve: boolean }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      // 3.1: its Schema Object is JSON Schema, so TypeBox's schemas (records, unions) are valid as they are.
      openapi: '3.1.0',
      info: {
        title: pkg.name,
        version: pkg.version,
        description:
          'User accounts with phone (SMS) verification. Validation errors are `400 {"field": ["message"]}` ' +
          '(`non_field_errors` for the rest); other errors are `{"detail": "message", "code": "…"}`, where `code` ' +
          'is a stable name, never translated, among those each answer lists. Messages are Korean, ' +
          'or English with `Accept-Language: en`.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'The `access_token` from `POST /api/v1/login`',
          },
          adminKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'acs_…',
            description:
              'An API key with the `admin` scope, from `account-service api-keys create --scopes admin`: for operators\' ' +
              'tools only; every change made with it is recorded with actor `admin:<api key id>`. A user\'s access token is refused',
          },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'acs_…',
            description:
              'An API key for a service of the product, from `account-service api-keys create` with the scope the ' +
              'route names; a user\'s access token is refused',
          },
        },
      },
      tags: [
        { name: 'phone-verify', description: 'SMS keys and verification tokens' },
        { name: 'users', description: 'Sign-up and password reset' },
        { name: 'me', description: 'The signed-in user, and the sessions they are logged in with' },
        { name: 'mfa', description: 'A second factor: an authenticator app (TOTP) and its recovery codes' },
        { name: 'passkeys', description: "The user's passkeys (WebAuthn): adding, listing, renaming and removing them" },
        { name: 'auth', description: 'Login, tokens and sessions' },
        { name: 'tokens', description: 'For the other services of the product: the public keys, and introspection' },
        { name: 'admin', description: 'For operators\' tools, with an API key of scope `admin`: accounts and the audit log' },
        { name: 'operations', description: 'Health, readiness and this document' },
      ],
    },
    // A route whose config asks for the bearer guard is documented as needing the token.
    transform: ({ schema, url, route }) => {
      if (schema && !schema.security && route.config?.auth === 'bearer') {
        return { schema: { ...schema, security: BEARER }, url };
      }
      return { schema, url };
    },
  });

  if (!opts.serve) return;
  // In a scope of its own: its files' refusals of a path are 404s, not 500s, and every answer
  // carries the viewer's headers.
  await app.register(async (docs) => {
    answerFileRefusals(docs);
    docs.addHook('onRequest', async (_request, reply) => {
      reply.headers(DOCS_HEADERS);
    });
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      // Served from the package's bundled assets: the page works without network access.
      // BaseLayout: the standalone layout's top bar draws a logo with an inline <style>, which
      // the policy refuses, and its box for loading other documents has no use here.
      uiConfig: { deepLinking: true, tryItOutEnabled: false, layout: 'BaseLayout' },
    });
  });

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['operations'],
        summary: 'This OpenAPI document',
        response: { 200: Type.Object({}, { additionalProperties: true, description: 'An OpenAPI 3.1 document' }) },
      },
    },
    async () => app.swagger(),
  );
}
