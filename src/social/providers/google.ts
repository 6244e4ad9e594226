import * as oc from 'openid-client';
import type { JWTVerifyGetKey } from 'jose';
import { claimText, remoteKeys, verifyIdToken } from '../id-tokens.js';
import { callbackUrl, clientOf, discoveryOf, toSocialError } from '../openid.js';
import { type AppTokens, invalid, SocialError, type SocialProvider, type VerifiedIdentity } from '../provider.js';

/*
 * Google's OpenID Connect (developers.google.com/identity/openid-connect). Every endpoint
 * comes from discovery. The browser flow asks `access_type=offline`, so a refresh token
 * exists to revoke at withdrawal. An app's ID token is for the web client (Android, with
 * `azp` the Android client) or for the iOS client: GOOGLE_CLIENT_IDS lists them all.
 */

export interface GoogleSettings {
  clientIds: string[];
  clientSecret: string;
  issuer: string;
}

export function googleProvider(s: GoogleSettings, o: { callbackUrl: string; production: boolean }): SocialProvider {
  const issuer = s.issuer.replace(/\/+$/, '');
  const web = s.clientIds[0]!;
  const server = discoveryOf(issuer, o.production);
  let keys: JWTVerifyGetKey | undefined;
  const client = async () => clientOf(await server(), web, oc.ClientSecretPost(s.clientSecret), o.production);

  const identity = (claims: Record<string, unknown> & { sub: string }, clientId: string, tokens?: VerifiedIdentity['tokens']): VerifiedIdentity => {
    const email = claimText(claims.email);
    return {
      provider: 'google',
      issuer,
      subject: claims.sub,
      clientId,
      email,
      emailVerified: email !== null && claims.email_verified === true,
      name: claimText(claims.name),
      nickname: null,
      ...(tokens ? { tokens } : {}),
    };
  };

  return {
    name: 'google',
    issuer,
    async authorizationUrl(f) {
      return oc.buildAuthorizationUrl(await client(), {
        redirect_uri: o.callbackUrl,
        scope: 'openid email profile',
        state: f.state,
        nonce: f.nonce,
        code_challenge: await oc.calculatePKCECodeChallenge(f.verifier),
        code_challenge_method: 'S256',
        access_type: 'offline',
      });
    },
    async exchange(params, f) {
      try {
        // Google adds scope, authuser, prompt… to its redirect; callbackUrl keeps only what the exchange reads.
        const tokens = await oc.authorizationCodeGrant(await client(), callbackUrl(o.callbackUrl, params), {
          pkceCodeVerifier: f.verifier,
          expectedState: f.state,
          expectedNonce: f.nonce,
        });
        const claims = tokens.claims()!;
        return identity(claims, web, {
          ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
          accessToken: tokens.access_token,
        });
      } catch (err) {
        throw toSocialError(err, 'google token');
      }
    },
    async verifyAppTokens(t: AppTokens) {
      if (t.authorization_code !== undefined) throw new SocialError('invalid', 'google: no authorization_code');
      if (!t.id_token) throw new SocialError('unverifiable', 'google: only ID tokens are accepted from apps');
      keys ??= remoteKeys((await server()).jwks_uri ?? `${issuer}/oauth2/v3/certs`);
      // "Always https://accounts.google.com or accounts.google.com": Google's two spellings.
      const claims = await verifyIdToken(keys, t.id_token, { issuers: [issuer, new URL(issuer).host], audiences: s.clientIds, nonce: t.nonce });
      return identity(claims, typeof claims.azp === 'string' ? claims.azp : String([claims.aud].flat()[0]));
    },
    async revoke(r) {
      const token = r.tokens?.refreshToken ?? r.tokens?.accessToken;
      if (!token) return; // an app-flow identity: nothing was ever granted to this server
      try {
        await oc.tokenRevocation(await client(), token);
      } catch (err) {
        // "Token expired or revoked": already undone.
        if (err instanceof oc.ResponseBodyError && err.error === 'invalid_token') return;
        throw toSocialError(err, 'google revoke');
      }
    },
  };
}
