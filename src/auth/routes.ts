import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { Email, errorResponses, Password, PhoneNumber, SmsKey, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { normalizeKey } from '../phone-verify/service.js';
import { authenticate, checkLoginShape, openSession, refresh } from './login.js';

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
      const user = await authenticate(ctx, { ...body, key });
      const tokens = await openSession(ctx, user.id, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
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
}
