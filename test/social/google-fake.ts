import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { defined, opt, outage, problemsOf, random, type Received, type Reply, s256, serve, signingKey } from './fake-oauth.js';
import { googleDiscovery } from './discovery-docs.js';

/*
 * Google's OpenID Connect on the loopback, answering as developers.google.com documents it
 * (identity/openid-connect/openid-connect: discovery document, authentication request, code
 * exchange, ID token claims; identity/protocols/oauth2/web-server: refresh tokens and
 * revocation). GOOGLE_ISSUER = `issuer`; every endpoint is found through discovery, as the
 * real document points at several hosts. Requests are recorded with their `problems`.
 */

export interface GoogleUser {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  givenName?: string;
  familyName?: string;
  hd?: string;
}

export interface GoogleFakeOptions {
  /** GOOGLE_CLIENT_IDS: the web client first, then the apps' iOS and Android clients. */
  clientIds: string[];
  /** The web client's secret. */
  clientSecret: string;
  redirectUris: string[];
  /** Google's ID tokens say `iss` "https://accounts.google.com" or "accounts.google.com": `bare` sends the second form. */
  issuerForm?: 'url' | 'bare';
}

interface Grant { sub: string; redirectUri: string; scope: string; challenge?: string; method?: string; nonce?: string; offline: boolean; used?: boolean }

export async function startGoogleFake(opts: GoogleFakeOptions) {
  const web = opts.clientIds[0]!;
  const received: Received[] = [];
  const users = new Map<string, GoogleUser>();
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, { sub: string; kind: 'access' | 'refresh'; pair?: string; revoked?: boolean }>();
  let key = await signingKey();
  const rogue = await signingKey(key.kid);
  const st = { signedInAs: undefined as string | undefined, deny: false, down: false, issuerForm: opts.issuerForm ?? 'url' };
  const revoked: string[] = [];

  const { base, close } = await serve(received, outage(st, async (r) => {
    switch (`${r.method} ${r.path}`) {
      case 'GET /.well-known/openid-configuration':
        return { status: 200, body: googleDiscovery(base), headers: { 'cache-control': 'public, max-age=3600' } };
      case 'GET /oauth2/v3/certs':
        return { status: 200, body: { keys: [key.jwk] }, headers: { 'cache-control': 'public, max-age=3600' } };
      case 'GET /o/oauth2/v2/auth':
        return authorize(r);
      case 'POST /token':
        return token(r);
      case 'GET /v1/userinfo': {
        const t = tokens.get((r.headers.authorization ?? '').replace(/^Bearer /, ''));
        if (!t || t.kind !== 'access' || t.revoked) return { status: 401, body: { error: 'invalid_request', error_description: 'Invalid Credentials' } };
        const u = users.get(t.sub)!;
        return { status: 200, body: { sub: u.sub, ...defined({ name: u.name, given_name: u.givenName, family_name: u.familyName, email: u.email }), ...(u.email ? { email_verified: !!u.emailVerified } : {}) } };
      }
      case 'POST /revoke': {
        const token = r.form.get('token') ?? r.query.get('token') ?? '';
        const t = tokens.get(token);
        if (!t || t.revoked) return { status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } };
        t.revoked = true;
        const pair = t.pair ? tokens.get(t.pair) : undefined;
        if (pair) pair.revoked = true; // revoking either one ends the grant
        revoked.push(t.sub);
        return { status: 200, body: {} };
      }
      default:
        r.problems.push('no such endpoint');
        return { status: 404, body: { error: 'not_found' } };
    }
  }));

  function authorize(r: Received): Reply {
    const q = r.query;
    const page = (error: string): Reply => {
      r.problems.push(error);
      return { status: 400, body: `<html><body>Error 400: ${error}</body></html>`, headers: { 'content-type': 'text/html' } };
    };
    if (q.get('client_id') !== web) return page('invalid_client');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!opts.redirectUris.includes(redirectUri)) return page('redirect_uri_mismatch');
    if (q.get('response_type') !== 'code') return page('unsupported_response_type');
    const scope = q.get('scope') ?? '';
    if (!scope.split(' ').includes('openid')) return page('invalid_scope: openid is required');
    if (q.has('code_challenge') && !['S256', 'plain'].includes(q.get('code_challenge_method') ?? 'plain')) return page('invalid_request: code_challenge_method');
    const to = new URL(redirectUri);
    if (q.has('state')) to.searchParams.set('state', q.get('state')!);
    if (st.deny) {
      to.searchParams.set('error', 'access_denied');
      return { status: 302, headers: { location: to.href } };
    }
    const code = `4/${random()}`;
    codes.set(code, {
      sub: signedIn(), redirectUri, scope, offline: q.get('access_type') === 'offline',
      ...opt('challenge', q.get('code_challenge')), ...opt('method', q.get('code_challenge_method')), ...opt('nonce', q.get('nonce')),
    });
    to.searchParams.set('code', code);
    // Google adds these to its redirect; a client must not choke on them.
    to.searchParams.set('scope', 'email profile openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile');
    to.searchParams.set('authuser', '0');
    to.searchParams.set('prompt', 'consent');
    return { status: 302, headers: { location: to.href } };
  }

  async function token(r: Received): Promise<Reply> {
    const f = r.form;
    const fail = (status: number, error: string, description = 'Bad Request'): Reply => {
      r.problems.push(`${error}: ${description}`);
      return { status, body: { error, error_description: description } };
    };
    // client_secret_post or client_secret_basic (RFC 6749 §2.3.1: form-encoded, then Basic).
    const basic = /^Basic (.+)$/.exec(r.headers.authorization ?? '')?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map((s) => decodeURIComponent(s.replace(/\+/g, ' ')))
      : [f.get('client_id'), f.get('client_secret')];
    if (id !== web || secret !== opts.clientSecret) return fail(401, 'invalid_client', 'Unauthorized');
    if (f.get('grant_type') !== 'authorization_code') return fail(400, 'unsupported_grant_type', 'Invalid grant_type');
    const g = codes.get(f.get('code') ?? '');
    if (!g || g.used) return fail(400, 'invalid_grant', 'Malformed auth code.');
    g.used = true;
    if (f.get('redirect_uri') !== g.redirectUri) return fail(400, 'redirect_uri_mismatch');
    if (g.challenge !== undefined) {
      const v = f.get('code_verifier') ?? '';
      if ((g.method === 'S256' ? s256(v) : v) !== g.challenge) return fail(400, 'invalid_grant', 'Invalid code verifier.');
    }
    const access = `ya29.${random()}`;
    tokens.set(access, { sub: g.sub, kind: 'access' });
    const body: Record<string, unknown> = { access_token: access, expires_in: 3599, scope: g.scope, token_type: 'Bearer' };
    if (g.offline) {
      const refresh = `1//${random()}`;
      tokens.set(refresh, { sub: g.sub, kind: 'refresh', pair: access });
      tokens.get(access)!.pair = refresh;
      body.refresh_token = refresh;
    }
    body.id_token = await idToken(users.get(g.sub)!, { aud: web, azp: web, nonce: g.nonce, accessToken: access });
    return { status: 200, body };
  }

  async function idToken(u: GoogleUser, o: { aud: string; azp?: string; nonce?: string; accessToken?: string; ttl?: number; claims?: Record<string, unknown>; rogue?: boolean }) {
    const now = Math.floor(Date.now() / 1000);
    const k = o.rogue ? rogue : key;
    return new SignJWT({
      iss: st.issuerForm === 'bare' ? new URL(base).host : base,
      ...(o.azp ? { azp: o.azp } : {}), aud: o.aud, sub: u.sub,
      ...(u.email ? { email: u.email, email_verified: !!u.emailVerified } : {}),
      ...(o.accessToken ? { at_hash: createHash('sha256').update(o.accessToken).digest().subarray(0, 16).toString('base64url') } : {}),
      ...(o.nonce ? { nonce: o.nonce } : {}),
      ...defined({ name: u.name, given_name: u.givenName, family_name: u.familyName, hd: u.hd }),
      iat: now, exp: now + (o.ttl ?? 3600), ...o.claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: k.kid, typ: 'JWT' })
      .sign(k.privateKey);
  }

  function signedIn(): string {
    const s = st.signedInAs ?? [...users.keys()][0];
    if (s === undefined) throw new Error('google fake: addUser() first');
    return s;
  }

  return {
    issuer: base,
    received,
    /** The users whose grant was revoked at /revoke. */
    revoked,
    addUser(u: GoogleUser) {
      users.set(u.sub, u);
      return u;
    },
    signInAs(u: GoogleUser) {
      st.signedInAs = u.sub;
    },
    set deny(v: boolean) {
      st.deny = v;
    },
    /** Every request is answered 503 while set (an outage). */
    set down(v: boolean) {
      st.down = v;
    },
    set issuerForm(v: 'url' | 'bare') {
      st.issuerForm = v;
    },
    /**
     * What Google's SDKs hand an app: an ID token whose `aud` is the client the app asked it for
     * (Android's Credential Manager: the web "server" client, `azp` the Android client; iOS: the
     * iOS client).
     */
    appIdToken: (u: GoogleUser, o: { aud?: string; azp?: string; nonce?: string; ttl?: number; claims?: Record<string, unknown>; rogue?: boolean } = {}) =>
      idToken(u, { aud: o.aud ?? web, ...o }),
    lastAuthorize: () => received.filter((r) => r.path === '/o/oauth2/v2/auth').at(-1)?.query,
    problems: () => problemsOf(received),
    close,
  };
}
