import * as oc from 'openid-client';
import type { JWTVerifyGetKey } from 'jose';
import { claimText, remoteKeys, verifyIdToken } from '../id-tokens.js';
import { callApi, clientOf, discoveryOf, jsonObject, str, toSocialError } from '../openid.js';
import { type AppTokens, type FlowSecrets, invalid, SocialError, type SocialProvider, unavailable, type VerifiedIdentity } from '../provider.js';

/*
 * Kakao Login (developers.kakao.com, kakaologin/rest-api). OpenID Connect when the app turned
 * it on, otherwise OAuth 2.0 with the user API; the service cannot tell which from its own
 * request, so the code is exchanged generically and an ID token is checked when one comes.
 * No `scope` is ever sent: asking a consent item the app did not set up (`account_email`
 * needs a business app) strands the user on Kakao's KOE205 page.
 */

export interface KakaoSettings {
  clientId: string;
  clientSecret?: string | undefined;
  appId: number;
  nativeAppKeys?: string[] | undefined;
  adminKey: string;
  authBaseUrl: string;
  apiBaseUrl: string;
}

/**
 * Kakao's user ids are JSON numbers its own samples write with 19 digits, past what a JS
 * number holds exactly: the `id` members are read as the text they are.
 */
export function kakaoJson(text: string, what: string): Record<string, unknown> {
  return jsonObject(text.replace(/("id"\s*:\s*)(-?\d+)/g, '$1"$2"'), what);
}

interface KakaoProfile {
  id: string;
  nickname: string | null;
  name: string | null;
  email: string | null;
  emailVerified: boolean;
}

export function kakaoProvider(s: KakaoSettings, o: { callbackUrl: string; production: boolean }): SocialProvider {
  const issuer = s.authBaseUrl.replace(/\/+$/, '');
  const api = s.apiBaseUrl.replace(/\/+$/, '');
  const server = discoveryOf(issuer, o.production);
  let keys: JWTVerifyGetKey | undefined;
  const auth = () => (s.clientSecret ? oc.ClientSecretPost(s.clientSecret) : oc.None());
  const client = async () => clientOf(await server(), s.clientId, auth(), o.production);

  /** `GET /v2/user/me`: the id, the nickname, and the email with both of its flags. */
  async function profile(accessToken: string): Promise<KakaoProfile> {
    const res = await callApi(`${api}/v2/user/me`, { headers: { authorization: `Bearer ${accessToken}` }, what: 'kakao user' });
    if (res.status >= 500 || (res.status === 400 && /"code"\s*:\s*-1\b/.test(res.text))) throw unavailable(`kakao user: HTTP ${res.status}`);
    if (res.status !== 200) throw invalid(`kakao user: HTTP ${res.status}`);
    const me = kakaoJson(res.text, 'kakao user');
    const account = (me.kakao_account ?? {}) as Record<string, unknown>;
    const prof = (account.profile ?? {}) as Record<string, unknown>;
    const props = (me.properties ?? {}) as Record<string, unknown>;
    const id = str(me.id);
    if (!id || !/^\d+$/.test(id)) throw invalid('kakao user: no id');
    return {
      id,
      nickname: claimText(prof.nickname) ?? claimText(props.nickname),
      name: claimText(account.name),
      email: claimText(account.email),
      // `is_email_valid: false`: the address now belongs to another Kakao account.
      emailVerified: account.is_email_valid === true && account.is_email_verified === true,
    };
  }

  const identity = (p: KakaoProfile, clientId: string): VerifiedIdentity => ({
    provider: 'kakao',
    issuer,
    subject: p.id,
    clientId,
    email: p.email,
    emailVerified: p.email !== null && p.emailVerified,
    name: p.name,
    nickname: p.nickname,
  });

  async function idTokenClaims(token: string, nonce: string | undefined) {
    keys ??= remoteKeys((await server()).jwks_uri ?? `${issuer}/.well-known/jwks.json`);
    return verifyIdToken(keys, token, { issuers: [issuer], audiences: [s.clientId, ...(s.nativeAppKeys ?? [])], nonce });
  }

  /** The access token's app, from the token information API: another app's token is refused. */
  async function tokenOwner(accessToken: string): Promise<string> {
    const res = await callApi(`${api}/v1/user/access_token_info`, { headers: { authorization: `Bearer ${accessToken}` }, what: 'kakao token info' });
    if (res.status >= 500 || (res.status === 400 && /"code"\s*:\s*-1\b/.test(res.text))) throw unavailable(`kakao token info: HTTP ${res.status}`);
    if (res.status !== 200) throw invalid(`kakao token info: HTTP ${res.status}`);
    const info = kakaoJson(res.text, 'kakao token info');
    if (Number(info.app_id) !== s.appId) throw invalid('kakao token info: another app');
    const id = str(info.id);
    if (!id) throw invalid('kakao token info: no id');
    return id;
  }

  return {
    name: 'kakao',
    issuer,
    async authorizationUrl(f: FlowSecrets) {
      return oc.buildAuthorizationUrl(await client(), {
        redirect_uri: o.callbackUrl,
        state: f.state,
        nonce: f.nonce,
        code_challenge: await oc.calculatePKCECodeChallenge(f.verifier),
        code_challenge_method: 'S256',
      });
    },
    async exchange(params, f) {
      const code = params.get('code');
      if (!code) throw invalid('kakao callback: no code');
      let tokens: Awaited<ReturnType<typeof oc.genericGrantRequest>>;
      try {
        tokens = await oc.genericGrantRequest(await client(), 'authorization_code', { code, redirect_uri: o.callbackUrl, code_verifier: f.verifier });
      } catch (err) {
        throw toSocialError(err, 'kakao token');
      }
      // openid-client checked the ID token's iss, aud and times when one came; the nonce is ours to check.
      const claims = tokens.claims();
      if (claims && claims.nonce !== f.nonce) throw invalid('kakao id_token: nonce');
      const me = await profile(tokens.access_token);
      if (claims && claims.sub !== me.id) throw invalid('kakao id_token: sub is not the user');
      return identity(me, s.clientId);
    },
    async verifyAppTokens(t: AppTokens) {
      if (t.authorization_code !== undefined) throw new SocialError('invalid', 'kakao: no authorization_code');
      const claims = t.id_token ? await idTokenClaims(t.id_token, t.nonce) : undefined;
      if (!t.access_token) {
        const email = claimText(claims!.email);
        // Kakao puts the email in an ID token only when it is valid and verified.
        return {
          provider: 'kakao',
          issuer,
          subject: claims!.sub,
          clientId: String(claims!.aud),
          email,
          emailVerified: email !== null,
          name: null,
          nickname: claimText(claims!.nickname),
        };
      }
      const owner = await tokenOwner(t.access_token);
      const me = await profile(t.access_token);
      if (me.id !== owner || (claims && claims.sub !== owner)) throw invalid('kakao: the tokens name different users');
      return identity(me, claims ? String(claims.aud) : s.clientId);
    },
    async revoke(r) {
      // The admin key unlinks by user id: no token of the user is needed, none is kept.
      const res = await callApi(`${api}/v1/user/unlink`, {
        method: 'POST',
        headers: { authorization: `KakaoAK ${s.adminKey}`, 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams({ target_id_type: 'user_id', target_id: r.subject }).toString(),
        what: 'kakao unlink',
      });
      if (res.status === 200) return;
      // -101: the user is not linked to the app (any more): done.
      if (res.status === 400 && /"code"\s*:\s*-101\b/.test(res.text)) return;
      throw (res.status >= 500 ? unavailable : invalid)(`kakao unlink: HTTP ${res.status}`);
    },
  };
}
