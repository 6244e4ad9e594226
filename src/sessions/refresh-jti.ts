import { secretHash } from '../crypto/keyed-hash.js';

/**
 * How a session keeps its current refresh token: the HMAC of the token's jti under
 * SECRET_KEY (`sessions.refresh_jti_hash`), so a database dump holds no usable token. Login,
 * rotation and logout write and compare it; introspection compares it.
 */
export const refreshJtiHash = (secretKey: string, jti: string): string => secretHash(secretKey, 'refresh-jti', jti);
