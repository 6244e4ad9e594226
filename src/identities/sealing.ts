import { type Envelope, envelope } from '../crypto/envelope.js';
import { identityKey, type ProviderTokens, type VerifiedIdentity } from './types.js';

/*
 * Provider tokens and whole identities are read back, so they are sealed (AES-256-GCM under a
 * key derived from SECRET_KEY), each purpose under its own key. Tokens open only with their
 * identity's key as context, so the sealed value moves unopened from an identity to its
 * revocation; an identity waiting in a flow, a sign-up or a challenge opens only with the
 * HMAC of the token that names it.
 */

const cache = new Map<string, Envelope>();
const of = (secretKey: string, purpose: string) => {
  const id = `${purpose}\0${secretKey}`;
  let e = cache.get(id);
  if (!e) cache.set(id, (e = envelope(secretKey, purpose)));
  return e;
};

export function sealTokens(secretKey: string, identity: VerifiedIdentity): string | null {
  const tokens = identity.tokens;
  if (!tokens?.refreshToken && !tokens?.accessToken) return null;
  return of(secretKey, 'social-tokens').seal(JSON.stringify(tokens), identityKey(identity));
}

export function openTokens(secretKey: string, key: { provider: string; issuer: string; subject: string }, sealed: string | null): ProviderTokens | undefined {
  if (!sealed) return undefined;
  return JSON.parse(of(secretKey, 'social-tokens').open(sealed, identityKey(key))) as ProviderTokens;
}

export function sealIdentity(secretKey: string, identity: VerifiedIdentity, context: string): string {
  return of(secretKey, 'social-identity').seal(JSON.stringify(identity), context);
}

export function openIdentity(secretKey: string, sealed: string, context: string): VerifiedIdentity {
  return JSON.parse(of(secretKey, 'social-identity').open(sealed, context)) as VerifiedIdentity;
}
