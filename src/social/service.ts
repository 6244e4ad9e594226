import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { constantTimeEqual, secretHash } from '../crypto/keyed-hash.js';
import { ApiError, unauthorized, ValidationError } from '../http/errors.js';
import { openIdentity } from '../identities/sealing.js';
import { answerIdentity, type Client, countSocialAttempt, type SocialAnswer } from './answer.js';
import type { SocialProviders } from './create-providers.js';
import { useResult } from './flows.js';
import { type AppTokens, type ProviderName, SocialError, type SocialProvider, type VerifiedIdentity } from './provider.js';

/** What the routes need: the configured providers and the app. */
export interface SocialDeps {
  ctx: AppContext;
  providers: SocialProviders;
}

/** The provider of that name when SOCIAL_PROVIDERS names it; 401 otherwise, as SPEC answers a provider that is not on. */
export function providerOf(d: SocialDeps, name: string): SocialProvider {
  const provider = d.providers.get(name as ProviderName);
  if (!provider) throw unauthorized('social_provider_disabled');
  return provider;
}

/** A SocialError as the API answers it; the cause goes to the log, never to the client. */
export function socialRefusal(err: unknown, log: FastifyBaseLogger, provider: string): unknown {
  if (!(err instanceof SocialError)) return err;
  log.info({ provider, reason: err.message }, 'social sign-in refused');
  if (err.kind === 'unavailable') return new ApiError('social_provider_unavailable');
  return unauthorized(err.kind === 'unverifiable' ? 'social_token_unverifiable' : 'social_token_invalid');
}

/** What an app sends: at least one token; an authorization code only to Apple. */
export function checkAppTokens(provider: string, t: AppTokens): void {
  const fields: ConstructorParameters<typeof ValidationError>[0] = {};
  if (t.id_token === undefined && t.access_token === undefined) fields.non_field_errors = [{ code: 'social_token_required' }];
  if (t.authorization_code !== undefined && provider !== 'apple') fields.authorization_code = [{ code: 'authorization_code_apple_only' }];
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

/** The provider's check of an app's tokens, its refusals as the API answers them. */
export async function verifyApp(d: SocialDeps, provider: SocialProvider, t: AppTokens): Promise<VerifiedIdentity> {
  try {
    return await provider.verifyAppTokens(t);
  } catch (err) {
    throw socialRefusal(err, d.ctx.log, provider.name);
  }
}

/** POST /login/social: the token the provider's SDK gave an app. */
export async function loginWithAppTokens(d: SocialDeps, input: AppTokens & { provider: string }, client: Client): Promise<SocialAnswer> {
  const provider = providerOf(d, input.provider);
  checkAppTokens(provider.name, input);
  const bucket = await countSocialAttempt(d.ctx, client.ip);
  return answerIdentity(d.ctx, await verifyApp(d, provider, input), client, bucket);
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * POST /oauth/exchange: a browser flow's result, with the verifier of the challenge its
 * caller started it with. The result is used up before the verifier is compared, so a
 * wrong verifier burns it: whoever caught a result cannot try verifiers on it.
 */
export async function exchangeResult(d: SocialDeps, input: { result: string; code_verifier: string }, client: Client): Promise<SocialAnswer> {
  if (!VERIFIER.test(input.code_verifier)) throw ValidationError.field('code_verifier', 'invalid_code_verifier');
  const bucket = await countSocialAttempt(d.ctx, client.ip);
  const resultHash = secretHash(d.ctx.config.secretKey, 'oauth-result', input.result);
  const flow = await useResult(d.ctx.db, resultHash);
  if (!flow || !constantTimeEqual(s256(input.code_verifier), flow.callerChallenge)) throw unauthorized('oauth_result_invalid');
  providerOf(d, flow.provider);
  const identity = openIdentity(d.ctx.config.secretKey, flow.identitySealed, `oauth-result:${resultHash}`);
  return answerIdentity(d.ctx, identity, client, bucket);
}
