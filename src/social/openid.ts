import * as oc from 'openid-client';
import { isLoopbackHttp } from '../config/public-url.js';
import { invalid, SocialError, unavailable } from './provider.js';

/*
 * What every provider does with openid-client: discovery (cached per process, tried again
 * after a failure, so a provider that is down only answers 503 meanwhile), Configurations
 * that allow http only for a loopback server outside production, a 10-second limit on each
 * request, and the mapping of failures to SocialError.
 */

export const TIMEOUT_SECONDS = 10;

/** http is for tests on this machine only; the configuration refuses it in production anyway. */
export const insecureOk = (url: string, production: boolean) => !production && isLoopbackHttp(url);

/** The server metadata of `issuer` from its discovery document, fetched once while it succeeds. */
export function discoveryOf(issuer: string, production: boolean): () => Promise<oc.ServerMetadata> {
  let cached: Promise<oc.ServerMetadata> | undefined;
  return () => {
    cached ??= oc
      .discovery(new URL(issuer), 'discovery', undefined, oc.None(), {
        execute: insecureOk(issuer, production) ? [oc.allowInsecureRequests] : [],
        timeout: TIMEOUT_SECONDS,
      })
      .then((c) => ({ ...c.serverMetadata() }))
      .catch((err: unknown) => {
        cached = undefined;
        throw toSocialError(err, 'discovery');
      });
    return cached;
  };
}

/** A client of `server`: its id and authentication, the timeout, http allowed as {@link insecureOk} says. */
export function clientOf(server: oc.ServerMetadata, clientId: string, auth: oc.ClientAuth, production: boolean): oc.Configuration {
  const config = new oc.Configuration(server, clientId, undefined, auth);
  config.timeout = TIMEOUT_SECONDS;
  // Deprecated on purpose by openid-client ("for local development and testing"): exactly this use.
  if (insecureOk(server.issuer, production)) oc.allowInsecureRequests(config);
  return config;
}

/**
 * The callback URL as openid-client reads it: the registered redirect URI plus only the
 * response parameters (a proxy may have changed the host of the URL this process saw, and
 * Apple's form also carries an id_token that would make openid-client refuse the answer).
 */
export function callbackUrl(redirectUri: string, params: URLSearchParams): URL {
  const current = new URL(redirectUri);
  for (const key of ['code', 'state', 'iss', 'error', 'error_description']) {
    const value = params.get(key);
    if (value !== null) current.searchParams.set(key, value);
  }
  return current;
}

/** A network failure, a timeout, a 5xx or a provider saying it is busy: unavailable; anything else: invalid. */
export function toSocialError(err: unknown, what: string): SocialError {
  if (err instanceof SocialError) return err;
  if (err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) {
    return unavailable(`${what}: ${err.name}`);
  }
  if (err instanceof oc.ResponseBodyError) {
    const busy = err.status >= 500 || ['temporarily_unavailable', 'server_error'].includes(err.error);
    return (busy ? unavailable : invalid)(`${what}: HTTP ${err.status} ${err.error}`);
  }
  if (err instanceof oc.ClientError) {
    const status = (err.cause as { status?: unknown } | undefined)?.status;
    if (typeof status === 'number' && status >= 500) return unavailable(`${what}: HTTP ${status}`);
    return invalid(`${what}: ${err.code ?? err.name}`);
  }
  return invalid(`${what}: ${err instanceof Error ? err.name : 'failed'}`);
}

/**
 * A call to a provider's plain HTTP API (Kakao's user API, Naver's profile and revocation):
 * the status and the body's text, within the timeout; a network failure is unavailable.
 */
export async function callApi(url: string, init: RequestInit & { what: string }): Promise<{ status: number; text: string }> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000) });
    return { status: res.status, text: await res.text() };
  } catch (err) {
    throw toSocialError(err, init.what);
  }
}

/** A JSON object from a body, or invalid. */
export function jsonObject(text: string, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  throw invalid(`${what}: not a JSON object`);
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
