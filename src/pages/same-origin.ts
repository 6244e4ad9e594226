import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';

/**
 * onRequest guard of the cookie-authenticated endpoints, against cross-site request
 * forgery. SameSite=Strict already keeps the cookie off cross-site requests; this is the
 * second lock, for browsers or proxies that get that wrong, and for same-site (sibling
 * subdomain) pages, which SameSite lets through.
 */
export async function requireSameOrigin(request: FastifyRequest): Promise<void> {
  // Fetch metadata is sent by every current browser and cannot be set by page scripts.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin') throw new ApiError('cross_site_request');
  } else if (!sameHost(request.headers.origin, request.host)) {
    // Older browsers: Origin, which they send on every cross-origin POST. No header at all is
    // refused too; these endpoints are for the pages, never for other clients.
    throw new ApiError('cross_site_request');
  }
  // A cross-site form can only send form or text bodies; JSON takes a script on this origin.
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported_media_type', { type: type.slice(0, 100) });
  }
}

/**
 * The host only, the request's read with the origin's scheme so default ports compare
 * equal: behind a proxy that ends TLS this process sees http while the browser says https.
 */
function sameHost(origin: string | undefined, host: string): boolean {
  if (!origin || origin === 'null') return false;
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
