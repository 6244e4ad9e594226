import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, NoContent, Session } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from './guard.js';
import { endSession, listSessions } from './service.js';

/** `/users/me/sessions`: the signed-in user's sessions, behind a Bearer access token. */
export function sessionListRoutes(app: App, ctx: AppContext): void {
  const auth = { config: { auth: 'bearer' } } as const;

  app.get(
    '/users/me/sessions',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Where the user is logged in: every live session, newest first',
        response: { 200: Type.Array(Session), ...errorResponses() },
      },
    },
    async (request) => listSessions(ctx, accountOf(request)),
  );

  app.delete(
    '/users/me/sessions/:id',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'End one of the sessions at once; ending the current one is a logout',
        description: 'A session that is not the user\'s, or not live, is 404.',
        params: Type.Object({ id: Type.String({ description: 'The session id (a UUID); anything else is 404' }) }),
        response: { 204: NoContent, ...errorResponses('not_found') },
      },
    },
    async (request, reply) => {
      await endSession(ctx, accountOf(request), request.params.id, { actor: 'user', ip: request.clientIp });
      return reply.code(204).send();
    },
  );
}
