import type { ResolvedConfig } from '../config.js';
import { publicUrlOf } from '../config/public-url.js';

/*
 * Where a browser flow may end: SOCIAL_REDIRECT_URLS and the account pages' own page, each
 * compared with the caller's `redirect_to` by exact string equality: no normalising, no
 * prefix, no pattern, so no URL an attacker writes can pass for one of them.
 */

/** The account pages' page that finishes a social sign-in. */
export const pagesReturnUrl = (config: ResolvedConfig) => `${publicUrlOf(config)}/account/social`;

export function allowedRedirect(config: ResolvedConfig, redirectTo: string): boolean {
  const pages = config.accountPages.enabled ? [pagesReturnUrl(config)] : [];
  return [...pages, ...(config.social.redirectUrls ?? [])].includes(redirectTo);
}

/** `redirectTo` with one parameter added (`result=…` or `error=…`), whatever query it already had. */
export function withParam(redirectTo: string, name: 'result' | 'error', value: string): string {
  const url = new URL(redirectTo);
  url.searchParams.set(name, value);
  return url.href;
}
