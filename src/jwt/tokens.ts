import { decodeProtectedHeader, type CryptoKey, jwtVerify, SignJWT } from 'jose';
import { secretHash } from '../crypto/keyed-hash.js';
import { newJti } from '../crypto/random.js';
import { VerifiedTokens } from './verified-cache.js';

export type TokenType = 'access' | 'refresh';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SimpleJWT's claims, plus `sid` (the session the token belongs to), `sub` and `iss` (and `aud` when configured). */
export interface TokenClaims {
  token_type: TokenType;
  exp: number;
  iat: number;
  jti: string;
  user_id: number;
  sid: string;
  sub: string;
  iss: string;
  aud?: string;
}

/** The claims of a token that verified, and the key that signed it (checked for revocation with its session). */
export type VerifiedClaims = Readonly<TokenClaims & { kid: string }>;

/** A key as the token service uses it: the algorithm is the key's own, pinned on verification. */
export interface TokenKey {
  kid: string;
  alg: string;
  key: CryptoKey | Uint8Array;
}

/** Where keys come from: the database's key ring (src/signing-keys/ring.ts), or SECRET_KEY for HS256. */
export interface TokenKeys {
  /** The key new tokens are signed with. */
  signing(): Promise<TokenKey>;
  /** The key that verifies a token whose header names `kid`, if that key may verify now. */
  verifying(kid: string | undefined): Promise<TokenKey | undefined>;
  /** HS256 only: tokens without `iss`, `aud` or `kid` (signed before this service set them) are accepted. */
  readonly legacy: boolean;
}

export interface TokenService {
  /** `jti` defaults to a random one. */
  issue(type: TokenType, userId: number, sessionId: string, jti?: string): Promise<{ token: string; claims: TokenClaims }>;
  /** The claims of a valid, unexpired token of that type, or undefined. */
  verify(type: TokenType, token: string): Promise<VerifiedClaims | undefined>;
}

/**
 * HS256 with SECRET_KEY, as SimpleJWT signs: a service holding the secret verifies these
 * tokens with a plain HMAC. Its kid is derived from the secret, so it names the secret
 * without revealing it.
 */
export function secretKeyTokenKeys(secretKey: string): TokenKeys {
  const key: TokenKey = {
    kid: `hs256-${secretHash(secretKey, 'jwt-kid', '').slice(0, 16)}`,
    alg: 'HS256',
    key: new TextEncoder().encode(secretKey),
  };
  return { signing: async () => key, verifying: async () => key, legacy: true };
}

export interface TokenSettings {
  ttlSeconds: Record<TokenType, number>;
  issuer: string;
  audience: string | undefined;
}

/**
 * Signs and verifies with jose. The algorithm is the verifying key's own (`algorithms:
 * [key.alg]`), so `alg: none`, an HS256 token in ES256 mode or an RS256 header over an EC
 * key is refused. An access token that verified is remembered until it expires, so each
 * instance checks its signature once: the guard still asks the database, on every request,
 * whether its session is live, its user active and its key not revoked.
 */
export function createTokenService(keys: TokenKeys, settings: TokenSettings): TokenService {
  const verifiedAccess = new VerifiedTokens<VerifiedClaims>(10_000);
  const strict = keys.legacy ? {} : { issuer: settings.issuer, ...(settings.audience ? { audience: settings.audience } : {}) };

  return {
    async issue(type, userId, sessionId, jti = newJti()) {
      const key = await keys.signing();
      const iat = Math.floor(Date.now() / 1000);
      const claims: TokenClaims = {
        token_type: type,
        exp: iat + settings.ttlSeconds[type],
        iat,
        jti,
        user_id: userId,
        sid: sessionId,
        sub: String(userId),
        iss: settings.issuer,
        ...(settings.audience ? { aud: settings.audience } : {}),
      };
      const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.key);
      return { token, claims };
    },

    async verify(type, token) {
      if (token.length > 4096) return undefined;
      const now = Math.floor(Date.now() / 1000);
      if (type === 'access') {
        const known = verifiedAccess.get(token, now);
        if (known) return known;
      }
      let kid: unknown;
      try {
        kid = decodeProtectedHeader(token).kid;
      } catch {
        return undefined;
      }
      const key = await keys.verifying(typeof kid === 'string' ? kid : undefined);
      if (!key) return undefined;
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, key.key, { algorithms: [key.alg], typ: 'JWT', ...strict }));
      } catch {
        return undefined;
      }
      if (!hasClaims(payload, type, settings)) return undefined;
      const verified: VerifiedClaims = Object.freeze({ ...payload, kid: key.kid });
      if (type === 'access') verifiedAccess.set(token, verified, verified.exp);
      return verified;
    },
  };
}

/** The claims this service signs, with their types; a legacy HS256 token may lack sub, iss and aud. */
function hasClaims(c: Record<string, unknown>, type: TokenType, s: TokenSettings): c is TokenClaims & Record<string, unknown> {
  return (
    c.token_type === type &&
    typeof c.user_id === 'number' &&
    Number.isSafeInteger(c.user_id) &&
    typeof c.sid === 'string' &&
    UUID.test(c.sid) &&
    typeof c.jti === 'string' &&
    typeof c.exp === 'number' &&
    typeof c.iat === 'number' &&
    (c.sub === undefined || c.sub === String(c.user_id)) &&
    (c.iss === undefined || c.iss === s.issuer) &&
    (c.aud === undefined || s.audience === undefined || c.aud === s.audience || (Array.isArray(c.aud) && c.aud.includes(s.audience)))
  );
}
