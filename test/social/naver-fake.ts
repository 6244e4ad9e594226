import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { defined, opt, outage, problemsOf, random, type Received, type Reply, s256, serve, signingKey } from './fake-oauth.js';
import { naverDiscovery } from './discovery-docs.js';

/*
 * Naver Login on the loopback, answering as developers.naver.com documents it (login/devguide
 * §3.4 OAuth 2.0, §3.5 Open ID Connect, §4.3 토큰 폐기, login/profile 회원 프로필 조회). One
 * server plays nid.naver.com and openapi.naver.com: point NAVER_AUTH_BASE_URL and
 * NAVER_API_BASE_URL at `baseUrl`. Where the documentation is silent the fake says so.
 */

export interface NaverUser {
  /** The Naver account. Profile `id` is derived per client: Naver's ids differ between applications. */
  account: string;
  nickname?: string;
  name?: string;
  /** The contact email the user set in Naver: any address, never marked verified. */
  email?: string;
  mobile?: string;
}

export interface NaverFakeOptions {
  clientId: string;
  clientSecret: string;
  callbackUrls: string[];
  /** Status of a token-endpoint error. Docs are silent; others report 200 with an error body. */
  tokenErrorStatus?: number;
  /** Whether the OIDC id_token echoes `nonce`. Undocumented by Naver; default true (OIDC Core). */
  echoNonce?: boolean;
}

interface Grant { account: string; clientId: string; redirectUri: string; state: string; challenge?: string; nonce?: string; oidc: boolean; used?: boolean }
interface Token { account: string; clientId: string; expiresAt: number; refresh: string; revoked?: boolean }

export async function startNaverFake(opts: NaverFakeOptions) {
  const received: Received[] = [];
  const users = new Map<string, NaverUser>();
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Token>();
  const key = await signingKey();
  const revoked: string[] = [];
  const st = { signedInAs: undefined as string | undefined, deny: false, down: false };

  const { base, close } = await serve(received, outage(st, async (r) => {
    const p = r.params;
    switch (r.path) {
      case '/.well-known/openid-configuration':
        return { status: 200, body: naverDiscovery(base) };
      case '/oauth2/jwks':
        return { status: 200, body: { keys: [key.jwk] } };
      case '/oauth2.0/authorize':
        return authorize(r, false);
      case '/oauth2/authorize':
        return authorize(r, true);
      case '/oauth2.0/token':
      case '/oauth2/token': {
        const oidc = r.path === '/oauth2/token';
        if (oidc && r.method !== 'POST') r.problems.push('the OIDC token endpoint is POST');
        if (p.get('client_id') !== opts.clientId || p.get('client_secret') !== opts.clientSecret) {
          return tokenError(r, 'invalid_client', 'client authentication failed');
        }
        const grantType = p.get('grant_type');
        if (grantType === 'authorization_code') return exchange(r, oidc);
        if (grantType === 'refresh_token') {
          const t = [...tokens.entries()].find(([, v]) => v.refresh === p.get('refresh_token') && !v.revoked);
          if (!t) return tokenError(r, 'invalid_request', 'invalid refresh token');
          const access = mint(t[1].account, t[1].clientId, t[1].refresh);
          return { status: 200, body: { access_token: access, token_type: 'bearer', expires_in: '3600' } };
        }
        // The removed, once-documented deletion: grant_type=delete&access_token=… (needs a live token).
        if (grantType === 'delete' && !oidc) {
          const t = tokens.get(p.get('access_token') ?? '');
          if (!t || t.revoked || t.expiresAt < Date.now()) return tokenError(r, 'invalid_request', 'invalid access token');
          revoke(t);
          return { status: 200, body: { access_token: p.get('access_token'), result: 'success' } };
        }
        return tokenError(r, 'unsupported_grant_type', String(grantType));
      }
      case '/oauth2.0/revoke': {
        if (r.method !== 'POST') r.problems.push('revoke is POST');
        if (!p.get('client_id') || !p.get('client_secret') || !p.get('token')) {
          r.problems.push('missing parameter');
          return { status: 400, body: { error: 'invalid_request', error_description: 'missing parameter' } };
        }
        if (p.get('client_id') !== opts.clientId || p.get('client_secret') !== opts.clientSecret) {
          r.problems.push('client authentication failed');
          return { status: 401, body: { error: 'unauthorized_client', error_description: 'Client authentication failed.' } };
        }
        const token = p.get('token')!;
        const t = tokens.get(token) ?? [...tokens.values()].find((v) => v.refresh === token);
        if (t) revoke(t); // the pair goes together (cascade); unknown tokens are 200 as well
        return { status: 200 };
      }
      case '/v1/nid/me': {
        const t = bearer(r);
        if (!t) return apiAuthFailure(r);
        const u = users.get(t.account)!;
        return {
          status: 200,
          body: { resultcode: '00', message: 'success', response: { id: naverId(t.clientId, u.account), ...defined({ nickname: u.nickname, name: u.name, email: u.email, mobile: u.mobile }) } },
        };
      }
      case '/v1/nid/verify': {
        const t = bearer(r);
        if (!t) return apiAuthFailure(r);
        const info = p.get('info') === 'true'
          ? { response: { token: r.headers.authorization!.slice(7), expire_date: new Date(t.expiresAt).toISOString(), allowed_profile: 'nickname,email' } }
          : {};
        return { status: 200, body: { resultcode: '00', message: 'success', ...info } };
      }
      default:
        r.problems.push('no such endpoint');
        return { status: 404, body: { resultcode: '404', message: 'Not Found' } };
    }
  }));

  function authorize(r: Received, oidc: boolean): Reply {
    const q = r.params;
    const page = (why: string): Reply => {
      r.problems.push(why);
      return { status: 400, body: `<html><body>${why}</body></html>`, headers: { 'content-type': 'text/html' } };
    };
    if (q.get('client_id') !== opts.clientId) return page('unknown client_id');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!opts.callbackUrls.includes(redirectUri)) return page('redirect_uri is not a registered Callback URL');
    if (q.get('response_type') !== 'code') return page('response_type must be code');
    const state = q.get('state');
    if (!state) return page('state is required');
    if (oidc && !(q.get('scope') ?? '').split(/[ ,]+/).includes('openid')) return page("'openid' scope 필수");
    if (q.has('code_challenge') && (q.get('code_challenge_method') ?? 'S256') !== 'S256') return page('code_challenge_method must be S256');
    const to = new URL(redirectUri);
    to.searchParams.set('state', state);
    if (st.deny) {
      to.searchParams.set('error', 'access_denied');
      to.searchParams.set('error_description', 'Canceled By User');
    } else {
      const code = random();
      codes.set(code, { account: signedIn(), clientId: opts.clientId, redirectUri, state, oidc, ...opt('challenge', q.get('code_challenge')), ...opt('nonce', q.get('nonce')) });
      to.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: to.href } };
  }

  async function exchange(r: Received, oidc: boolean): Promise<Reply> {
    const p = r.params;
    const g = codes.get(p.get('code') ?? '');
    if (!g || g.used || g.oidc !== oidc) return tokenError(r, 'invalid_request', 'no valid data in session');
    g.used = true;
    if (p.get('state') !== g.state) return tokenError(r, 'invalid_request', 'state is required at issuance and must match');
    if (g.challenge !== undefined && s256(p.get('code_verifier') ?? '') !== g.challenge) return tokenError(r, 'invalid_grant', 'code_verifier mismatch');
    const refresh = random();
    const access = mint(g.account, g.clientId, refresh);
    // The legacy sample answers expires_in as a string ("3600") though its table says integer.
    const body: Record<string, unknown> = { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: '3600' };
    if (oidc) body.id_token = await idToken(g.account, g.clientId, opts.echoNonce === false ? undefined : g.nonce);
    return { status: 200, body };
  }

  function tokenError(r: Received, error: string, description: string): Reply {
    r.problems.push(`${error}: ${description}`);
    return { status: opts.tokenErrorStatus ?? 200, body: { error, error_description: description } };
  }

  // Naver documents no id_token claims; these are the OIDC Core ones, `sub` the profile API's `id`.
  async function idToken(account: string, aud: string, nonce?: string, claims: Record<string, unknown> = {}) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: base, sub: naverId(aud, account), aud, iat: now, exp: now + 3600, auth_time: now, ...(nonce ? { nonce } : {}), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  function mint(account: string, clientId: string, refresh: string): string {
    const access = `AAAA${randomBytes(48).toString('base64')}`; // Naver's tokens hold + / =
    tokens.set(access, { account, clientId, refresh, expiresAt: Date.now() + 3600_000 });
    return access;
  }
  function revoke(t: Token) {
    t.revoked = true;
    revoked.push(t.account);
  }
  function bearer(r: Received) {
    const auth = r.headers.authorization ?? '';
    const t = tokens.get(auth.replace(/^Bearer /i, ''));
    return /^Bearer /i.test(auth) && t && !t.revoked && t.expiresAt > Date.now() ? t : undefined;
  }
  function signedIn(): string {
    const a = st.signedInAs ?? [...users.keys()][0];
    if (a === undefined) throw new Error('naver fake: addUser() first');
    return a;
  }

  return {
    baseUrl: base,
    /** The issuer of the OIDC endpoints (NAVER_AUTH_BASE_URL). */
    issuer: base,
    received,
    /** Accounts whose tokens were revoked (by /oauth2.0/revoke or the legacy grant_type=delete). */
    revoked,
    addUser(u: NaverUser) {
      users.set(u.account, u);
      return u;
    },
    signInAs(u: NaverUser) {
      st.signedInAs = u.account;
    },
    set deny(v: boolean) {
      st.deny = v;
    },
    /** Every request is answered 503 while set (an outage). */
    set down(v: boolean) {
      st.down = v;
    },
    /** The profile `id` this user has for `clientId` (default: the service's client). */
    idOf: (u: NaverUser, clientId = opts.clientId) => naverId(clientId, u.account),
    /** What a Naver SDK hands an app: an access token, of `clientId` (another app's to attack). */
    appLogin(u: NaverUser, clientId = opts.clientId) {
      return { access_token: mint(u.account, clientId, random()), token_type: 'bearer', expires_in: '3600' };
    },
    mintIdToken: (u: NaverUser, o: { aud?: string; nonce?: string; claims?: Record<string, unknown> } = {}) =>
      idToken(u.account, o.aud ?? opts.clientId, o.nonce, o.claims),
    lastAuthorize: () => received.filter((r) => r.path.endsWith('/authorize')).at(-1)?.query,
    problems: () => problemsOf(received),
    close,
  };
}

/** The profile API's answer to a missing or bad token (error codes 028 and 024). */
function apiAuthFailure(r: Received): Reply {
  const none = !r.headers.authorization;
  r.problems.push(none ? 'no Authorization header' : 'authentication failed');
  return none
    ? { status: 401, body: { resultcode: '028', message: 'Authentication header not exists / OAuth 인증 헤더(authorization header)가 없습니다.' } }
    : { status: 401, body: { resultcode: '024', message: 'Authentication failed / 인증에 실패했습니다.' } };
}

const naverId = (clientId: string, account: string) => createHash('sha256').update(`${clientId}\0${account}`).digest('base64url').slice(0, 43);
