import { type StringKey, t } from './i18n.js';
import { settings } from './settings.js';

const SCOPE_WORDS: Record<string, StringKey> = {
  openid: 'scopeOpenid',
  profile: 'scopeProfile',
  email: 'scopeEmail',
  phone: 'scopePhone',
  offline_access: 'scopeOfflineAccess',
};

/** What a scope lets an app do, in the page's words; one the pages do not know, as it is. */
export const scopeWords = (scope: string) => (SCOPE_WORDS[scope] ? t(SCOPE_WORDS[scope], { service: settings.appName }) : scope);

const RETURN_KEY = 'account-pages-return';
/** As long as the provider waits for a sign-in (its interactions last 30 minutes). */
const RETURN_MS = 30 * 60_000;

/**
 * An app's sign-in waiting on the pages (`oidc/<uid>`): a login that leaves the page (a
 * social provider's screens) or goes by another page (sign-up, reset) comes back to it.
 */
export function rememberReturn(route: string): void {
  sessionStorage.setItem(RETURN_KEY, JSON.stringify({ route, until: Date.now() + RETURN_MS }));
}

export function forgetReturn(): void {
  sessionStorage.removeItem(RETURN_KEY);
}

/** The route to go back to once signed in, if one is waiting; taken once. */
export function takeReturn(): string | undefined {
  const raw = sessionStorage.getItem(RETURN_KEY);
  forgetReturn();
  try {
    const saved = raw ? (JSON.parse(raw) as { route?: unknown; until?: unknown }) : undefined;
    return typeof saved?.route === 'string' && typeof saved.until === 'number' && saved.until > Date.now() ? saved.route : undefined;
  } catch {
    return undefined;
  }
}
