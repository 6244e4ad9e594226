import { isIP } from 'node:net';
import { publicUrlOf } from './public-url.js';
import type { Parse } from './variable.js';

/*
 * The passkeys' relying party, from where the service is reached (PUBLIC_URL, public-url.ts): its ID and the
 * origins a passkey may be used from. The parsers judge each variable alone; webAuthnOf
 * works out the defaults and checks the variables together, so a start with an origin the
 * RP ID does not cover is refused, naming why, rather than every passkey failing later.
 */

/** A host name as a browser compares it: lowercase, punycode, no port, no trailing dot. */
const isHostName = (s: string) => {
  try {
    return new URL(`https://${s}`).hostname === s && !s.endsWith('.');
  } catch {
    return false;
  }
};

/**
 * WEBAUTHN_RP_ID: a domain (`example.com`, `accounts.example.com`) or `localhost`. Browsers
 * refuse an IP address, and a bare top-level name is nobody's to claim.
 */
export const rpId: Parse<string> = (raw) => {
  if (!isHostName(raw) || isIP(raw.replace(/^\[|\]$/g, '')) !== 0 || (!raw.includes('.') && raw !== 'localhost')) {
    throw new Error(`must be a domain name in lowercase (punycode) such as accounts.example.com, or localhost; not an IP address; got "${raw}"`);
  }
  return raw;
};

/** An Android app's origin: the base64url SHA-256 (43 characters) of its APK signing certificate. */
const ANDROID = /^android:apk-key-hash:[A-Za-z0-9_-]{43}$/;

/** WEBAUTHN_ORIGINS: a comma list of web origins (`https://host[:port]`) and Android app origins. */
export const originList: Parse<string[]> = (raw) => {
  const list = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  const bad = list.filter((o) => !ANDROID.test(o) && !isWebOrigin(o));
  if (list.length === 0 || bad.length) {
    throw new Error(
      'must be a comma list of origins, each https://host[:port] with no path or trailing slash, or ' +
        `android:apk-key-hash:<43 base64url characters>; not one: "${bad.join('", "') || raw}"`,
    );
  }
  return list;
};

function isWebOrigin(o: string): boolean {
  try {
    const url = new URL(o);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === o;
  } catch {
    return false;
  }
}

export interface WebAuthnValues {
  nodeEnv: string;
  port: number;
  appName: string;
  publicUrl?: string | undefined;
  webauthn: { rpId?: string | undefined; rpName?: string | undefined; origins?: string[] | undefined };
}

/** The passkeys' settings, defaults worked out. */
export interface WebAuthnSettings {
  rpId: string;
  rpName: string;
  /** Every origin an assertion may come from, compared exactly. */
  origins: string[];
}

/**
 * The RP ID (WEBAUTHN_RP_ID, else PUBLIC_URL's host), its name (WEBAUTHN_RP_NAME, else
 * APP_NAME) and the origins (WEBAUTHN_ORIGINS, else PUBLIC_URL's origin). Throws the
 * message of the first variable that cannot work with the others: a web origin must be the
 * RP ID's host or a subdomain of it (WebAuthn's "registrable domain suffix"), and https in
 * production.
 */
export function webAuthnOf(c: WebAuthnValues): WebAuthnSettings {
  const base = new URL(publicUrlOf(c));
  const id = c.webauthn.rpId ?? base.hostname;
  if (c.webauthn.rpId === undefined && c.nodeEnv === 'production') {
    try {
      rpId(id);
    } catch {
      throw new Error(`PUBLIC_URL: its host ${id} cannot be a passkey RP ID (a domain name, not an IP address); set WEBAUTHN_RP_ID`);
    }
  }
  const named = c.webauthn.origins ? 'WEBAUTHN_ORIGINS' : "WEBAUTHN_ORIGINS (by default PUBLIC_URL's origin)";
  const origins = c.webauthn.origins ?? [base.origin];
  for (const origin of origins) {
    if (ANDROID.test(origin)) continue;
    const url = new URL(origin);
    if (url.hostname !== id && !url.hostname.endsWith(`.${id}`)) {
      throw new Error(`${named}: ${origin} is not on the RP ID ${id} (its host must be ${id} or end with .${id})`);
    }
    if (c.nodeEnv === 'production' && url.protocol !== 'https:') {
      throw new Error(`${named}: ${origin} is not https; browsers use passkeys only in a secure context`);
    }
  }
  return { rpId: id, rpName: c.webauthn.rpName ?? c.appName, origins };
}
