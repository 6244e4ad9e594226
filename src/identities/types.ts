import type { SocialProviderName } from '../config/social-table.js';

export type ProviderName = SocialProviderName;

/** Tokens a provider gave that the service keeps to undo the link there (refresh tokens, mostly). */
export interface ProviderTokens {
  refreshToken?: string;
  accessToken?: string;
}

/**
 * A person as a provider vouched for them, after every check of the provider's answer: the
 * key of the identity (`provider`, `issuer`, `subject`), the client its tokens belong to, and
 * what it said of the person. `emailVerified` only when the provider marks the email so.
 */
export interface VerifiedIdentity {
  provider: ProviderName;
  issuer: string;
  subject: string;
  clientId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  nickname: string | null;
  tokens?: ProviderTokens;
}

/** The key of an identity, and the context its sealed tokens open under. */
export const identityKey = (i: { provider: string; issuer: string; subject: string }) => `${i.provider}\0${i.issuer}\0${i.subject}`;
