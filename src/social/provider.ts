import type { ProviderName, ProviderTokens, VerifiedIdentity } from '../identities/types.js';

export type { ProviderName, ProviderTokens, VerifiedIdentity };

/** What the browser flow keeps server-side for the provider: sent there, checked on the way back. */
export interface FlowSecrets {
  state: string;
  nonce: string;
  /** The PKCE verifier towards the provider (unused where the provider has no PKCE). */
  verifier: string;
}

/** What an app's copy of the provider's SDK gave it (POST /login/social, POST /users/me/identities). */
export interface AppTokens {
  id_token?: string | undefined;
  access_token?: string | undefined;
  nonce?: string | undefined;
  /** Apple only: the native authorization code, exchanged at once for a token to revoke at withdrawal. */
  authorization_code?: string | undefined;
}

/** An identity to undo at its provider (src/identities/revocations.ts). */
export interface RevocationTarget {
  subject: string;
  clientId: string;
  tokens: ProviderTokens | undefined;
}

/**
 * One social provider, as its public documentation describes it (one file each under
 * providers/, built by create-providers.ts): the browser flow's two ends, the check of what
 * an app brings, and the undoing of a link. Each throws a {@link SocialError}.
 */
export interface SocialProvider {
  readonly name: ProviderName;
  /** The issuer its identities are keyed by (and, when a callback names one, must name). */
  readonly issuer: string;
  /** Browser flow: where to send the browser for this flow. */
  authorizationUrl(f: FlowSecrets): Promise<URL>;
  /** Browser flow: the callback's parameters (only code, state, iss and Apple's user) to a verified identity. */
  exchange(params: URLSearchParams, f: FlowSecrets): Promise<VerifiedIdentity>;
  /** App flow: what the provider's SDK gave an app, to a verified identity. */
  verifyAppTokens(t: AppTokens): Promise<VerifiedIdentity>;
  /** Undoes the link at the provider; done also when the provider no longer knows it. */
  revoke(r: RevocationTarget): Promise<void>;
}

/**
 * `invalid`: the provider's answer, or what an app brought, does not verify (401, or `error=`
 * in the browser flow); `unverifiable`: a token of a kind the service cannot bind to this
 * client (a Naver access token); `unavailable`: the provider did not answer usably (503).
 * The message is for the log only, never sent.
 */
export class SocialError extends Error {
  constructor(
    readonly kind: 'invalid' | 'unverifiable' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'SocialError';
  }
}

export const invalid = (message: string) => new SocialError('invalid', message);
export const unavailable = (message: string) => new SocialError('unavailable', message);
