import * as oc from 'openid-client';
import type { JWTVerifyGetKey } from 'jose';
import { claimText, claimTrue, remoteKeys, verifyIdToken } from '../id-tokens.js';
import { callbackUrl, clientOf, discoveryOf, toSocialError } from '../openid.js';
import { type AppTokens, invalid, SocialError, type SocialProvider, type VerifiedIdentity } from '../provider.js';
import { type AppleKey, appleSecrets } from './apple-secret.js';

/*
 * Sign in with Apple (developer.apple.com, Sign in with Apple REST API). No PKCE (Apple has
 * none): state, nonce and the client secret guard the code. With `scope=name email` Apple
 * posts the callback as a form (`response_mode=form_post`), a cross-site POST no SameSite
 * cookie comes with, and sends the user's name once, unsigned, in a `user` field: it only
 * prefills the sign-up. A refresh token is kept to revoke at withdrawal (App Store guideline
 * 5.1.1(v)); an app gets one only by sending its authorization code too.
 */

export interface AppleSettings extends AppleKey {
  /** The Services ID first, then the apps' bundle IDs. */
  clientIds: string[];
  issuer: string;
}

/** `{"name":{"firstName","lastName"}}` from Apple's first form post, as one name; Hangul family names go first. */
export function appleName(user: string | null): string | null {
  if (!user || user.length > 2048) return null;
  try {
    const name = (JSON.parse(user) as { name?: { firstName?: unknown; lastName?: unknown } }).name;
    const first = claimText(name?.firstName)?.trim() ?? '';
    const last = claimText(name?.lastName)?.trim() ?? '';
    if (!first && !last) return null;
    return /\p{Script=Hangul}/u.test(first + last) ? `${last}${first}` : [first, last].filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

export function appleProvider(s: AppleSettings, o: { callbackUrl: string; production: boolean }): SocialProvider {
  const issuer = s.issuer.replace(/\/+$/, '');
  const servicesId = s.clientIds[0]!;
  const server = discoveryOf(issuer, o.production);
  const secretFor = appleSecrets(s);
  let keys: JWTVerifyGetKey | undefined;
  // The secret expires: a Configuration per use, from the cached metadata (no request).
  const client = async (clientId: string) => clientOf(await server(), clientId, oc.ClientSecretPost(await secretFor(clientId)), o.production);

  const identity = (claims: Record<string, unknown> & { sub: string }, clientId: string, name: string | null, refreshToken?: string): VerifiedIdentity => {
    const email = claimText(claims.email);
    return {
      provider: 'apple',
      issuer,
      subject: claims.sub,
      clientId,
      email,
      // Apple hands out verified addresses only (a relay one, if the user hid theirs), "true" or true.
      emailVerified: email !== null && claimTrue(claims.email_verified),
      name,
      nickname: null,
      ...(refreshToken ? { tokens: { refreshToken } } : {}),
    };
  };

  return {
    name: 'apple',
    issuer,
    async authorizationUrl(f) {
      return oc.buildAuthorizationUrl(await client(servicesId), {
        redirect_uri: o.callbackUrl,
        scope: 'name email',
        response_mode: 'form_post',
        state: f.state,
        nonce: f.nonce,
      });
    },
    async exchange(params, f) {
      try {
        const tokens = await oc.authorizationCodeGrant(await client(servicesId), callbackUrl(o.callbackUrl, params), {
          expectedState: f.state,
          expectedNonce: f.nonce,
        });
        return identity(tokens.claims()!, servicesId, appleName(params.get('user')), tokens.refresh_token);
      } catch (err) {
        throw toSocialError(err, 'apple token');
      }
    },
    async verifyAppTokens(t: AppTokens) {
      if (!t.id_token) throw new SocialError('unverifiable', 'apple: only ID tokens are accepted from apps');
      keys ??= remoteKeys((await server()).jwks_uri ?? `${issuer}/auth/keys`);
      const claims = await verifyIdToken(keys, t.id_token, { issuers: [issuer], audiences: s.clientIds, nonce: t.nonce });
      const clientId = String([claims.aud].flat()[0]);
      if (t.authorization_code === undefined) return identity(claims, clientId, null);
      // An app's code: for its bundle ID, without redirect_uri (none was in its request).
      let tokens: Awaited<ReturnType<typeof oc.genericGrantRequest>>;
      try {
        tokens = await oc.genericGrantRequest(await client(clientId), 'authorization_code', { code: t.authorization_code });
      } catch (err) {
        throw toSocialError(err, 'apple token');
      }
      if (tokens.claims()?.sub !== claims.sub) throw invalid('apple: the code is another user\'s');
      return identity(claims, clientId, null, tokens.refresh_token);
    },
    async revoke(r) {
      const token = r.tokens?.refreshToken ?? r.tokens?.accessToken;
      if (!token) return; // no token was ever given to the service: nothing it can revoke
      try {
        // With the secret of the client the token was issued to. Apple answers 200 even for a
        // token it no longer knows.
        await oc.tokenRevocation(await client(r.clientId), token, { token_type_hint: r.tokens?.refreshToken ? 'refresh_token' : 'access_token' });
      } catch (err) {
        throw toSocialError(err, 'apple revoke');
      }
    },
  };
}
