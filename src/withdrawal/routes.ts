import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, NoContent, Password, VerifyToken } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { withdraw } from './service.js';

/** `DELETE /users/me`: the signed-in user withdraws, behind a Bearer access token and a fresh proof. */
export function withdrawalRoutes(app: App, ctx: AppContext): void {
  app.delete(
    '/users/me',
    {
      config: { auth: 'bearer' },
      schema: {
        tags: ['me'],
        summary: 'Withdraw: deactivate, erase personal data, revoke every session',
        description: 'Prove it with exactly one of `password` or `token` (a verification token for the account phone).',
        body: Type.Object({ password: Type.Optional(Password), token: Type.Optional(VerifyToken) }),
        response: { 204: NoContent, ...errorResponses('invalid_verify_token', 'login_locked', 'account_locked') },
      },
    },
    async (request, reply) => {
      await withdraw(ctx, accountOf(request).user, request.body, request.clientIp);
      return reply.code(204).send();
    },
  );
}
