import * as oc from 'openid-client';
import type { JWTVerifyGetKey } from 'jose';
import { claimText, remoteKeys, verifyIdToken } from '../id-tokens.js';
import { callbackUrl, clientOf, discoveryOf, toSocialError } from '../openid.js';
import { type AppTokens, SocialError, type SocialProvider, type VerifiedIdentity } from '../provider.js';

/*
 * Any OpenID Connect issuer (Keycloak, Entra ID, Okta…), everything from its discovery
 * document, whose `issuer` must equal SOCIAL_OIDC_ISSUER exactly (openid-client refuses it
 * otherwise: a trailing slash counts). PKCE when the issuer offers S256; the RFC 9207 `iss`
 * of the callback is checked by openid-client when the issuer says it sends one.
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export function oidcProvider(s: OidcSettings, o: { callbackUrl: string; production: boolean }): SocialProvider {
  const issuer = s.issuer;
  const server = discoveryOf(issuer, o.production);
  let keys: JWTVerifyGetKey | undefined;
  const client = async () => {
    const meta = await server();
    // openid-client does not choose: Basic when the issuer lists it (or lists nothing, RFC 8414's default), else POST.
    const methods = meta.token_endpoint_auth_methods_supported;
    const basic = !methods || methods.includes('client_secret_basic');
    return clientOf(meta, s.clientId, basic ? oc.ClientSecretBasic(s.clientSecret) : oc.ClientSecretPost(s.clientSecret), o.production);
  };

  const identity = (claims: Record<string, unknown> & { sub: string }, tokens?: VerifiedIdentity['tokens']): VerifiedIdentity => {
    const email = claimText(claims.email);
    return {
      provider: 'oidc',
      issuer,
      subject: claims.sub,
      clientId: s.clientId,
      email,
      emailVerified: email !== null && claims.email_verified === true,
      name: claimText(claims.name),
      nickname: claimText(claims.nickname) ?? claimText(claims.preferred_username),
      ...(tokens ? { tokens } : {}),
    };
  };

  return {
    name: 'oidc',
    issuer,
    async authorizationUrl(f) {
      const config = await client();
      const pkce = config.serverMetadata().code_challenge_methods_supported?.includes('S256') ?? false;
      return oc.buildAuthorizationUrl(config, {
        redirect_uri: o.callbackUrl,
        scope: 'openid email profile',
        state: f.state,
        nonce: f.nonce,
        ...(pkce ? { code_challenge: await oc.calculatePKCECodeChallenge(f.verifier), code_challenge_method: 'S256' } : {}),
      });
    },
    async exchange(params, f) {
      try {
        const config = await client();
        const pkce = config.serverMetadata().code_challenge_methods_supported?.includes('S256') ?? false;
        const tokens = await oc.authorizationCodeGrant(config, callbackUrl(o.callbackUrl, params), {
          ...(pkce ? { pkceCodeVerifier: f.verifier } : {}),
          expectedState: f.state,
          expectedNonce: f.nonce,
        });
        let claims: Record<string, unknown> & { sub: string } = tokens.claims()!;
        // Many issuers keep email and name for the userinfo endpoint in the code flow (OIDC Core 5.4).
        if (claims.email === undefined && claims.name === undefined && config.serverMetadata().userinfo_endpoint) {
          claims = { ...(await oc.fetchUserInfo(config, tokens.access_token, claims.sub)), sub: claims.sub };
        }
        return identity(claims, {
          ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
          accessToken: tokens.access_token,
        });
      } catch (err) {
        throw toSocialError(err, 'oidc token');
      }
    },
    async verifyAppTokens(t: AppTokens) {
      if (t.authorization_code !== undefined) throw new SocialError('invalid', 'oidc: no authorization_code');
      if (!t.id_token) throw new SocialError('unverifiable', 'oidc: only ID tokens are accepted from apps');
      const meta = await server();
      if (!meta.jwks_uri) throw new SocialError('unavailable', 'oidc: the issuer publishes no keys');
      keys ??= remoteKeys(meta.jwks_uri);
      return identity(await verifyIdToken(keys, t.id_token, { issuers: [issuer], audiences: [s.clientId], nonce: t.nonce }));
    },
    async revoke(r) {
      const token = r.tokens?.refreshToken ?? r.tokens?.accessToken;
      const config = await client();
      if (!token || !config.serverMetadata().revocation_endpoint) return; // nothing the issuer lets a client undo
      try {
        await oc.tokenRevocation(config, token);
      } catch (err) {
        throw toSocialError(err, 'oidc revoke');
      }
    },
  };
}
