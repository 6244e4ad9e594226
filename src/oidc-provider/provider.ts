import { hkdfSync } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider';
import type { ResolvedConfig } from '../config.js';
import { publicUrlOf } from '../config/public-url.js';
import { envelope } from '../crypto/envelope.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../events/record.js';
import { isDatabaseDown } from '../http/error-handler.js';
import type { PublishedKey } from '../signing-keys/ring.js';
import { accountActive, findAccount, interactionPolicy, loadExistingGrant } from './account.js';
import { pgAdapter } from './adapter.js';
import { allowFormActionTo, providerDocuments, type RenderPage } from './documents.js';
import type { OidcLibrary } from './library.js';
import { bindSession } from './repository.js';
import { ringKeys } from './ring-key.js';
import { requestIp } from './source.js';

export interface ProviderDeps {
  library: OidcLibrary;
  db: Db;
  config: ResolvedConfig;
  log: FastifyBaseLogger;
  renderPage: RenderPage;
}

/** Where the provider's endpoints are, under the service's own paths; the key set is the service's JWKS route. */
export const ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  revocation: '/oidc/token/revocation',
  introspection: '/oidc/token/introspection',
  end_session: '/oidc/session/end',
  pushed_authorization_request: '/oidc/request',
  jwks: '/.well-known/jwks.json',
};

/** The path of a sign-in's interaction on the account pages; its JSON endpoints sit under it (the interaction cookie's path). */
export const interactionPath = (uid: string) => `/account/oidc/${uid}`;

/** A year: a grant (an app the user allowed) lasts until taken back, or this long. */
const GRANT_TTL_SECONDS = 365 * 86_400;

/** The sealing of client secrets (src/crypto/envelope.ts); the client_id is the associated data. */
export const clientSecrets = (secretKey: string) => envelope(secretKey, 'oidc-client-secret');

/** Which client metadata every client has unless its row says otherwise. */
export const clientDefaults = (signingAlg: string) => ({
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  // The form_post mode would post to the app from a page whose form-action allows this origin only.
  response_modes: ['query', 'fragment'],
  token_endpoint_auth_method: 'client_secret_basic',
  // Never stored with a client: a JWT_ALGORITHM change moves every client to the new key.
  id_token_signed_response_alg: signingAlg,
});

/**
 * The provider, configured as SPEC's last section says: the code flow with PKCE (S256) for
 * every client, exact redirect URIs, opaque access tokens and refresh tokens rotated with
 * reuse detection, ID tokens signed with the ring's keys (`keys`, the signing one first).
 * Built again whenever the ring's keys change (holder in mount.ts); nothing in it is state.
 */
export function buildProvider(deps: ProviderDeps, keys: PublishedKey[]): Provider {
  const { library, db, config, log } = deps;
  const secrets = clientSecrets(config.secretKey);
  const documents = providerDocuments(deps.renderPage);
  const secure = config.nodeEnv === 'production';
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure };
  const ttl = config.ttl;
  const configuration: Configuration = {
    adapter: pgAdapter({
      db,
      reuseSeconds: config.refreshTokenReuseInterval,
      openSecret: (sealed, clientId) => secrets.open(sealed, clientId),
      source: () => ({ actor: 'user' as Actor, ip: library.Provider.ctx?.ip ?? requestIp() ?? null }),
      InvalidGrant: library.errors.InvalidGrant,
    }),
    jwks: { keys: ringKeys(library.ExternalSigningKey, keys) as never },
    findAccount: findAccount(db),
    loadExistingGrant: loadExistingGrant(db),
    interactions: {
      policy: interactionPolicy(library, db),
      url: (_ctx, interaction) => `${publicUrlOf(config)}${interactionPath(interaction.uid)}`,
    },
    features: {
      devInteractions: { enabled: false },
      externalSigningSupport: { enabled: true, ack: 'experimental-01' },
      userinfo: { enabled: true },
      // An app may revoke or look into its own tokens only.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: { enabled: true, logoutSource: documents.logoutSource, postLogoutSuccessSource: documents.postLogoutSuccessSource },
      clientCredentials: { enabled: false },
      registration: { enabled: false },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
    },
    routes: ROUTES,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'none'],
    clientDefaults: clientDefaults(keys[0]!.alg) as Configuration['clientDefaults'],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'phone', 'offline_access'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'nickname'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
    },
    conformIdTokenClaims: true,
    rotateRefreshToken: true,
    clientBasedCORS: (ctx, origin, client) =>
      origin !== 'null' &&
      (ctx.oidc.route === 'userinfo' || client.clientAuthMethod === 'none') &&
      client.redirectUris!.some((uri) => originOf(uri) === origin),
    extraClientMetadata: { properties: ['firstParty'] },
    cookies: {
      keys: [Buffer.from(hkdfSync('sha256', config.secretKey, 'account-service oidc', 'oidc-cookies', 32)).toString('base64url')],
      names: { session: 'oidc_session', interaction: 'oidc_interaction', resume: 'oidc_resume' },
      long: cookie,
      short: cookie,
    },
    ttl: {
      AccessToken: ttl.access,
      IdToken: ttl.access,
      AuthorizationCode: 60,
      RefreshToken: ttl.refresh,
      Session: ttl.refresh,
      Grant: GRANT_TTL_SECONDS,
      Interaction: 1800,
    },
    discovery: { ui_locales_supported: ['ko', 'en'] },
    renderError: documents.renderError,
  };
  const provider = new library.Provider(publicUrlOf(config), configuration);
  // The bridge (mount.ts) writes these headers from PUBLIC_URL and the client IP Fastify worked out.
  provider.proxy = true;
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    await afterRoute(ctx, db, config);
  });
  provider.on('server_error', (ctx: KoaContextWithOIDC, err: Error) => {
    if (isDatabaseDown(err)) {
      log.error({ err }, 'OpenID provider: database unavailable');
      ctx.status = 503;
      ctx.body = { error: 'temporarily_unavailable', error_description: 'the database is unavailable' };
      return;
    }
    log.error({ err, route: ctx.oidc?.route }, 'OpenID provider: unhandled error');
  });
  const emitter = provider as unknown as EventEmitter;
  for (const event of ['authorization.error', 'grant.error', 'introspection.error', 'revocation.error', 'userinfo.error', 'end_session.error']) {
    emitter.on(event, (_ctx: KoaContextWithOIDC, err: { error?: string; error_description?: string; error_detail?: string }) =>
      log.info({ event, error: err.error, description: err.error_description, detail: err.error_detail }, 'OpenID provider refused a request'),
    );
  }
  // Koa's own errors (outside the provider's handlers) go to the log, never to stderr.
  emitter.on('error', (err: Error) => log.error({ err }, 'OpenID provider: request failed'));
  return provider;
}

const originOf = (uri: string) => {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
};

/** What the service adds once the library has answered. */
async function afterRoute(ctx: KoaContextWithOIDC, db: Db, config: ResolvedConfig): Promise<void> {
  const route = ctx.oidc?.route;
  if (route === 'discovery') {
    // Only what clients may use (clientDefaults): the library lists form_post too.
    (ctx.body as { response_modes_supported?: string[] }).response_modes_supported = ['query', 'fragment'];
  }
  if (route === 'introspection') {
    // The library does not ask whether the account is still active; userinfo and refresh do.
    const body = ctx.body as { active?: boolean; sub?: string } | undefined;
    if (body?.active && body.sub && !(await accountActive(db, body.sub))) ctx.body = { active: false };
  }
  if (route === 'end_session') {
    const to = ctx.oidc.params?.post_logout_redirect_uri;
    const origin = typeof to === 'string' ? originOf(to) : undefined;
    const csp = ctx.response.get('content-security-policy');
    if (origin && csp) ctx.set('content-security-policy', allowFormActionTo(csp, origin));
  }
  if (route === 'resume') {
    const result = ctx.oidc.result as { login?: unknown; serviceSession?: string } | undefined;
    const session = ctx.oidc.session as (typeof ctx.oidc.session & { destroyed?: boolean }) | undefined;
    if (result?.login && result.serviceSession && session?.accountId && !session.destroyed) {
      await bindSession(db, session.uid, { sessionId: result.serviceSession, userId: Number(session.accountId), ttlSeconds: config.ttl.refresh });
    }
  }
}
