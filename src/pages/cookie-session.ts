import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { unauthorized } from '../http/errors.js';
import { errorResponses, LoginCredentials, NoContent, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { type ApiAnswer, callApi, passOn } from './forward.js';
import { requireSameOrigin } from './same-origin.js';

/** Sent only to these endpoints (its Path), never readable by page scripts (HttpOnly). */
export const REFRESH_COOKIE = 'account_refresh';
export const COOKIE_PATH = '/account/api';

const AccessToken = Type.Object({ access_token: Type.String() });
const MfaChallenge = Type.Object({ mfa_required: Type.Literal(true), mfa_token: Type.String() });
const tags = ['account-pages'];
const note =
  'For the account pages at /account/: the refresh token is kept in an HttpOnly, SameSite=Strict cookie and only ' +
  'the access token is answered. Same-origin JSON requests only (Sec-Fetch-Site or Origin); others are 403.';

/**
 * The pages' session: the JSON API's login, refresh and logout, with the refresh token
 * moved from the body into a cookie. The access token stays in the page's memory.
 */
export function sessionRoutes(app: App, ctx: AppContext): void {
  const cookie = {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict' as const,
    // Development and tests run on plain http://localhost.
    secure: ctx.config.nodeEnv === 'production',
  };
  const keep = (reply: FastifyReply, refresh: string) =>
    reply.setCookie(REFRESH_COOKIE, refresh, { ...cookie, maxAge: ctx.config.ttl.refresh });
  const forget = (reply: FastifyReply) => reply.clearCookie(REFRESH_COOKIE, cookie);

  /** Tokens become a cookie and an access token; a second-factor challenge and errors pass on as they are. */
  const answerLogin = (reply: FastifyReply, answer: ApiAnswer) => {
    const body = answer.body as { access_token?: string; refresh_token?: string } | undefined;
    if (answer.status !== 202 || !body?.refresh_token || !body.access_token) return passOn(reply, answer);
    keep(reply, body.refresh_token);
    return reply.code(200).send({ access_token: body.access_token });
  };

  app.addHook('onRequest', requireSameOrigin);
  // Answers carry tokens: no cache, shared or private, may keep them.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
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
        description: `${note} As \`POST /api/v1/login/mfa\`.`,
        body: Type.Object({ mfa_token: Text(4096), code: Text(64) }),
        response: { 200: AccessToken, ...errorResponses('cross_site_request', 'mfa_token_invalid', 'mfa_code_invalid', 'mfa_locked', 'mfa_code_failures') },
      },
    },
    async (request, reply) => answerLogin(reply, await callApi(app, request, '/api/v1/login/mfa', request.body)),
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
