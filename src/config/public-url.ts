import type { Parse } from './variable.js';

/**
 * PUBLIC_URL: the origin (and path prefix, if any) browsers and apps reach the service at.
 * Redirect URIs given to social providers come from it, so it is an absolute http(s) URL
 * with no query or fragment, kept without a trailing slash.
 */
export const publicUrl: Parse<string> = (raw) => {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`must be the http(s) origin the service is reached at, with a path prefix if any, got "${raw}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
};

/** PUBLIC_URL as set, or `http://localhost:PORT` (its default outside production). */
export const publicUrlOf = (c: { publicUrl?: string | undefined; port: number }): string => c.publicUrl ?? `http://localhost:${c.port}`;

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** An `http://` URL on this machine (127.0.0.0/8, ::1, localhost): what tests point providers at. */
export function isLoopbackHttp(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname);
  } catch {
    return false;
  }
}
