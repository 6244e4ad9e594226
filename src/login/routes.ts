import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, LoginCredentials, NoContent, SecondFactorCode, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { signInOptions } from '../passkeys/assertion.js';
import { AuthenticationResponse, RequestOptions } from '../passkeys/schemas.js';
import { accountOf } from '../sessions/guard.js';
import { loginWithPasskey } from './passkey.js';
import { loginSecondStep } from './second-step.js';
import { login, logout, logoutEverywhere, refresh } from './service.js';

const Tokens = Type.Object({ access_token: Type.String(), refresh_token: Type.String() });
export const MfaChallenge = Type.Object({
  mfa_required: Type.Literal(true),
  mfa_token: Type.String({ description: 'For `POST /login/mfa`, with a code or a passkey; alive 5 minutes' }),
  methods: Type.Array(Type.Union([Type.Literal('totp'), Type.Literal('recovery_code'), Type.Literal('passkey')]), {
    description: 'What may answer the second step: `totp`, `recovery_code`, and `passkey` when the user has one',
  }),
  passkey_options: Type.Optional(
    Type.Unsafe<Static<typeof RequestOptions>>({ ...RequestOptions, description: 'With `passkey` among the methods: the request options a passkey answers, bound to this mfa_token' }),
  ),
});
/** The second step's answer: exactly one of a code and a passkey's assertion. */
export const SecondStep = Type.Object({
  mfa_token: Text(4096),
  code: Type.Optional(SecondFactorCode),
  passkey: Type.Optional(AuthenticationResponse),
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
        summary: 'The second step of a login: a code from the authenticator app, a recovery code, or a passkey',
        description:
          'With the `mfa_token` that `POST /login` answered, from the same client, and exactly one of `code` and ' +
          '`passkey` (the assertion answering its `passkey_options`). The token lives 5 minutes, is used once and dies ' +
          'after 5 tries; every wrong code also counts on the account\'s failure budget, and on the second factor\'s ' +
          'own (`MFA_MAX_FAILURES` for the first step\'s factor, which no login resets), and is an `mfa.failed` event.',
        body: SecondStep,
        response: {
          202: Tokens,
          ...errorResponses('mfa_token_invalid', 'mfa_code_invalid', 'mfa_locked', 'mfa_code_failures', 'passkey_invalid'),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await loginSecondStep(ctx, request.body, clientOf(request))),
  );

  app.post(
    '/login/passkey/options',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start a sign-in with a passkey, no identifier typed: request options for any discoverable passkey',
        description: 'Pass `options` to `startAuthentication()` of `@simplewebauthn/browser`; its challenge is used once and lives 5 minutes.',
        response: {
          200: Type.Object({ challenge_id: Type.String({ format: 'uuid', description: 'For `POST /login/passkey`' }), options: RequestOptions }),
          ...errorResponses(),
        },
      },
    },
    async () => signInOptions(ctx),
  );

  app.post(
    '/login/passkey',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a passkey: the assertion answering the options',
        description:
          'A passkey verified with user verification is both factors: no second step follows, even for a user with an ' +
          'authenticator app. An unknown credential, a bad signature, a wrong origin or RP ID, no user verification or a ' +
          'signature counter that went backwards: 401 `passkey_invalid`; a used or expired challenge: 401 `passkey_challenge_invalid`.',
        body: Type.Object({ challenge_id: Text(64), response: AuthenticationResponse }),
        response: { 202: Tokens, ...errorResponses('passkey_invalid', 'passkey_challenge_invalid') },
      },
    },
    async (request, reply) => reply.code(202).send(await loginWithPasskey(ctx, request.body, clientOf(request))),
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
