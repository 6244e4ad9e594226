import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, NoContent } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { listAllowedApps, revokeAllowedApp } from './repository.js';

const AllowedApp = Type.Object({
  client_id: Type.String(),
  name: Type.String(),
  first_party: Type.Boolean({ description: 'The product\'s own app, which asked no consent' }),
  scopes: Type.Array(Type.String(), { examples: [['openid', 'profile', 'email']] }),
  granted_at: Type.String({ format: 'date-time' }),
});

/** `/users/me/apps`: the apps the user let sign them in through the service (OIDC_PROVIDER), and taking one back. */
export function appsRoutes(app: App, ctx: AppContext): void {
  const auth = { config: { auth: 'bearer' } } as const;

  app.get(
    '/users/me/apps',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'The apps the user allowed to sign them in, first-party ones included',
        response: { 200: Type.Array(AllowedApp), ...errorResponses() },
      },
    },
    async (request) => listAllowedApps(ctx.db, accountOf(request).user.id),
  );

  app.delete(
    '/users/me/apps/:client_id',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Take an app\'s permission back: its tokens stop working at once',
        description: 'Records `oidc.consent_revoked`. An app the user has not allowed is 404. Signing in to it again asks again.',
        params: Type.Object({ client_id: Type.String({ maxLength: 200 }) }),
        response: { 204: NoContent, ...errorResponses('not_found') },
      },
    },
    async (request, reply) => {
      const { user } = accountOf(request);
      if (!(await revokeAllowedApp(ctx.db, { actor: 'user', ip: request.clientIp }, user.id, request.params.client_id))) {
        throw new ApiError('not_found');
      }
      return reply.code(204).send();
    },
  );
}
