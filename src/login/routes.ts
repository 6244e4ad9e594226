import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { Email, errorResponses, NoContent, Password, PhoneNumber, SmsKey, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { normalizeKey } from '../phone-verify/service.js';
import { accountOf, requireUser } from '../sessions/guard.js';
import { checkLoginShape, login, logout, refresh } from './service.js';
import { revokeUserSessions } from '../sessions/repository.js';

export function authRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email or phone number, and password or SMS key',
        description: 'Exactly one of `email`/`phone_number` and exactly one of `password`/`key`.',
        body: Type.Object({
          email: Type.Optional(Email),
          phone_number: Type.Optional(PhoneNumber),
          password: Type.Optional(Password),
          key: Type.Optional(SmsKey),
        }),
        response: {
          202: Type.Object({ access_token: Type.String(), refresh_token: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      checkLoginShape(body);
      const key = body.key === undefined ? undefined : normalizeKey(body.key);
      const tokens = await login(ctx, { ...body, key }, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      return reply.code(202).send(tokens);
    },
  );

  app.post(
    '/login/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'A new access token for a refresh token',
        body: Type.Object({ refresh: Text(4096) }),
        response: {
          202: Type.Object({
            access: Type.String(),
            refresh: Type.Optional(Type.String({ description: 'Only with REFRESH_TOKEN_ROTATION=true' })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => reply.code(202).send(await refresh(ctx, request.body.refresh)),
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: "Revoke the refresh token's session; its access tokens stop working at once",
        body: Type.Object({ refresh: Text(4096) }),
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await logout(ctx, request.body.refresh);
      return reply.code(204).send();
    },
  );

  app.post(
    '/logout/all',
    {
      preHandler: requireUser(ctx),
      schema: {
        tags: ['auth'],
        summary: "Revoke every one of the user's sessions",
        security: [{ bearer: [] }],
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeUserSessions(ctx.db, accountOf(request).user.id);
      return reply.code(204).send();
    },
  );
}
