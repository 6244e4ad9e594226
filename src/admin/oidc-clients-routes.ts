import { Type } from 'typebox';
import { apiKeyRefusals, requireApiKey } from '../api-keys/guard.js';
import type { AppContext } from '../context.js';
import { ApiError, ValidationError } from '../http/errors.js';
import { errorResponses, NoContent, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { ClientRefused, createClient, listClientViews, revokeClient, UnknownClient } from '../oidc-provider/clients.js';
import { loadOidcLibrary } from '../oidc-provider/library.js';

const Uri = Text(2048);
const Client = Type.Object({
  client_id: Type.String({ examples: ['oc_3q2+7w…'] }),
  name: Type.String(),
  redirect_uris: Type.Array(Type.String()),
  post_logout_redirect_uris: Type.Array(Type.String()),
  public: Type.Boolean({ description: 'No secret: the app proves itself with PKCE alone' }),
  first_party: Type.Boolean({ description: 'The product\'s own app: no consent screen' }),
  created_at: Type.String({ format: 'date-time' }),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Created = Type.Intersect([
  Client,
  Type.Object({ client_secret: Type.Optional(Type.String({ description: 'A confidential client\'s secret: shown this once, never again' })) }),
]);

/**
 * `/admin/oidc-clients`: the apps that sign in through the service (OIDC_PROVIDER), as
 * `account-service oidc-clients` manages them, with an API key of scope `admin`.
 */
export function oidcClientRoutes(app: App, ctx: AppContext): void {
  const guarded = { onRequest: requireApiKey({ db: ctx.db, secretKey: ctx.config.secretKey }, 'admin') };
  const schema = { tags: ['admin'], security: [{ adminKey: [] }] };
  let library: ReturnType<typeof loadOidcLibrary> | undefined;

  app.post(
    '/admin/oidc-clients',
    {
      ...guarded,
      schema: {
        ...schema,
        summary: 'Register an app; a confidential one\'s secret is in this answer only',
        description:
          'Redirect URIs are compared exactly: https pages, loopback http addresses (native apps) or an app\'s own ' +
          'reverse-domain scheme (`com.example.app:/cb`). `public`: no secret, PKCE alone. `first_party`: no consent screen.',
        body: Type.Object({
          name: Text(200),
          redirect_uris: Type.Array(Uri, { minItems: 1, maxItems: 20 }),
          post_logout_redirect_uris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
          public: Type.Optional(Type.Boolean()),
          first_party: Type.Optional(Type.Boolean()),
        }),
        response: { 201: Created, ...errorResponses(...apiKeyRefusals) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      try {
        const { client, secret } = await createClient(
          {
            db: ctx.db,
            secretKey: ctx.config.secretKey,
            production: ctx.config.nodeEnv === 'production',
            library: await (library ??= loadOidcLibrary((line) => ctx.log.warn(line))),
          },
          { name: body.name, redirectUris: body.redirect_uris, postLogoutRedirectUris: body.post_logout_redirect_uris, public: body.public, firstParty: body.first_party },
        );
        request.log.info({ client_id: client.client_id, admin_key: request.apiKey!.id }, 'OpenID client registered');
        return reply.code(201).send({ ...client, ...(secret ? { client_secret: secret } : {}) });
      } catch (err) {
        if (err instanceof ClientRefused) throw ValidationError.field(err.field, 'oidc_client_field', { reason: err.reason });
        throw err;
      }
    },
  );

  app.get(
    '/admin/oidc-clients',
    { ...guarded, schema: { ...schema, summary: 'Every registered app, revoked ones too, oldest first', response: { 200: Type.Array(Client), ...errorResponses(...apiKeyRefusals) } } },
    async () => listClientViews(ctx.db),
  );

  app.delete(
    '/admin/oidc-clients/:client_id',
    {
      ...guarded,
      schema: {
        ...schema,
        summary: 'Revoke an app: refused from the next request on, its grants and tokens deleted',
        params: Type.Object({ client_id: Type.String({ maxLength: 200 }) }),
        response: { 204: NoContent, ...errorResponses(...apiKeyRefusals, 'not_found') },
      },
    },
    async (request, reply) => {
      try {
        await revokeClient(ctx.db, request.params.client_id);
      } catch (err) {
        if (err instanceof UnknownClient) throw new ApiError('not_found');
        throw err;
      }
      request.log.info({ client_id: request.params.client_id, admin_key: request.apiKey!.id }, 'OpenID client revoked');
      return reply.code(204).send();
    },
  );
}
