import { createSigner, createVerifier } from 'fast-jwt';
import { newJti } from '../crypto/random.js';

export type TokenType = 'access' | 'refresh';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SimpleJWT's claims, plus `sid`: the session the token belongs to. */
export interface TokenClaims {
  token_type: TokenType;
  exp: number;
  iat: number;
  jti: string;
  user_id: number;
  sid: string;
}

export interface TokenService {
  /** `jti` defaults to a random one. */
  issue(type: TokenType, userId: number, sessionId: string, jti?: string): { token: string; claims: TokenClaims };
  /** The claims of a valid, unexpired token of that type, or undefined. */
  verify(type: TokenType, token: string): TokenClaims | undefined;
}

/** HS256 with SECRET_KEY; the algorithm is pinned on both sides, so `alg: none` and key confusion are refused. */
export function createTokenService(secretKey: string, ttlSeconds: Record<TokenType, number>): TokenService {
  // iat and exp are set here, so the claims returned to callers are the ones signed.
  const sign = createSigner({ key: secretKey, algorithm: 'HS256' });
  const verifyJwt = createVerifier({ key: secretKey, algorithms: ['HS256'], cache: false });

  return {
    issue(type, userId, sessionId, jti = newJti()) {
      const iat = Math.floor(Date.now() / 1000);
      const claims: TokenClaims = {
        token_type: type,
        exp: iat + ttlSeconds[type],
        iat,
        jti,
        user_id: userId,
        sid: sessionId,
      };
      return { token: sign(claims), claims };
    },
    verify(type, token) {
      if (token.length > 4096) return undefined;
      let claims: Partial<TokenClaims>;
      try {
        claims = verifyJwt(token) as Partial<TokenClaims>;
      } catch {
        return undefined;
      }
      if (
        claims.token_type !== type ||
        typeof claims.user_id !== 'number' ||
        typeof claims.sid !== 'string' ||
        !UUID.test(claims.sid) ||
        typeof claims.jti !== 'string' ||
        typeof claims.exp !== 'number'
      ) {
        return undefined;
      }
      return claims as TokenClaims;
    },
  };
}
