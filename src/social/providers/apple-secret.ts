import { type CryptoKey, importPKCS8, SignJWT } from 'jose';

/*
 * Apple's "client secret" (developer.apple.com, Creating a client secret): an ES256 JWT the
 * service signs with its `.p8` key, `iss` the team, `sub` the client of the request (the
 * Services ID for the web, the bundle ID for an app's code), `aud` Apple. Made per client
 * and kept four minutes of its five.
 */

const LIFETIME_SECONDS = 300;
const REUSE_MS = 240_000;

export interface AppleKey {
  teamId: string;
  keyId: string;
  privateKey: string;
}

export function appleSecrets(k: AppleKey): (clientId: string) => Promise<string> {
  let key: Promise<CryptoKey> | undefined;
  const made = new Map<string, { secret: string; at: number }>();
  return async (clientId) => {
    const kept = made.get(clientId);
    if (kept && Date.now() - kept.at < REUSE_MS) return kept.secret;
    key ??= importPKCS8(k.privateKey, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const secret = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: k.keyId })
      .setIssuer(k.teamId)
      .setIssuedAt(now)
      .setExpirationTime(now + LIFETIME_SECONDS)
      .setAudience('https://appleid.apple.com')
      .setSubject(clientId)
      .sign(await key);
    made.set(clientId, { secret, at: Date.now() });
    return secret;
  };
}
