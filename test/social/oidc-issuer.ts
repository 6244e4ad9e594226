import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import * as oc from 'openid-client';

/*
 * A real, certified OpenID provider (panva's oidc-provider) on http://127.0.0.1, for the
 * `oidc` kind: SOCIAL_OIDC_ISSUER = `issuer`. Accounts are whatever `accounts` holds; the
 * development login form (devInteractions) takes any account id, and consent is granted
 * up front for the service's client, so a test signs in with one form post.
 */

export interface OidcAccount {
  email?: string;
  emailVerified?: boolean;
  name?: string;
  nickname?: string;
}

export async function startOidcIssuer(o: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  accounts: Record<string, OidcAccount>;
  /** OIDC Core's rule for the code flow: scope claims only at userinfo, none in the ID token. */
  conformIdTokenClaims?: boolean;
}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configuration: Configuration = {
    clients: [{ client_id: o.clientId, client_secret: o.clientSecret, redirect_uris: o.redirectUris, token_endpoint_auth_method: 'client_secret_basic' }],
    async findAccount(_ctx, id) {
      const a = o.accounts[id];
      if (!a) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: a.email, email_verified: a.emailVerified, name: a.name, nickname: a.nickname };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'nickname'] },
    // Scope claims in the ID token too (the default keeps them for userinfo only, as OIDC Core
    // says for response_type=code); turn this off to test the userinfo path instead.
    conformIdTokenClaims: o.conformIdTokenClaims ?? false,
    features: { revocation: { enabled: true, allowedPolicy: () => true }, devInteractions: { enabled: true } },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['oidc-issuer-test-cookie-key'] },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 86400 },
  };
  const provider = new Provider(issuer, configuration);
  const requests: string[] = [];
  const handle = provider.callback();
  server.on('request', (req, res) => {
    requests.push(`${req.method} ${new URL(req.url ?? '/', issuer).pathname}`);
    void handle(req, res);
  });

  return {
    issuer,
    provider,
    /** `METHOD /path` of every request the issuer got. */
    requests,
    /**
     * What a browser does at the issuer: open the authorization URL, sign in as `accountId` on
     * the development form, and come back. Answers the redirect to the service's callback.
     */
    async signIn(authorizationUrl: URL | string, accountId: string): Promise<URL> {
      const jar = new Map<string, string>();
      const keep = (res: Response) => {
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const at = pair!.indexOf('=');
          jar.set(pair!.slice(0, at), pair!.slice(at + 1));
        }
      };
      const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      let res = await fetch(authorizationUrl, { redirect: 'manual' });
      keep(res);
      for (let hop = 0; hop < 5; hop++) {
        const to = new URL(res.headers.get('location') ?? '', issuer);
        if (to.origin !== issuer) return to;
        res = to.pathname.startsWith('/interaction/')
          ? await fetch(to, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ prompt: 'login', login: accountId }) })
          : await fetch(to, { redirect: 'manual', headers: { cookie: cookie() } });
        keep(res);
      }
      throw new Error('oidc issuer: no redirect back to the client');
    },
    /** What an app of this client gets from the issuer by its own code flow: an ID token for `accountId`. */
    async appIdToken(accountId: string, nonce?: string): Promise<string> {
      const config = await oc.discovery(new URL(issuer), o.clientId, o.clientSecret, oc.ClientSecretBasic(o.clientSecret), { execute: [oc.allowInsecureRequests] });
      const verifier = oc.randomPKCECodeVerifier();
      const state = oc.randomState();
      const url = oc.buildAuthorizationUrl(config, {
        redirect_uri: o.redirectUris[0]!, scope: 'openid email profile', state, code_challenge: await oc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
        ...(nonce ? { nonce } : {}),
      });
      const back = await this.signIn(url, accountId);
      const tokens = await oc.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state, ...(nonce ? { expectedNonce: nonce } : {}) });
      return tokens.id_token!;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
