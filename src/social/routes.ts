import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Email, errorResponses, NullableString, PhoneNumber, ProfileText, Text, User, VerifyToken } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { MfaChallenge } from '../login/routes.js';
import { toUserResponse } from '../users/response.js';
import { finishCallback, startFlow } from './browser.js';
import { exchangeResult, loginWithAppTokens, type SocialDeps } from './service.js';
import { finishSocialSignUp } from './signup.js';

const Tokens = Type.Object({ access_token: Type.String(), refresh_token: Type.String() });
/** POST /users/social's body: the social_token, the phone proven, and what the provider did not say. */
export const SocialSignUpBody = Type.Object({
  social_token: Text(128),
  phone_number: PhoneNumber,
  token: VerifyToken,
  email: Type.Optional(Email),
  name: Type.Optional(ProfileText(255)),
  nickname: Type.Optional(ProfileText(255)),
});

export const SignupRequired = Type.Object({
  signup_required: Type.Literal(true),
  social_token: Type.String({ description: 'For `POST /users/social`: single use, alive PHONE_VERIFY_TOKEN_TTL_SECONDS' }),
  profile: Type.Object(
    { email: NullableString(), name: NullableString(), nickname: NullableString() },
    { description: 'What the provider said of the person, each possibly null; the email is not known to be theirs unless the provider marked it verified' },
  ),
});
export const SocialAnswer = Type.Union([Tokens, MfaChallenge, SignupRequired], {
  description: 'The tokens; the second step\'s challenge for an account with a second factor; or, for an identity no account has, what finishes the sign-up',
});
export const SocialSignUpDone = Type.Object({ user: User, access_token: Type.String(), refresh_token: Type.String() });
const Provider = Text(32, { description: '`kakao`, `naver`, `google`, `apple` or `oidc`, among SOCIAL_PROVIDERS' });
const ProviderParam = Type.Object({ provider: Provider });
const Redirect = Type.Unsafe<void>({ description: 'A redirect (Location)' });

/** What an app sends: the provider's tokens as its SDK gave them. */
export const AppTokenFields = {
  id_token: Type.Optional(Text(8192, { description: 'An OpenID Connect ID token issued to one of this service\'s client IDs' })),
  access_token: Type.Optional(Text(4096, { description: 'Kakao only (checked with its token information API)' })),
  nonce: Type.Optional(Text(512, { description: 'The nonce the app put in its request (or whose SHA-256 it put there)' })),
  authorization_code: Type.Optional(Text(2048, {
    description: 'Apple only: the app\'s authorization code, so the service holds a token to revoke at withdrawal, as App Store guideline 5.1.1(v) requires',
  })),
};

const clientOf = (request: FastifyRequest) => ({ ip: request.clientIp, userAgent: request.headers['user-agent'] ?? null });

/** The browser flow's answers carry secrets in their URLs: never cached, never sent on as a Referer. */
const noTrace = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

/** Social login (SPEC, *Social login*): from an app, in a browser, and finishing a sign-up. */
export async function socialRoutes(app: App, d: SocialDeps): Promise<void> {
  app.post(
    '/login/social',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with the token a provider\'s SDK gave an app',
        description: 'At least one of `id_token` and `access_token`. A token issued to another app is refused.',
        body: Type.Object({ provider: Provider, ...AppTokenFields }),
        response: {
          202: SocialAnswer,
          ...errorResponses('social_provider_disabled', 'social_token_invalid', 'social_token_unverifiable', 'no_active_account', 'login_locked', 'social_provider_unavailable'),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await loginWithAppTokens(d, request.body, clientOf(request))),
  );

  app.get(
    '/oauth/:provider/start',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start a social sign-in in a browser: redirects to the provider',
        description:
          '`redirect_to` must equal one of SOCIAL_REDIRECT_URLS (or the account pages\' own) exactly; `code_challenge` is the ' +
          'S256 challenge of a verifier the caller keeps for `POST /oauth/exchange`.',
        params: ProviderParam,
        querystring: Type.Object({
          redirect_to: Text(2048),
          code_challenge: Text(128),
          code_challenge_method: Type.Optional(Text(16, { description: '`S256`, the only one' })),
        }),
        response: { 302: Redirect, ...errorResponses('social_provider_disabled', 'social_provider_unavailable') },
      },
    },
    async (request, reply) => noTrace(reply).redirect(await startFlow(d, request.params.provider, request.query), 302),
  );

  const callback = async (request: FastifyRequest, reply: FastifyReply, params: URLSearchParams) =>
    noTrace(reply).redirect(await finishCallback(d, (request.params as { provider: string }).provider, params), 302);
  const callbackSchema = (summary: string) => ({
    tags: ['auth'],
    summary,
    description: 'Redirects to the flow\'s `redirect_to` with `result=…` (for `POST /oauth/exchange`, once, within 60 s) or `error=…`.',
    params: ProviderParam,
    response: { 302: Redirect, ...errorResponses('social_provider_disabled') },
  });
  app.get('/oauth/:provider/callback', { schema: callbackSchema('The provider\'s redirect back') }, async (request, reply) =>
    callback(request, reply, new URLSearchParams(request.query as Record<string, string>)),
  );
  // Apple posts its answer as a form: that content type is parsed on this route only.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    });
    scope.post('/oauth/:provider/callback', { schema: callbackSchema('The provider\'s form post back (Apple)') }, async (request, reply) =>
      callback(request, reply, request.body instanceof URLSearchParams ? request.body : new URLSearchParams()),
    );
  });

  app.post(
    '/oauth/exchange',
    {
      schema: {
        tags: ['auth'],
        summary: 'Finish a browser sign-in: the callback\'s result and the verifier of the start\'s challenge',
        description: 'Answers as `POST /login/social`. The result works once, within 60 seconds; a wrong verifier uses it up.',
        body: Type.Object({ result: Text(128), code_verifier: Text(256) }),
        response: { 202: SocialAnswer, ...errorResponses('oauth_result_invalid', 'social_provider_disabled', 'no_active_account', 'login_locked') },
      },
    },
    async (request, reply) => reply.code(202).send(await exchangeResult(d, request.body, clientOf(request))),
  );

  app.post(
    '/users/social',
    {
      schema: {
        tags: ['users'],
        summary: 'Finish a social sign-up with a verified phone',
        description:
          'A phone no account has: a new account without a password (201); `email` is required unless the provider gave a ' +
          'verified one no account has. A phone an account has: the identity is linked to it (200), or, with a second ' +
          'factor, once the second step succeeds (202).',
        body: SocialSignUpBody,
        response: {
          201: SocialSignUpDone,
          200: SocialSignUpDone,
          202: MfaChallenge,
          ...errorResponses('invalid_verify_token', 'social_signup_token_invalid', 'social_provider_disabled', 'no_active_account', 'login_locked'),
        },
      },
    },
    async (request, reply) => {
      const done = await finishSocialSignUp(d, request.body, clientOf(request));
      if (done.status === 202) return reply.code(202).send(done.mfa);
      return reply.code(done.status).send({ user: toUserResponse(d.ctx, done.user), ...done.tokens });
    },
  );
}
