import { useEffect, useState } from 'preact/hooks';
import { createAccountClient, errorCode, type paths } from '../client/src/index.js';
import { lang } from './i18n.js';

export type User = paths['/api/v1/users/me']['get']['responses'][200]['content']['application/json'];
export type Session = paths['/api/v1/users/me/sessions']['get']['responses'][200]['content']['application/json'][number];

/**
 * The access token lives in this module's memory only: a reload or a new tab gets a fresh
 * one from the refresh cookie, which page scripts can neither read nor send elsewhere.
 */
let accessToken: string | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

export const api = createAccountClient({ language: lang, accessToken: () => accessToken });

export type SessionState = { status: 'unknown' } | { status: 'out'; ended?: boolean } | { status: 'in'; user: User };

let state: SessionState = { status: 'unknown' };
const listeners = new Set<(s: SessionState) => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}

/** Keeps the token, and renews it shortly before it expires (its `exp`, read without trusting it). */
function keep(token: string): void {
  accessToken = token;
  clearTimeout(refreshTimer);
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    const ms = (payload.exp ?? 0) * 1000 - Date.now() - 30_000;
    if (ms > 0) refreshTimer = setTimeout(() => void renew(), ms);
  } catch {
    // Not a JWT we can read: it is renewed when an answer says 401.
  }
}

let renewing: Promise<boolean> | undefined;

/** A new access token from the refresh cookie; one request however many callers ask at once. */
export function renew(): Promise<boolean> {
  renewing ??= api
    .POST('/account/api/refresh', { body: {} })
    .then(({ data }) => {
      if (data) keep(data.access_token);
      else accessToken = undefined;
      return Boolean(data);
    })
    .catch(() => false)
    .finally(() => (renewing = undefined));
  return renewing;
}

/** At page load: is there a session to resume? */
export async function resume(): Promise<void> {
  if (await renew()) await loadUser();
  else setState({ status: 'out' });
}

/**
 * Said of the access token or its session. Other 401s (a stale phone verification token) are
 * the form's to show: the session goes on.
 */
const sessionRefused = (error: unknown) => ['token_not_valid', 'not_authenticated'].includes(errorCode(error) ?? '');

/** Runs a call that needs the access token; when the token is refused it renews it once and tries again. */
export async function authed<R extends { error?: unknown; response: Response }>(call: () => Promise<R>): Promise<R> {
  let result = await call();
  if (sessionRefused(result.error) && (await renew())) result = await call();
  if (sessionRefused(result.error)) ended();
  return result;
}

export async function loadUser(): Promise<void> {
  const { data } = await authed(() => api.GET('/api/v1/users/me'));
  if (data) setState({ status: 'in', user: data });
}

export function updateUser(user: User): void {
  setState({ status: 'in', user });
}

/** After a login answered an access token (the cookie came with it). */
export async function loggedIn(token: string): Promise<void> {
  keep(token);
  await loadUser();
}

/** The server no longer knows the session (withdrawn, revoked elsewhere, expired). */
export function ended(): void {
  forget();
  setState({ status: 'out', ended: true });
}

function forget(): void {
  accessToken = undefined;
  clearTimeout(refreshTimer);
}

export async function logOut(): Promise<void> {
  try {
    await api.POST('/account/api/logout', { body: {} });
  } finally {
    forget();
    setState({ status: 'out' });
  }
}

/** After the account is gone or every session was revoked: the cookie is cleared too. */
export async function closed(): Promise<void> {
  await logOut().catch(() => undefined);
}
