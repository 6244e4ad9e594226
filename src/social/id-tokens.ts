import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { invalid, SocialError, unavailable } from './provider.js';

/*
 * The check of an ID token an app brings (POST /login/social): openid-client verifies the ID
 * tokens of its own code exchanges, but has no call for a token that arrives on its own, so
 * jose does it against the issuer's published keys, as each provider documents it.
 */

/**
 * The issuer's keys, fetched when first needed and kept 10 minutes; a token naming a key
 * that is not there refetches them at most every 30 seconds (jose's defaults), so a flood of
 * made-up key ids is not a flood of requests to the provider.
 */
export function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 });
}

export interface IdTokenRules {
  /** Every spelling of the issuer the provider documents (Google has two). */
  issuers: string[];
  /** The client IDs tokens may be issued to: the web client and the apps'. */
  audiences: string[];
  /** The nonce the app says it sent; absent when it sent none. */
  nonce: string | undefined;
}

const sha256Hex = (v: string) => createHash('sha256').update(v).digest('hex');

/**
 * Verifies an ID token: RS256 by the issuer's published keys (never `none`, never HMAC),
 * `iss` among its spellings, `aud` among this service's client IDs and `azp` too when the
 * token names one (several audiences, or an Android sign-in for the web client), `exp` and
 * `iat` with 30 seconds of tolerance. The nonce: when the app sends one, the token carries it
 * or its SHA-256 in hex (what iOS apps put in Apple's request); a token bound to a nonce the
 * app cannot name is refused; Apple's `nonce_supported: false` (a platform without one) skips it.
 */
export async function verifyIdToken(keys: JWTVerifyGetKey, token: string, rules: IdTokenRules): Promise<JWTPayload & { sub: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: rules.issuers,
      audience: rules.audiences,
      algorithms: ['RS256'],
      clockTolerance: 30,
      requiredClaims: ['sub', 'iat', 'exp'],
    }));
  } catch (err) {
    throw keysError(err);
  }
  const audiences = [payload.aud].flat();
  if (audiences.length > 1 || payload.azp !== undefined) {
    if (typeof payload.azp !== 'string' || !rules.audiences.includes(payload.azp)) throw invalid('id_token: azp is not one of ours');
  }
  if (payload.nonce_supported !== false && (rules.nonce !== undefined || payload.nonce !== undefined)) {
    const claimed = payload.nonce;
    const ok = typeof claimed === 'string' && rules.nonce !== undefined && (claimed === rules.nonce || claimed === sha256Hex(rules.nonce));
    if (!ok) throw invalid('id_token: nonce');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid('id_token: sub');
  return payload as JWTPayload & { sub: string };
}

/** jose's refusals are the token's fault; a key set that cannot be fetched is the provider's. */
function keysError(err: unknown): SocialError {
  if (err instanceof errors.JWKSTimeout || err instanceof TypeError) return unavailable(`id_token keys: ${err.name}`);
  if (err instanceof errors.JOSEError) {
    // The key set answered something that is not one (a 5xx page, say).
    if (err instanceof errors.JWKSInvalid || (err.code === 'ERR_JOSE_GENERIC' && /response/i.test(err.message))) {
      return unavailable(`id_token keys: ${err.code}`);
    }
    return invalid(`id_token: ${err.code}`);
  }
  return invalid('id_token: not verifiable');
}

/** A claim as text, when it is some. */
export const claimText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Apple writes booleans as `"true"` on the web and `true` in apps; both count. */
export const claimTrue = (v: unknown): boolean => v === true || v === 'true';
