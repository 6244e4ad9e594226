import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { errorResponses, Text } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { MfaChallenge } from '../login/routes.js';
import { SignupRequired, SocialSignUpBody } from '../social/routes.js';
import { refreshCookie } from './cookie-session.js';
import { callApi } from './forward.js';

const AccessToken = Type.Object({ access_token: Type.String() });
const tags = ['account-pages'];
const note =
  'For the account pages: the refresh token is kept in the HttpOnly, SameSite=Strict cookie and only the access token ' +
  'is answered. Same-origin JSON requests only; others are 403.';

/**
 * The pages' end of a social sign-in: the browser flow's result, and the sign-up's phone
 * step, through the JSON API in-process, with the refresh token moved into the cookie. Added
 * in the scope of sessionRoutes, whose same-origin guard and no-store header they share.
 */
export function socialSessionRoutes(app: App, ctx: AppContext): void {
  const { answerLogin } = refreshCookie(ctx);

  app.post(
    '/oauth/exchange',
    {
      schema: {
        tags,
        summary: 'Finish a social sign-in, for the account pages',
        description: `${note} As \`POST /api/v1/oauth/exchange\`; a new identity's answer passes on as it is.`,
        body: Type.Object({ result: Text(128), code_verifier: Text(256) }),
        response: {
          200: AccessToken,
          202: Type.Union([MfaChallenge, SignupRequired]),
          ...errorResponses('cross_site_request', 'oauth_result_invalid', 'social_provider_disabled', 'no_active_account', 'login_locked'),
        },
      },
    },
    async (request, reply) => answerLogin(reply, await callApi(app, request, '/api/v1/oauth/exchange', request.body)),
  );

  app.post(
    '/users/social',
    {
      schema: {
        tags,
        summary: 'Finish a social sign-up with a verified phone, for the account pages',
        description: `${note} As \`POST /api/v1/users/social\`.`,
        body: SocialSignUpBody,
        response: {
          200: AccessToken,
          202: MfaChallenge,
          ...errorResponses('cross_site_request', 'invalid_verify_token', 'social_signup_token_invalid', 'social_provider_disabled', 'no_active_account', 'login_locked'),
        },
      },
    },
    async (request, reply) => answerLogin(reply, await callApi(app, request, '/api/v1/users/social', request.body)),
  );
}
