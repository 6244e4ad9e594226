import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { Email, errorResponses, NewPassword, NoContent, PhoneNumber, ProfileText, User, VerifyToken } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { toUserResponse } from './response.js';
import { resetPassword, signUp } from './service.js';

export function userRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Sign up with a verified phone',
        body: Type.Object({
          email: Email,
          password: NewPassword,
          phone_number: PhoneNumber,
          token: VerifyToken,
          name: Type.Optional(ProfileText(255)),
          nickname: Type.Optional(ProfileText(255)),
        }),
        response: { 201: User, ...errorResponses('invalid_verify_token') },
      },
    },
    async (request, reply) => {
      const user = await signUp(ctx, request.body, request.clientIp);
      return reply.code(201).send(toUserResponse(ctx, user));
    },
  );

  app.post(
    '/users/find-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Set a new password with a phone verification token',
        body: Type.Object({ email: Email, password: NewPassword, token: VerifyToken }),
        response: { 201: NoContent, ...errorResponses('invalid_find_password') },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, request.body, request.clientIp);
      return reply.code(201).send();
    },
  );
}
