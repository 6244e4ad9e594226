import * as oc from 'openid-client';
import type { JWTVerifyGetKey } from 'jose';
import { claimText, remoteKeys, verifyIdToken } from '../id-tokens.js';
import { callApi, clientOf, discoveryOf, jsonObject, toSocialError } from '../openid.js';
import { type AppTokens, invalid, SocialError, type SocialProvider, unavailable, type VerifiedIdentity } from '../provider.js';

/*
 * Naver Login (developers.naver.com, login/devguide). The browser flow uses Naver's OpenID
 * Connect endpoints (state, nonce, PKCE), the profile comes from its own API (`/v1/nid/me`,
 * not an OpenID userinfo). Naver documents no token-information call that names the
 * client, so an app may sign in with an ID token (its `aud` is checked) but never with an
 * access token alone. Naver never marks an email verified: it is a contact address the
 * user typed.
 */

export interface NaverSettings {
  clientId: string;
  clientSecret: string;
  authBaseUrl: string;
  apiBaseUrl: string;
}

export function naverProvider(s: NaverSettings, o: { callbackUrl: string; production: boolean }): SocialProvider {
  const issuer = s.authBaseUrl.replace(/\/+$/, '');
  const api = s.apiBaseUrl.replace(/\/+$/, '');
  const server = discoveryOf(issuer, o.production);
  let keys: JWTVerifyGetKey | undefined;
  const client = async () => clientOf(await server(), s.clientId, oc.ClientSecretPost(s.clientSecret), o.production);

  /** The profile: nickname and name when the user agreed to share them (the email is never trusted). */
  async function profile(accessToken: string): Promise<{ nickname: string | null; name: string | null; email: string | null }> {
    const res = await callApi(`${api}/v1/nid/me`, { headers: { authorization: `Bearer ${accessToken}` }, what: 'naver profile' });
    if (res.status >= 500) throw unavailable(`naver profile: HTTP ${res.status}`);
    const body = jsonObject(res.text, 'naver profile');
    if (res.status !== 200 || body.resultcode !== '00') throw invalid(`naver profile: ${res.status} ${String(body.resultcode)}`);
    const p = (body.response ?? {}) as Record<string, unknown>;
    return { nickname: claimText(p.nickname), name: claimText(p.name), email: claimText(p.email) };
  }

  const identity = (subject: string, p: { nickname: string | null; name: string | null; email: string | null }, tokens?: VerifiedIdentity['tokens']): VerifiedIdentity => ({
    provider: 'naver',
    issuer,
    subject,
    clientId: s.clientId,
    email: p.email,
    emailVerified: false,
    name: p.name,
    nickname: p.nickname,
    ...(tokens ? { tokens } : {}),
  });

  return {
    name: 'naver',
    issuer,
    async authorizationUrl(f) {
      return oc.buildAuthorizationUrl(await client(), {
        redirect_uri: o.callbackUrl,
        scope: 'openid',
        state: f.state,
        nonce: f.nonce,
        code_challenge: await oc.calculatePKCECodeChallenge(f.verifier),
        code_challenge_method: 'S256',
      });
    },
    async exchange(params, f) {
      const code = params.get('code');
      if (!code) throw invalid('naver callback: no code');
      let tokens: Awaited<ReturnType<typeof oc.genericGrantRequest>>;
      try {
        // Naver wants the state again at the token request; its expires_in is a string ("3600"),
        // which openid-client reads; its errors may come with HTTP 200, which openid-client refuses.
        tokens = await oc.genericGrantRequest(await client(), 'authorization_code', {
          code,
          redirect_uri: o.callbackUrl,
          code_verifier: f.verifier,
          state: f.state,
        });
      } catch (err) {
        throw toSocialError(err, 'naver token');
      }
      const claims = tokens.claims();
      // Identities are keyed by the ID token's `sub`, as the app flow's are; Naver documents no
      // nonce, so it is checked when the token carries one.
      if (!claims) throw invalid('naver token: no id_token');
      if (claims.nonce !== undefined && claims.nonce !== f.nonce) throw invalid('naver id_token: nonce');
      const p = await profile(tokens.access_token);
      return identity(claims.sub, p, { ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}), accessToken: tokens.access_token });
    },
    async verifyAppTokens(t: AppTokens) {
      if (t.authorization_code !== undefined) throw new SocialError('invalid', 'naver: no authorization_code');
      if (!t.id_token) throw new SocialError('unverifiable', 'naver: an access token names no client');
      keys ??= remoteKeys((await server()).jwks_uri ?? `${issuer}/oauth2/jwks`);
      const claims = await verifyIdToken(keys, t.id_token, { issuers: [issuer], audiences: [s.clientId], nonce: t.nonce });
      return identity(claims.sub, { nickname: claimText(claims.nickname), name: claimText(claims.name), email: null });
    },
    async revoke(r) {
      const token = r.tokens?.refreshToken ?? r.tokens?.accessToken;
      if (!token) return; // an app-flow identity: the service never held a token to delete
      // RFC 7009 revocation (devguide, 2026): the pair goes together, unknown tokens are 200 too.
      const res = await callApi(`${issuer}/oauth2.0/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: s.clientId,
          client_secret: s.clientSecret,
          token,
          token_type_hint: r.tokens?.refreshToken ? 'refresh_token' : 'access_token',
        }).toString(),
        what: 'naver revoke',
      });
      if (res.status === 200) return;
      throw (res.status >= 500 ? unavailable : invalid)(`naver revoke: HTTP ${res.status}`);
    },
  };
}
