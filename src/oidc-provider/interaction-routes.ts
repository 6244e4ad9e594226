import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults, Provider } from 'oidc-provider';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import type { App } from '../http/types.js';
import { requireSameOrigin } from '../pages/same-origin.js';
import { accountOf } from '../sessions/guard.js';
import type { ProviderHolder } from './mount.js';
import { sessionOpenedAt } from './repository.js';
import { withRequestIp } from './source.js';

const Uid = Type.Object({ uid: Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'The interaction the provider named' }) });
const Redirect = Type.Object({ redirect_to: Type.String({ description: 'Where the browser goes next (the provider, then the app)' }) });
const Details = Type.Object({
  uid: Type.String(),
  prompt: Type.Union([Type.Literal('login'), Type.Literal('consent')]),
  client: Type.Object({ client_id: Type.String(), name: Type.String(), first_party: Type.Boolean() }),
  scopes: Type.Array(Type.String(), { description: 'What the app asks for' }),
  missing_scopes: Type.Array(Type.String(), { description: 'Of those, what the user has not allowed it yet' }),
  account_id: Type.Union([Type.Integer(), Type.Null()], { description: 'Who is signed in to the provider, if anyone' }),
  fresh_login: Type.Boolean({ description: 'The app asks for a sign-in made now (prompt=login or max_age): "continue as" will not do' }),
});
const tags = ['account-pages'];
const note = 'For the account pages: the sign-in and consent of an app that signs its users in through the service (OpenID Connect).';

/**
 * `/account/oidc/{uid}/…`: what the account pages ask while an app's sign-in waits for the
 * user. Under the interaction's own path, which its cookie is scoped to. The page proves who
 * signs in with its access token (the pages' own session), so every way in the pages offer
 * signs in to apps too.
 */
export function interactionRoutes(app: App, ctx: AppContext, holder: ProviderHolder | undefined): void {
  const interaction = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!holder) throw new ApiError('interaction_expired');
    const { provider } = await holder();
    const details = await provider.interactionDetails(request.raw, reply.raw).catch((err: unknown) => {
      if ((err as Error).name === 'SessionNotFound') throw new ApiError('interaction_expired');
      throw err;
    });
    // The cookie names the interaction; a page of another one must not act on it.
    if (details.uid !== (request.params as { uid: string }).uid) throw new ApiError('interaction_expired');
    return { provider, details };
  };
  const finish = async (provider: Provider, request: FastifyRequest, reply: FastifyReply, result: InteractionResults, merge: boolean) => ({
    redirect_to: await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: merge }),
  });
  const sameOrigin = { onRequest: requireSameOrigin };
  const auth = { config: { auth: 'bearer' as const } };

  app.get(
    '/account/oidc/:uid/details',
    {
      schema: { tags, summary: 'What an app asks of the user', description: note, params: Uid, response: { 200: Details, ...errorResponses('interaction_expired') } },
    },
    async (request, reply) => {
      const { provider, details } = await interaction(request, reply);
      const params = details.params as { client_id: string; scope?: string; max_age?: number };
      const client = await provider.Client.find(params.client_id);
      if (!client) throw new ApiError('interaction_expired');
      const promptDetails = details.prompt.details as { missingOIDCScope?: string[] };
      const accountId = details.session?.accountId;
      reply.header('cache-control', 'no-store');
      return {
        uid: details.uid,
        prompt: details.prompt.name === 'login' ? ('login' as const) : ('consent' as const),
        client: { client_id: client.clientId, name: client.clientName ?? client.clientId, first_party: Boolean((client as { firstParty?: boolean }).firstParty) },
        scopes: (params.scope ?? '').split(' ').filter(Boolean),
        missing_scopes: promptDetails.missingOIDCScope ?? [],
        account_id: accountId && /^\d+$/.test(accountId) ? Number(accountId) : null,
        fresh_login: details.prompt.reasons.includes('login_prompt') || params.max_age !== undefined,
      };
    },
  );

  app.post(
    '/account/oidc/:uid/login',
    {
      ...sameOrigin,
      ...auth,
      schema: {
        tags,
        summary: 'Sign in to the app as the user of the access token',
        description: `${note} A sign-in the app asked to be fresh (prompt=login, max_age) must have been made after it asked: else 401 \`reauthentication_required\` and the page signs in again.`,
        params: Uid,
        body: Type.Object({}),
        response: { 200: Redirect, ...errorResponses('interaction_expired', 'reauthentication_required', 'cross_site_request') },
      },
    },
    async (request, reply) => {
      const { user, sessionId } = accountOf(request);
      const { provider, details } = await interaction(request, reply);
      const opened = await sessionOpenedAt(ctx.db, sessionId, user.id);
      if (!opened) throw new ApiError('reauthentication_required');
      const params = details.params as { max_age?: number };
      const asked = details.prompt.reasons.includes('login_prompt');
      // Seconds, as the provider counts: a login in the very second the app asked is not known to be after it.
      const openedAt = Math.floor(opened.getTime() / 1000);
      const now = Math.floor(Date.now() / 1000);
      if ((asked && openedAt <= details.iat!) || (params.max_age !== undefined && now - openedAt > Number(params.max_age))) {
        throw new ApiError('reauthentication_required');
      }
      const result = { login: { accountId: String(user.id), ts: openedAt }, serviceSession: sessionId };
      return finish(provider, request, reply, result, false);
    },
  );

  app.post(
    '/account/oidc/:uid/consent',
    {
      ...sameOrigin,
      ...auth,
      schema: {
        tags,
        summary: 'Allow the app what it asks for',
        description: `${note} Records \`oidc.consent_granted\`. Only the user signed in to the provider may answer.`,
        params: Uid,
        body: Type.Object({}),
        response: { 200: Redirect, ...errorResponses('interaction_expired', 'permission_denied', 'cross_site_request') },
      },
    },
    async (request, reply) => {
      const { user } = accountOf(request);
      const { provider, details } = await interaction(request, reply);
      const accountId = details.session?.accountId;
      if (details.prompt.name !== 'consent' || accountId !== String(user.id)) throw new ApiError('permission_denied');
      const clientId = (details.params as { client_id: string }).client_id;
      const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
      const missing = (details.prompt.details as { missingOIDCScope?: string[] }).missingOIDCScope;
      if (missing?.length) grant.addOIDCScope(missing.join(' '));
      const grantId = await withRequestIp(request.clientIp, () => grant.save());
      return finish(provider, request, reply, { consent: { grantId } }, true);
    },
  );

  app.post(
    '/account/oidc/:uid/abort',
    {
      ...sameOrigin,
      schema: {
        tags,
        summary: 'Refuse: the app is told the user said no (access_denied)',
        description: note,
        params: Uid,
        body: Type.Object({}),
        response: { 200: Redirect, ...errorResponses('interaction_expired', 'cross_site_request') },
      },
    },
    async (request, reply) => {
      const { provider } = await interaction(request, reply);
      return finish(provider, request, reply, { error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
    },
  );
}
