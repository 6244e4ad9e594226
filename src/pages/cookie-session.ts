import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { unauthorized } from '../http/errors.js';
import { errorResponses, LoginCredentials, NoContent, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { MfaChallenge, SecondStep } from '../login/routes.js';
import { AuthenticationResponse, RequestOptions } from '../passkeys/schemas.js';
import { type ApiAnswer, callApi, passOn } from './forward.js';
import { requireSameOrigin } from './same-origin.js';

/**
 * The refresh token's cookie. `__Host-` makes browsers accept it only with `Secure`,
 * `Path=/` and no `Domain`, so only this host can set it and no other host's cookie can
 * stand in for it (a sibling subdomain's `Domain=` parent, longer-`Path` cookie would be
 * sent first, and the pages would run in that account). Never readable by page scripts.
 */
export const REFRESH_COOKIE = '__Host-account_refresh';
/** The name before the prefix: whatever comes under it is never read, only expired (its path). */
const OLD_COOKIE = { name: 'account_refresh', path: '/account/api' };

const AccessToken = Type.Object({ access_token: Type.String() });
const tags = ['account-pages'];
const note =
  'For the account pages at /account/: the refresh token is kept in an HttpOnly, Secure, SameSite=Strict cookie ' +
  '(`__Host-account_refresh`, which no other host can set) and only ' +
  'the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403.';

/**
 * The pages' session: the JSON API's login, refresh and logout, with the refresh token
 * moved from the body into a cookie. The access token stays in the page's memory.
 */
/** Setting and clearing the refresh cookie, for every route that logs the pages in. */
export function refreshCookie(ctx: AppContext) {
  // Secure in every environment: browsers take it on http://localhost too, a secure context.
  const cookie = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' as const };
  const keep = (reply: FastifyReply, refresh: string) =>
    reply.setCookie(REFRESH_COOKIE, refresh, { ...cookie, maxAge: ctx.config.ttl.refresh });
  const forget = (reply: FastifyReply) => reply.clearCookie(REFRESH_COOKIE, cookie);
  /** Tokens (in a 200, 201 or 202) become a cookie and an access token; a challenge and errors pass on as they are. */
  const answerLogin = (reply: FastifyReply, answer: ApiAnswer) => {
    const body = answer.body as { access_token?: string; refresh_token?: string } | undefined;
    if (![200, 201, 202].includes(answer.status) || !body?.refresh_token || !body.access_token) return passOn(reply, answer);
    keep(reply, body.refresh_token);
    return reply.code(200).send({ access_token: body.access_token });
  };
  return { cookie, keep, forget, answerLogin };
}

export function sessionRoutes(app: App, ctx: AppContext): void {
  const { cookie, keep, forget, answerLogin } = refreshCookie(ctx);

  app.addHook('onRequest', requireSameOrigin);
  // Answers carry tokens: no cache, shared or private, may keep them.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    // A cookie of the name before the prefix, this host's from before an upgrade (or planted): expired, never read.
    if (request.cookies?.[OLD_COOKIE.name] !== undefined) reply.clearCookie(OLD_COOKIE.name, { ...cookie, path: OLD_COOKIE.path });
    return payload;
  });

  app.post(
    '/login',
    {
      schema: {
        tags,
        summary: 'Log in for the account pages',
        description: `${note} Exactly one of \`email\`/\`phone_number\` and one of \`password\`/\`key\`, as \`POST /api/v1/login\`.`,
        body: LoginCredentials,
        response: {
          200: AccessToken,
          202: MfaChallenge,
          ...errorResponses('cross_site_request', 'no_active_account', 'login_locked', 'account_locked', 'sms_key_failures', 'login_busy'),
        },
      },
    },
    async (request, reply) => answerLogin(reply, await callApi(app, request, '/api/v1/login', request.body)),
  );

  app.post(
    '/login/mfa',
    {
      schema: {
        tags,
        summary: 'The second factor of a login, for the account pages',
        description: `${note} As \`POST /api/v1/login/mfa\`: a code or a passkey.`,
        body: SecondStep,
        response: {
          200: AccessToken,
          ...errorResponses('cross_site_request', 'mfa_token_invalid', 'mfa_code_invalid', 'mfa_locked', 'mfa_code_failures', 'passkey_invalid'),
        },
      },
    },
    async (request, reply) => answerLogin(reply, await callApi(app, request, '/api/v1/login/mfa', request.body)),
  );

  app.post(
    '/login/passkey/options',
    {
      schema: {
        tags,
        summary: 'Start a sign-in with a passkey, for the account pages',
        description: `${note} As \`POST /api/v1/login/passkey/options\`.`,
        body: Type.Object({}),
        response: {
          200: Type.Object({ challenge_id: Type.String({ format: 'uuid' }), options: RequestOptions }),
          ...errorResponses('cross_site_request'),
        },
      },
    },
    async (request, reply) => passOn(reply, await callApi(app, request, '/api/v1/login/passkey/options', {})),
  );

  app.post(
    '/login/passkey',
    {
      schema: {
        tags,
        summary: 'Sign in with a passkey, for the account pages',
        description: `${note} As \`POST /api/v1/login/passkey\`.`,
        body: Type.Object({ challenge_id: Text(64), response: AuthenticationResponse }),
        response: { 200: AccessToken, ...errorResponses('cross_site_request', 'passkey_invalid', 'passkey_challenge_invalid') },
      },
    },
    async (request, reply) => answerLogin(reply, await callApi(app, request, '/api/v1/login/passkey', request.body)),
  );

  app.post(
    '/refresh',
    {
      schema: {
        tags,
        summary: "A new access token for the pages' session cookie",
        description: note,
        body: Type.Object({}),
        response: { 200: AccessToken, ...errorResponses('cross_site_request', 'not_authenticated', 'token_not_valid') },
      },
    },
    async (request, reply) => {
      const refresh = request.cookies[REFRESH_COOKIE];
      if (!refresh) throw unauthorized('not_authenticated');
      const answer = await callApi(app, request, '/api/v1/login/refresh', { refresh });
      const body = answer.body as { access?: string; refresh?: string } | undefined;
      if (answer.status !== 202 || !body?.access) {
        if (answer.status === 401) forget(reply);
        return passOn(reply, answer);
      }
      // With REFRESH_TOKEN_ROTATION the API retired the old one.
      if (body.refresh) keep(reply, body.refresh);
      return reply.code(200).send({ access_token: body.access });
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags,
        summary: "End the pages' session and clear its cookie",
        description: note,
        body: Type.Object({}),
        response: { 204: NoContent, ...errorResponses('cross_site_request') },
      },
    },
    async (request, reply) => {
      const refresh = request.cookies[REFRESH_COOKIE];
      // A token the API refuses belongs to a session that is already over: logged out either way.
      if (refresh) await callApi(app, request, '/api/v1/logout', { refresh });
      forget(reply);
      return reply.code(204).send();
    },
  );
}
