import * as client from 'openid-client';
import { json, sameOrigin } from './harness.js';

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/**
 * A browser as far as the OpenID flow needs one: cookies by name and path, redirects not
 * followed (each step is looked at), and every request sent to `route()`'s instance, the
 * way a load balancer would pick one for each request to the one public address.
 */
export class Agent {
  private readonly jar = new Map<string, Cookie>();
  /** Each step the flow went through on the account pages: `login`, `consent`. */
  readonly prompts: string[] = [];

  constructor(
    readonly issuer: string,
    /** The address that serves the next request. */
    readonly route: () => string = () => issuer,
    /** A path prefix the proxy in front takes off before the service sees the request. */
    readonly strip = '',
  ) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.issuer);
    const path = target.pathname;
    const cookie = [...this.jar.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const sent = new URL(target.pathname.slice(this.strip.length) + target.search, this.route());
    if (!target.pathname.startsWith(this.strip)) throw new Error(`${target.pathname} is outside ${this.strip}`);
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(sent, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const [name, ...value] = pair!.split('=');
      const pathAttr = attributes.find((a) => a.toLowerCase().startsWith('path='));
      const cookiePath = pathAttr ? pathAttr.slice(5) : '/';
      const key = `${name}|${cookiePath}`;
      const expired = attributes.some((a) => /^expires=thu, 01 jan 1970/i.test(a)) || value.join('=') === '';
      if (expired) this.jar.delete(key);
      else this.jar.set(key, { name: name!, value: value.join('='), path: cookiePath });
    }
    return res;
  }

  /**
   * From the app's authorization URL to its callback, as a user signs in and consents on
   * the account pages (their JSON endpoints, with the pages' access token). Answers the
   * callback URL the browser would be sent to; throws if the flow goes anywhere else.
   */
  async signIn(authorizationUrl: URL, callbackPrefix: string, access: () => string, decide: 'allow' | 'deny' = 'allow'): Promise<URL> {
    let res = await this.fetch(authorizationUrl.href);
    for (let step = 0; step < 8; step++) {
      const location = res.headers.get('location');
      if (!location) throw new Error(`no redirect: ${res.status} ${await res.text()}`);
      if (location.startsWith(callbackPrefix)) return new URL(location);
      const path = new URL(location, this.issuer).pathname;
      const interaction = /^\/account\/oidc\/([\w-]+)$/.exec(path.slice(this.strip.length));
      if (!interaction) {
        res = await this.fetch(location);
        continue;
      }
      const details = await json(await this.fetch(`${path}/details`));
      this.prompts.push(details.prompt);
      const action = decide === 'deny' ? 'abort' : details.prompt;
      const answer = await this.fetch(`${path}/${action}`, {
        method: 'POST',
        headers: { ...sameOrigin, authorization: `Bearer ${access()}` },
        body: '{}',
      });
      const body = await json(answer);
      if (!answer.ok) throw Object.assign(new Error(`${action} answered ${answer.status}: ${JSON.stringify(body)}`), { status: answer.status, body });
      res = await this.fetch(body.redirect_to);
    }
    throw new Error('too many redirects');
  }
}

/** An authorization request with PKCE (S256) and state, as openid-client builds it. */
export async function authorization(config: client.Configuration, params: { redirect_uri: string; scope: string; prompt?: string; max_age?: string }) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    ...params,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  return { url, verifier, state };
}
