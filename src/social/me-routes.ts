import { Type } from 'typebox';
import { errorResponses, NoContent, NullableString, Password, Text, VerifyToken } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { linkMyIdentity, myIdentities, unlinkMyIdentity } from './me.js';
import { AppTokenFields } from './routes.js';
import type { SocialDeps } from './service.js';

const Identity = Type.Object({
  provider: Type.String(),
  email: NullableString({ examples: ['kim@kakao.com'] }),
  linked_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'The last sign-in with it' }),
});

/** `/users/me/identities`: the signed-in user's linked social accounts. */
export function socialMeRoutes(app: App, d: SocialDeps): void {
  const auth = { config: { auth: 'bearer' } } as const;

  app.get(
    '/users/me/identities',
    { ...auth, schema: { tags: ['me'], summary: 'The linked social accounts', response: { 200: Type.Array(Identity), ...errorResponses() } } },
    async (request) => myIdentities(d, accountOf(request)),
  );

  app.post(
    '/users/me/identities',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Link a social account with the token a provider\'s SDK gave an app',
        description:
          'Besides the access token, a fresh proof: exactly one of `password` or `token` (a verification token for the ' +
          'account phone). 400 when the identity is another account\'s.',
        body: Type.Object({
          provider: Text(32),
          ...AppTokenFields,
          password: Type.Optional(Password),
          token: Type.Optional(VerifyToken),
        }),
        response: {
          201: Identity,
          ...errorResponses(
            'social_provider_disabled',
            'social_token_invalid',
            'social_token_unverifiable',
            'social_provider_unavailable',
            'invalid_verify_token',
            'login_locked',
            'account_locked',
          ),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await linkMyIdentity(d, accountOf(request), request.body, request.clientIp)),
  );

  app.delete(
    '/users/me/identities/:provider',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Unlink a social account, here at once and at the provider after',
        params: Type.Object({ provider: Text(32) }),
        response: { 204: NoContent, ...errorResponses('not_found') },
      },
    },
    async (request, reply) => {
      await unlinkMyIdentity(d, accountOf(request), request.params.provider, request.clientIp);
      return reply.code(204).send();
    },
  );
}
