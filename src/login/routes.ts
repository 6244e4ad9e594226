import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, LoginCredentials, NoContent, SecondFactorCode, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { accountOf } from '../sessions/guard.js';
import { loginSecondStep } from './second-step.js';
import { login, logout, logoutEverywhere, refresh } from './service.js';

const Tokens = Type.Object({ access_token: Type.String(), refresh_token: Type.String() });
const MfaChallenge = Type.Object({
  mfa_required: Type.Literal(true),
  mfa_token: Type.String({ description: 'For `POST /login/mfa`, with a code; alive 5 minutes' }),
});

const clientOf = (request: FastifyRequest) => ({ ip: request.clientIp, userAgent: request.headers['user-agent'] ?? null });

export function loginRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/login',
    {
      config: { loginAttempt: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email or phone number, and password or SMS key',
        description: 'Exactly one of `email`/`phone_number` and exactly one of `password`/`key`.',
        body: LoginCredentials,
        response: {
          202: Type.Union([Tokens, MfaChallenge], {
            description: 'The tokens; or, for an account with a second factor, the challenge that `POST /login/mfa` answers',
          }),
          ...errorResponses('no_active_account', 'login_locked', 'account_locked', 'sms_key_failures', 'login_busy'),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await login(ctx, request.body, clientOf(request))),
  );

  app.post(
    '/login/mfa',
    {
      schema: {
        tags: ['auth'],
        summary: 'The second step of a login: a code from the authenticator app, or a recovery code',
        description:
          'With the `mfa_token` that `POST /login` answered, from the same client. The token lives 5 minutes, is used ' +
          'once and dies after 5 codes; every wrong code also counts on the account\'s failure budget, and on the ' +
          'second factor\'s own (`MFA_MAX_FAILURES` for the first step\'s factor, which no login resets), and is an ' +
          '`mfa.failed` event.',
        body: Type.Object({ mfa_token: Text(4096), code: SecondFactorCode }),
        response: { 202: Tokens, ...errorResponses('mfa_token_invalid', 'mfa_code_invalid', 'mfa_locked', 'mfa_code_failures') },
      },
    },
    async (request, reply) => reply.code(202).send(await loginSecondStep(ctx, request.body, clientOf(request))),
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
          ...errorResponses('token_not_valid'),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await refresh(ctx, request.body.refresh, request.clientIp)),
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: "Revoke the refresh token's session; its access tokens stop working at once",
        body: Type.Object({ refresh: Text(4096) }),
        response: { 204: NoContent, ...errorResponses('token_not_valid') },
      },
    },
    async (request, reply) => {
      await logout(ctx, request.body.refresh, request.clientIp);
      return reply.code(204).send();
    },
  );

  app.post(
    '/logout/all',
    {
      config: { auth: 'bearer' },
      schema: {
        tags: ['auth'],
        summary: "Revoke every one of the user's sessions",
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await logoutEverywhere(ctx, accountOf(request), request.clientIp);
      return reply.code(204).send();
    },
  );
}
