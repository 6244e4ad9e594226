import { randomBytes } from 'node:crypto';
import * as oc from 'openid-client';
import { secretHash } from '../crypto/keyed-hash.js';
import { envelope } from '../crypto/envelope.js';
import { ApiError, ValidationError } from '../http/errors.js';
import { sealIdentity } from '../identities/sealing.js';
import { insertFlow, saveResult, useFlowState } from './flows.js';
import type { FlowSecrets } from './provider.js';
import { SocialError } from './provider.js';
import { allowedRedirect, pagesReturnUrl, withParam } from './redirects.js';
import { providerOf, type SocialDeps } from './service.js';

/*
 * The browser flow (SPEC, *In a browser*). No cookie binds it, so Apple's cross-site form
 * post works: the state (random, single use, 10 minutes, stored as an HMAC) binds the
 * callback to its flow and provider, and the caller's own S256 challenge binds the result to
 * the page that started it. Sessions open only at POST /oauth/exchange, never here.
 */

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const random = () => randomBytes(32).toString('base64url');
const stateHashOf = (secretKey: string, state: string) => secretHash(secretKey, 'oauth-state', state);

/** The flow's nonce and PKCE verifier, opened only with its state's HMAC. */
const secretsBox = (secretKey: string) => envelope(secretKey, 'oauth-flow');

/**
 * GET /oauth/{provider}/start: checks where the flow returns to (exactly one of the allowed
 * URLs, else 400 and no redirect) and the caller's challenge, keeps the flow, and answers
 * where to send the browser: the provider, with state, nonce and PKCE where it has them.
 */
export async function startFlow(
  d: SocialDeps,
  name: string,
  q: { redirect_to: string; code_challenge: string; code_challenge_method?: string | undefined },
): Promise<string> {
  const provider = providerOf(d, name);
  const fields: ConstructorParameters<typeof ValidationError>[0] = {};
  if (!allowedRedirect(d.ctx.config, q.redirect_to)) fields.redirect_to = [{ code: 'redirect_not_allowed' }];
  if (!CHALLENGE.test(q.code_challenge)) fields.code_challenge = [{ code: 'invalid_code_challenge' }];
  if (q.code_challenge_method !== undefined && q.code_challenge_method !== 'S256') fields.code_challenge_method = [{ code: 'invalid_code_challenge' }];
  if (Object.keys(fields).length) throw new ValidationError(fields);

  const secrets: FlowSecrets = { state: random(), nonce: random(), verifier: oc.randomPKCECodeVerifier() };
  let url: URL;
  try {
    url = await provider.authorizationUrl(secrets);
  } catch (err) {
    if (!(err instanceof SocialError)) throw err;
    // Its discovery document could not be had (down, or not what it must be): nothing to send the browser to.
    d.ctx.log.warn({ provider: provider.name, reason: err.message }, 'social provider unavailable');
    throw new ApiError('social_provider_unavailable');
  }
  const stateHash = stateHashOf(d.ctx.config.secretKey, secrets.state);
  await insertFlow(d.ctx.db, {
    stateHash,
    provider: provider.name,
    redirectTo: q.redirect_to,
    callerChallenge: q.code_challenge,
    secretsSealed: secretsBox(d.ctx.config.secretKey).seal(JSON.stringify({ nonce: secrets.nonce, verifier: secrets.verifier }), stateHash),
  });
  return url.href;
}

/** Provider errors a user causes (cancelling the consent) are `access_denied`; a provider that is busy says so. */
function errorOf(providerError: string): string {
  if (['access_denied', 'user_cancelled_authorize', 'consent_required', 'login_required'].includes(providerError)) return 'access_denied';
  return providerError === 'temporarily_unavailable' ? 'temporarily_unavailable' : 'server_error';
}

/**
 * GET|POST /oauth/{provider}/callback: where to send the browser next. A state that is
 * missing, unknown, used, expired or another provider's has no trustworthy destination: the
 * account pages get `error=invalid_request` (or, without them, a 400). Otherwise the flow's
 * own `redirect_to` gets `result=` or `error=` and nothing else: no provider text is passed on.
 */
export async function finishCallback(d: SocialDeps, name: string, params: URLSearchParams): Promise<string> {
  const provider = providerOf(d, name);
  const state = params.get('state');
  const stateHash = state ? stateHashOf(d.ctx.config.secretKey, state) : undefined;
  const flow = stateHash ? await useFlowState(d.ctx.db, stateHash, provider.name) : undefined;
  if (!flow || !state || !stateHash) {
    if (!d.ctx.config.accountPages.enabled) throw ValidationError.field('state', 'oauth_state_invalid');
    return withParam(pagesReturnUrl(d.ctx.config), 'error', 'invalid_request');
  }
  const providerError = params.get('error');
  if (providerError !== null) return withParam(flow.redirectTo, 'error', errorOf(providerError));
  // RFC 9207: a callback that names its issuer must name this provider's (a mix-up otherwise).
  const iss = params.get('iss');
  if (iss !== null && iss !== provider.issuer) return withParam(flow.redirectTo, 'error', 'server_error');
  const kept = JSON.parse(secretsBox(d.ctx.config.secretKey).open(flow.secretsSealed, stateHash)) as { nonce: string; verifier: string };
  try {
    const identity = await provider.exchange(params, { state, ...kept });
    const result = random();
    const resultHash = secretHash(d.ctx.config.secretKey, 'oauth-result', result);
    await saveResult(d.ctx.db, stateHash, { resultHash, identitySealed: sealIdentity(d.ctx.config.secretKey, identity, `oauth-result:${resultHash}`) });
    return withParam(flow.redirectTo, 'result', result);
  } catch (err) {
    if (!(err instanceof SocialError)) throw err;
    d.ctx.log.info({ provider: provider.name, reason: err.message }, 'social callback refused');
    return withParam(flow.redirectTo, 'error', err.kind === 'unavailable' ? 'temporarily_unavailable' : 'server_error');
  }
}
