import { SignJWT } from 'jose';
import { opt, outage, problemsOf, random, type Received, type Reply, s256, serve, signingKey } from './fake-oauth.js';
import { kakaoDiscovery } from './discovery-docs.js';

/*
 * Kakao Login on the loopback, answering as developers.kakao.com's REST API page documents
 * (kakaologin/rest-api: 인가 코드 받기, 토큰 받기, 사용자 정보 가져오기, 토큰 정보 보기, 연결 끊기,
 * OIDC 메타데이터 / 공개키 / 사용자 정보). One server plays both kauth.kakao.com and
 * kapi.kakao.com: point KAKAO_AUTH_BASE_URL and KAKAO_API_BASE_URL at `baseUrl`.
 * Every request is recorded with what the documentation says is wrong about it (`problems`).
 */

export interface KakaoUser {
  /**
   * 회원번호. The docs' samples reach 19 digits (1376016924429759228), past 2^53: a JS number
   * cannot hold those, so tests of exact parsing need ids ≤ 2^53 here or a raw-text variant.
   */
  id: number;
  nickname?: string;
  email?: string;
  /** `is_email_valid` / `is_email_verified`; the ID token carries the email only when both hold. */
  emailValid?: boolean;
  emailVerified?: boolean;
}

export interface KakaoFakeOptions {
  restApiKey: string;
  /** Set when the app turned the client secret on: then the token request must carry it. */
  clientSecret?: string;
  appId: number;
  adminKey: string;
  redirectUris: string[];
  nativeAppKeys?: string[];
  /** OpenID Connect turned on in the app (then token answers carry an id_token). Default true. */
  oidc?: boolean;
  /** The consent items the app configured; asking `scope` for another is KOE205. */
  consentItems?: string[];
}

interface Grant { userId: number; appKey: string; appId: number; redirectUri?: string; challenge?: string; nonce?: string; used?: boolean }

export async function startKakaoFake(opts: KakaoFakeOptions) {
  const oidc = opts.oidc ?? true;
  const consentItems = opts.consentItems ?? ['profile_nickname', 'profile_image'];
  const received: Received[] = [];
  const users = new Map<number, KakaoUser>();
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant & { expiresAt: number }>();
  let key = await signingKey();
  const rogue = await signingKey(key.kid);
  const unlinked: number[] = [];
  const state = { signedInAs: undefined as number | undefined, deny: false, down: false };

  const { base, close } = await serve(received, outage(state, async (r) => {
    const auth = r.headers.authorization ?? '';
    switch (`${r.method} ${r.path}`) {
      case 'GET /.well-known/openid-configuration':
        return { status: 200, body: kakaoDiscovery(base) };
      case 'GET /.well-known/jwks.json':
        return { status: 200, body: { keys: [key.jwk] } };
      case 'GET /oauth/authorize':
        return authorize(r);
      case 'POST /oauth/token':
        return token(r);
      case 'GET /v2/user/me':
      case 'POST /v2/user/me': {
        const t = bearer(auth);
        if (!t) return invalidToken();
        return { status: 200, body: userMe(users.get(t.userId)!) };
      }
      case 'GET /v1/user/access_token_info': {
        const t = bearer(auth);
        if (!t) return invalidToken();
        return { status: 200, body: { id: t.userId, expires_in: Math.round((t.expiresAt - Date.now()) / 1000), app_id: t.appId } };
      }
      case 'GET /v1/oidc/userinfo': {
        const t = bearer(auth);
        if (!t) return invalidToken();
        const u = users.get(t.userId)!;
        return { status: 200, body: { sub: String(u.id), nickname: u.nickname, email: u.email, email_verified: !!(u.emailValid && u.emailVerified) } };
      }
      case 'POST /v1/user/unlink':
        return unlink(r, auth);
      default:
        r.problems.push(`no such endpoint: ${r.method} ${r.path}`);
        return { status: 404, body: { msg: 'not found', code: -1 } };
    }
  }));

  function authorize(r: Received): Reply {
    const q = r.query;
    const page = (koe: string, detail: string): Reply => {
      r.problems.push(`${koe}: ${detail}`);
      return { status: 400, body: `<html><body>${koe} ${detail}</body></html>`, headers: { 'content-type': 'text/html' } };
    };
    if (q.get('client_id') !== opts.restApiKey) return page('KOE101', 'unknown app key');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!opts.redirectUris.includes(redirectUri)) return page('KOE006', 'redirect_uri is not registered');
    if (q.get('response_type') !== 'code') return page('KOE000', 'response_type must be code');
    const scopes = (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
    const unset = scopes.filter((s) => !(s === 'openid' ? oidc : consentItems.includes(s)));
    if (unset.length) return page('KOE205', `설정하지 않은 동의 항목: ${unset.join(',')}`);
    if (q.has('code_challenge') && q.get('code_challenge_method') !== 'S256') return page('KOE000', 'code_challenge_method must be S256');
    const to = new URL(redirectUri);
    if (q.has('state')) to.searchParams.set('state', q.get('state')!);
    if (state.deny) {
      to.searchParams.set('error', 'access_denied');
      to.searchParams.set('error_description', 'User denied access');
    } else {
      const code = random();
      codes.set(code, { userId: signedIn(), appKey: opts.restApiKey, appId: opts.appId, redirectUri, ...opt('challenge', q.get('code_challenge')), ...opt('nonce', q.get('nonce')) });
      to.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: to.href } };
  }

  async function token(r: Received): Promise<Reply> {
    const f = r.form;
    if (!String(r.headers['content-type']).startsWith('application/x-www-form-urlencoded')) r.problems.push('content-type is not a form');
    const err = (status: number, error: string, description: string, koe: string): Reply => {
      r.problems.push(`${koe} ${description}`);
      return { status, body: { error, error_description: description, error_code: koe } };
    };
    if (f.get('client_id') !== opts.restApiKey) return err(401, 'invalid_client', 'invalid client_id', 'KOE101');
    if (opts.clientSecret !== undefined && f.get('client_secret') !== opts.clientSecret) {
      return err(401, 'invalid_client', 'Bad client credentials', 'KOE010');
    }
    if (f.get('grant_type') !== 'authorization_code') return err(400, 'unsupported_grant_type', 'grant_type', 'KOE000');
    const code = f.get('code') ?? '';
    const grant = codes.get(code);
    if (!grant || grant.used) return err(400, 'invalid_grant', `authorization code not found for code=${code}`, 'KOE320');
    grant.used = true;
    if (f.get('redirect_uri') !== grant.redirectUri) return err(400, 'invalid_grant', 'redirect_uri mismatch', 'KOE303');
    // Kakao's page gives no error code for a wrong verifier; the shape follows its other token errors.
    if (grant.challenge !== undefined && s256(f.get('code_verifier') ?? '') !== grant.challenge) {
      return err(400, 'invalid_grant', 'code_verifier mismatch', 'KOE320');
    }
    return { status: 200, body: await issue(grant) };
  }

  function unlink(r: Received, auth: string): Reply {
    if (auth.startsWith('KakaoAK ')) {
      if (auth.slice(8) !== opts.adminKey) {
        r.problems.push('wrong admin key');
        return { status: 401, body: { msg: 'wrong admin key', code: -401 } };
      }
      if (r.form.get('target_id_type') !== 'user_id') r.problems.push('target_id_type must be user_id');
      const id = Number(r.form.get('target_id'));
      if (!users.has(id) || unlinked.includes(id)) return { status: 400, body: { msg: 'NotRegisteredUserException', code: -101 } };
      unlinked.push(id);
      return { status: 200, body: { id } };
    }
    const t = bearer(auth);
    if (!t) return invalidToken();
    unlinked.push(t.userId);
    return { status: 200, body: { id: t.userId } };
  }

  function bearer(auth: string) {
    const t = tokens.get(auth.replace(/^Bearer /, ''));
    return auth.startsWith('Bearer ') && t && t.expiresAt > Date.now() && !unlinked.includes(t.userId) ? t : undefined;
  }
  function signedIn(): number {
    const id = state.signedInAs ?? [...users.keys()][0];
    if (id === undefined) throw new Error('kakao fake: addUser() first');
    return id;
  }

  async function issue(g: Grant) {
    const accessToken = random();
    const expiresIn = 21599;
    tokens.set(accessToken, { ...g, expiresAt: Date.now() + expiresIn * 1000 });
    const body: Record<string, unknown> = {
      token_type: 'bearer', access_token: accessToken, expires_in: expiresIn,
      refresh_token: random(), refresh_token_expires_in: 5183999, scope: oidc ? 'profile_nickname openid' : 'profile_nickname',
    };
    if (oidc) body.id_token = await idToken(users.get(g.userId)!, g.appKey, g.nonce, expiresIn);
    return body;
  }

  async function idToken(u: KakaoUser, aud: string, nonce: string | undefined, ttl = 7199, claims: Record<string, unknown> = {}, k = key) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      aud, sub: String(u.id), auth_time: now, iss: base, iat: now, exp: now + ttl,
      ...(nonce !== undefined ? { nonce } : {}),
      ...(u.nickname !== undefined ? { nickname: u.nickname } : {}),
      // "ID 토큰 페이로드의 이메일은 유효하고 인증된 이메일 값이 있는 경우에만 제공"
      ...(u.email !== undefined && u.emailValid && u.emailVerified ? { email: u.email } : {}),
      ...claims,
    })
      .setProtectedHeader({ kid: k.kid, typ: 'JWT', alg: 'RS256' })
      .sign(k.privateKey);
  }

  function userMe(u: KakaoUser) {
    const account: Record<string, unknown> = {};
    if (consentItems.includes('profile_nickname')) {
      account.profile_nickname_needs_agreement = u.nickname === undefined;
      if (u.nickname !== undefined) account.profile = { nickname: u.nickname, is_default_image: true };
    }
    if (consentItems.includes('account_email')) {
      account.email_needs_agreement = u.email === undefined;
      if (u.email !== undefined) Object.assign(account, { is_email_valid: !!u.emailValid, is_email_verified: !!u.emailVerified, email: u.email });
    }
    return { id: u.id, connected_at: '2024-04-11T01:45:28Z', properties: u.nickname ? { nickname: u.nickname } : {}, kakao_account: account };
  }

  return {
    baseUrl: base,
    /** KAKAO_AUTH_BASE_URL: also the issuer of its ID tokens. */
    issuer: base,
    received,
    unlinked,
    addUser(u: KakaoUser) {
      users.set(u.id, u);
      return u;
    },
    /** Who is signed in at the consent screen (default: the first user added). */
    signInAs(u: KakaoUser) {
      state.signedInAs = u.id;
    },
    /** The next authorizations are cancelled by the user. */
    set deny(v: boolean) {
      state.deny = v;
    },
    /** Every request is answered 503 while set (an outage). */
    set down(v: boolean) {
      state.down = v;
    },
    /** What a Kakao SDK hands an app: tokens issued to `appKey` (a native app key) of app `appId`. */
    async appLogin(u: KakaoUser, o: { appKey?: string; appId?: number; nonce?: string } = {}) {
      return issue({ userId: u.id, appKey: o.appKey ?? opts.nativeAppKeys?.[0] ?? opts.restApiKey, appId: o.appId ?? opts.appId, ...opt('nonce', o.nonce) }) as Promise<{ access_token: string; id_token?: string }>;
    },
    /** An ID token with claims overridden, or signed by a key the JWKS does not publish (`rogue`). */
    mintIdToken(u: KakaoUser, o: { aud?: string; nonce?: string; ttl?: number; claims?: Record<string, unknown>; rogue?: boolean } = {}) {
      return idToken(u, o.aud ?? opts.restApiKey, o.nonce, o.ttl, o.claims, o.rogue ? rogue : key);
    },
    lastAuthorize: () => received.filter((r) => r.path === '/oauth/authorize').at(-1)?.query,
    problems: () => problemsOf(received),
    close,
  };
}

/** Kakao's answer to an unknown, expired or unlinked access token. */
function invalidToken(): Reply {
  return { status: 401, body: { msg: 'this access token does not exist', code: -401 }, headers: { 'www-authenticate': 'Bearer error=invalid_token' } };
}
