import { Type } from 'typebox';
import { apiKeyRefusals, requireApiKey } from '../api-keys/guard.js';
import type { AppContext } from '../context.js';
import { errorResponses, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { introspect } from './service.js';

const Introspection = Type.Object(
  {
    active: Type.Boolean(),
    token_type: Type.Optional(Type.Union([Type.Literal('access'), Type.Literal('refresh')])),
    sub: Type.Optional(Type.String({ description: 'The user id, as a string' })),
    user_id: Type.Optional(Type.Integer()),
    sid: Type.Optional(Type.String({ description: 'The session the token belongs to' })),
    exp: Type.Optional(Type.Integer()),
    iat: Type.Optional(Type.Integer()),
    iss: Type.Optional(Type.String()),
    jti: Type.Optional(Type.String()),
    aud: Type.Optional(Type.String()),
  },
  { description: 'Only `{"active": false}` for a token that is not active now, whatever the reason' },
);

/**
 * `POST /introspect`, in a plugin scope of its own: RFC 7662 sends the token as a form, a
 * content type no other route accepts.
 */
export async function introspectRoutes(app: App, ctx: AppContext): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.post(
    '/introspect',
    {
      onRequest: requireApiKey({ db: ctx.db, secretKey: ctx.config.secretKey }, 'introspect'),
      schema: {
        tags: ['tokens'],
        summary: 'Whether an access or refresh token is active now (RFC 7662)',
        description:
          'For services that need exact revocation: active while the signature and expiry hold, the session is live, ' +
          'the user active and the signing key not revoked; a refresh token also only while it is its session\'s current ' +
          'one (`token_type` says which kind). Asking changes nothing. Body `token=<jwt>` as ' +
          '`application/x-www-form-urlencoded`, or JSON `{"token": "<jwt>"}`; `token_type_hint` is not needed. ' +
          'Needs an API key with the `introspect` scope.',
        security: [{ apiKey: [] }],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: Type.Object({ token: Text(8192), token_type_hint: Type.Optional(Text(64)) }),
        response: { 200: Introspection, ...errorResponses(...apiKeyRefusals) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return introspect(ctx, request.body.token);
    },
  );
}
