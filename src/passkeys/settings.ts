import type { ResolvedConfig } from '../config.js';
import { type WebAuthnSettings, webAuthnOf } from '../config/web-origins.js';

/*
 * The WebAuthn settings every ceremony uses, and @simplewebauthn/server, loaded at the first
 * ceremony rather than at start: it takes most of a second to import, which neither the
 * start nor the tests that never touch a passkey should pay.
 */

/** ES256 and RS256 (COSE -7 and -257), and nothing else, when making and when verifying. */
export const ALGORITHMS = [-7, -257];

/** A challenge lives this long, and the browser's ceremony is given as long. */
export const CEREMONY_SECONDS = 300;

const settings = new WeakMap<ResolvedConfig, WebAuthnSettings>();

/** The RP ID, its name and the origins, as the configuration's rules checked them at start. */
export function webauthnSettings(config: ResolvedConfig): WebAuthnSettings {
  let s = settings.get(config);
  if (!s) settings.set(config, (s = webAuthnOf(config)));
  return s;
}

let library: Promise<typeof import('@simplewebauthn/server')> | undefined;

/** The library, imported once, at first use. */
export const webauthn = () => (library ??= import('@simplewebauthn/server'));

/** base64url, as WebAuthn's JSON carries bytes. */
export const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
