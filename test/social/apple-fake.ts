import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify, SignJWT } from 'jose';
import { opt, outage, problemsOf, random, type Received, type Reply, serve, signingKey } from './fake-oauth.js';
import { appleDiscovery } from './discovery-docs.js';

/*
 * Sign in with Apple on the loopback, answering as developer.apple.com documents its REST API
 * (Request an authorization to the Sign in with Apple server; Incorporating Sign in with Apple
 * into other platforms: form_post and the `user` field; Generate and validate tokens, with the
 * ES256 client secret; Revoke tokens; Fetch Apple's public key; the identity token's claims).
 * APPLE_ISSUER = `issuer`. Requests are recorded with their `problems`.
 */

export interface AppleUser {
  /** Apple's user identifier (stable per developer team). */
  sub: string;
  email?: string;
  /** The user chose Hide My Email: the address is a private relay one. */
  privateRelay?: boolean;
  firstName?: string;
  lastName?: string;
}

export interface AppleFakeOptions {
  /** APPLE_CLIENT_IDS: the Services ID (web) first, then the apps' bundle IDs. */
  clientIds: string[];
  teamId: string;
  keyId: string;
  /** The public half (SPKI PEM) of the .p8 key the service signs its client secrets with. */
  clientSecretPublicKey: string;
  redirectUris: string[];
}

interface Grant { sub: string; clientId: string; redirectUri?: string; nonce?: string; native: boolean; used?: boolean; expiresAt: number }

export async function startAppleFake(opts: AppleFakeOptions) {
  const servicesId = opts.clientIds[0]!;
  const received: Received[] = [];
  const users = new Map<string, AppleUser>();
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, { sub: string; clientId: string; kind: 'access' | 'refresh'; revoked?: boolean }>();
  const sharedOnce = new Set<string>(); // who already got the `user` field (first authorization only)
  const revoked: { sub: string; clientId: string; hint: string | null }[] = [];
  const secretKey = await importSPKI(opts.clientSecretPublicKey, 'ES256');
  let key = await signingKey();
  const rogue = await signingKey(key.kid);
  const st = { signedInAs: undefined as string | undefined, deny: false, down: false };

  const { base, close } = await serve(received, outage(st, async (r) => {
    switch (`${r.method} ${r.path}`) {
      case 'GET /.well-known/openid-configuration':
        return { status: 200, body: appleDiscovery(base) };
      case 'GET /auth/keys':
        return { status: 200, body: { keys: [key.jwk] } };
      case 'GET /auth/authorize':
        return authorize(r);
      case 'POST /auth/token': {
        const who = await client(r);
        if (typeof who !== 'string') return who;
        return exchange(r, who);
      }
      case 'POST /auth/revoke': {
        const who = await client(r);
        if (typeof who !== 'string') return who;
        const token = r.form.get('token');
        if (!token) return { status: 400, body: { error: 'invalid_request' } };
        const t = tokens.get(token);
        // 200 whether it was revoked now or "was previously invalid", as Apple documents.
        if (t && t.clientId === who && !t.revoked) {
          for (const other of tokens.values()) if (other.sub === t.sub && other.clientId === who) other.revoked = true;
          revoked.push({ sub: t.sub, clientId: who, hint: r.form.get('token_type_hint') });
        }
        return { status: 200 };
      }
      default:
        r.problems.push('no such endpoint');
        return { status: 404, body: { error: 'not_found' } };
    }
  }));

  function authorize(r: Received): Reply {
    const q = r.query;
    const fail = (why: string): Reply => {
      r.problems.push(why);
      return { status: 400, body: `<html><body>invalid_request: ${why}</body></html>`, headers: { 'content-type': 'text/html' } };
    };
    if (q.get('client_id') !== servicesId) return fail('invalid_client: not the Services ID');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!opts.redirectUris.includes(redirectUri)) return fail('redirect_uri is not a registered Return URL');
    if (!['code', 'code id_token'].includes(q.get('response_type') ?? '')) return fail('response_type must be code or code id_token');
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.some((s) => !['name', 'email', 'openid'].includes(s))) return fail('invalid_scope');
    const mode = q.get('response_mode') ?? 'query';
    if (scopes.some((s) => s !== 'openid') && mode !== 'form_post') return fail('response_mode must be form_post when name or email is requested');
    const fields: Record<string, string> = q.has('state') ? { state: q.get('state')! } : {};
    if (st.deny) {
      fields.error = 'user_cancelled_authorize';
    } else {
      const sub = signedIn();
      const code = `c${randomBytes(16).toString('hex')}.0.nrxq.${random()}`;
      codes.set(code, { sub, clientId: servicesId, redirectUri, native: false, expiresAt: Date.now() + 300_000, ...opt('nonce', q.get('nonce')) });
      fields.code = code;
      const u = users.get(sub)!;
      if (mode === 'form_post' && !sharedOnce.has(sub) && scopes.some((s) => s !== 'openid')) {
        sharedOnce.add(sub);
        fields.user = JSON.stringify({
          ...(scopes.includes('name') ? { name: { firstName: u.firstName ?? '', lastName: u.lastName ?? '' } } : {}),
          ...(scopes.includes('email') && u.email ? { email: u.email } : {}),
        });
      }
    }
    if (mode === 'form_post') {
      // Apple answers a page that POSTs this form to the Return URL (a cross-site POST).
      const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`).join('');
      const html = `<html><body onload="document.forms[0].submit()"><form method="POST" action="${esc(redirectUri)}">${inputs}</form></body></html>`;
      return { status: 200, body: html, headers: { 'content-type': 'text/html' } };
    }
    const to = new URL(redirectUri);
    for (const [k, v] of Object.entries(fields)) to.searchParams.set(k, v);
    return { status: 302, headers: { location: to.href } };
  }

  /** The client secret, checked as Apple documents it; answers the client_id, or the error reply. */
  async function client(r: Received): Promise<string | Reply> {
    const invalid = (why: string): Reply => {
      r.problems.push(`invalid_client: ${why}`);
      return { status: 400, body: { error: 'invalid_client' } };
    };
    const clientId = r.form.get('client_id') ?? '';
    if (!opts.clientIds.includes(clientId)) return invalid('unknown client_id');
    const secret = r.form.get('client_secret') ?? '';
    try {
      if (decodeProtectedHeader(secret).kid !== opts.keyId) return invalid('client secret header kid is not the key ID');
      const { payload } = await jwtVerify(secret, secretKey, { algorithms: ['ES256'], issuer: opts.teamId, audience: 'https://appleid.apple.com', subject: clientId, requiredClaims: ['iat', 'exp'] });
      if (payload.exp! - payload.iat! > 15777000) return invalid('client secret lives longer than 15777000 seconds (6 months)');
    } catch (err) {
      return invalid(`client secret: ${(err as Error).message}`);
    }
    return clientId;
  }

  async function exchange(r: Received, clientId: string): Promise<Reply> {
    const f = r.form;
    const grant = (why: string): Reply => {
      r.problems.push(`invalid_grant: ${why}`);
      return { status: 400, body: { error: 'invalid_grant', error_description: why } };
    };
    if (f.get('grant_type') === 'refresh_token') {
      const t = tokens.get(f.get('refresh_token') ?? '');
      if (!t || t.kind !== 'refresh' || t.revoked || t.clientId !== clientId) return grant('The token has expired or has been revoked.');
      return { status: 200, body: { access_token: mint(t.sub, clientId, 'access'), token_type: 'Bearer', expires_in: 3600, id_token: await idToken(users.get(t.sub)!, clientId) } };
    }
    if (f.get('grant_type') !== 'authorization_code') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const g = codes.get(f.get('code') ?? '');
    if (!g || g.used || g.expiresAt < Date.now()) return grant('The code has expired or has been revoked.');
    if (g.clientId !== clientId) return grant('client_id mismatch. The code was not issued to this client.');
    g.used = true;
    // "include the redirect_uri parameter only if the application provided a redirect_uri in the initial authorization request"
    if ((f.get('redirect_uri') ?? undefined) !== g.redirectUri) return grant('redirect_uri mismatch');
    const access = mint(g.sub, clientId, 'access');
    return {
      status: 200,
      body: { access_token: access, token_type: 'Bearer', expires_in: 3600, refresh_token: mint(g.sub, clientId, 'refresh'), id_token: await idToken(users.get(g.sub)!, clientId, { nonce: g.nonce, native: g.native }) },
    };
  }

  async function idToken(u: AppleUser, aud: string, o: { nonce?: string; native?: boolean; ttl?: number; claims?: Record<string, unknown>; rogue?: boolean } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const k = o.rogue ? rogue : key;
    // Web answers carry the flags as strings ("true"); native ones as booleans: Apple documents both.
    const flag = (b: boolean) => (o.native ? b : String(b));
    return new SignJWT({
      iss: base, aud, exp: now + (o.ttl ?? 600), iat: now, sub: u.sub,
      ...(o.nonce ? { nonce: o.nonce } : {}),
      ...(u.email ? { email: u.email, email_verified: flag(true), is_private_email: flag(!!u.privateRelay) } : {}),
      auth_time: now, nonce_supported: true,
      ...(o.native ? { real_user_status: 2 } : {}),
      ...o.claims,
    })
      .setProtectedHeader({ kid: k.kid, alg: 'RS256' })
      .sign(k.privateKey);
  }

  function mint(sub: string, clientId: string, kind: 'access' | 'refresh'): string {
    const t = `${kind === 'refresh' ? 'r' : 'a'}${randomBytes(16).toString('hex')}.0.nrxq.${random()}`;
    tokens.set(t, { sub, clientId, kind });
    return t;
  }
  function signedIn(): string {
    const s = st.signedInAs ?? [...users.keys()][0];
    if (s === undefined) throw new Error('apple fake: addUser() first');
    return s;
  }

  return {
    issuer: base,
    received,
    /** Each revocation that ended a live authorization. */
    revoked,
    addUser(u: AppleUser) {
      users.set(u.sub, u);
      return u;
    },
    signInAs(u: AppleUser) {
      st.signedInAs = u.sub;
    },
    set deny(v: boolean) {
      st.deny = v;
    },
    /** Every request is answered 503 while set (an outage). */
    set down(v: boolean) {
      st.down = v;
    },
    /**
     * What ASAuthorizationAppleIDCredential hands an iOS app: an identity token for the bundle
     * ID and an authorization code the server exchanges with client_id = that bundle ID and no
     * redirect_uri (valid five minutes, once). Name and email come only the first time.
     */
    async nativeSignIn(u: AppleUser, o: { bundleId?: string; nonce?: string } = {}) {
      const clientId = o.bundleId ?? opts.clientIds[1] ?? servicesId;
      const code = `c${randomBytes(16).toString('hex')}.0.nrxq.${random()}`;
      codes.set(code, { sub: u.sub, clientId, native: true, expiresAt: Date.now() + 300_000, ...opt('nonce', o.nonce) });
      const first = !sharedOnce.has(u.sub);
      sharedOnce.add(u.sub);
      return { identityToken: await idToken(u, clientId, { nonce: o.nonce, native: true }), authorizationCode: code, ...(first ? { email: u.email, givenName: u.firstName, familyName: u.lastName } : {}) };
    },
    mintIdToken: (u: AppleUser, o: { aud?: string; nonce?: string; native?: boolean; ttl?: number; claims?: Record<string, unknown>; rogue?: boolean } = {}) =>
      idToken(u, o.aud ?? servicesId, o),
    /** The form Apple's page would POST to the Return URL, from the authorize page it answered. */
    formOf(html: string): { action: string; fields: URLSearchParams } {
      const action = /action="([^"]*)"/.exec(html)?.[1] ?? '';
      const fields = new URLSearchParams();
      for (const m of html.matchAll(/name="([^"]+)" value="([^"]*)"/g)) fields.set(m[1]!, unesc(m[2]!));
      return { action: unesc(action), fields };
    },
    lastAuthorize: () => received.filter((r) => r.path === '/auth/authorize').at(-1)?.query,
    problems: () => problemsOf(received),
    close,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const unesc = (s: string) => s.replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
