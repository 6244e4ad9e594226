import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, NewPassword, NoContent, Password, PhoneNumberChange, ProfileText, User } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { changePassword, changePhoneNumber, updateProfile } from './account.js';
import { toUserResponse } from './response.js';

/** The signed-in user's own account: `/users/me` and below, all behind a Bearer access token. */
export function meRoutes(app: App, ctx: AppContext): void {
  const auth = { config: { auth: 'bearer' } } as const;

  app.get(
    '/users/me',
    { ...auth, schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: User, ...errorResponses() } } },
    async (request) => toUserResponse(ctx, accountOf(request).user),
  );

  app.patch(
    '/users/me',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Change name or nickname',
        body: Type.Object({ name: Type.Optional(ProfileText(255)), nickname: Type.Optional(ProfileText(255)) }),
        response: { 200: User, ...errorResponses() },
      },
    },
    async (request) => toUserResponse(ctx, await updateProfile(ctx, accountOf(request).user, request.body, request.clientIp)),
  );

  app.post(
    '/users/me/password',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Change the password; every other session is revoked',
        body: Type.Object({ current_password: Password, new_password: NewPassword }),
        response: { 204: NoContent, ...errorResponses('login_locked', 'account_locked') },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, accountOf(request), request.body, request.ip);
      return reply.code(204).send();
    },
  );

  app.post(
    '/users/me/phone-number',
    {
      ...auth,
      schema: {
        tags: ['me'],
        summary: 'Move the account to a newly verified phone; every other session is revoked',
        description: 'Prove it with exactly one of `password` or `current_token` (a verification token for the present phone).',
        body: PhoneNumberChange,
        response: { 200: User, ...errorResponses('invalid_verify_token', 'login_locked', 'account_locked') },
      },
    },
    async (request) => toUserResponse(ctx, await changePhoneNumber(ctx, accountOf(request), request.body, request.ip)),
  );
}
