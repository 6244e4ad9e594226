import type { AppContext } from '../context.js';
import { constantTimeEqual } from '../crypto/keyed-hash.js';
import type { VerifiedClaims } from '../jwt/tokens.js';
import { findLiveSession, findSessionUser } from '../sessions/lookup.js';
import { refreshJtiHash } from '../sessions/refresh-jti.js';

export type Introspection =
  | { active: false }
  | {
      active: true;
      token_type: 'access' | 'refresh';
      sub: string;
      user_id: number;
      sid: string;
      exp: number;
      iat: number;
      iss: string;
      jti: string;
      aud?: string;
    };

const INACTIVE: Introspection = { active: false };

/**
 * RFC 7662 for the services that need this service's exact answer. An access token is
 * active while its signature and expiry hold, its session is live, its user active and its
 * key not revoked, the check every authenticated request makes. A refresh token (RFC 7662
 * introspects those too) is active on the same terms and while it is its session's current
 * one: one that rotation retired, even within the reuse interval the owner's tabs get, is
 * not. Asking changes nothing: no refresh is recorded and a retired token revokes nothing.
 */
export async function introspect(ctx: AppContext, token: string): Promise<Introspection> {
  const access = await ctx.tokens.verify('access', token);
  if (access) {
    const user = await findSessionUser(ctx.db, access.sid, access.user_id, access.kid);
    return user ? active(ctx, 'access', access) : INACTIVE;
  }
  const refresh = await ctx.tokens.verify('refresh', token);
  if (!refresh) return INACTIVE;
  const session = await findLiveSession(ctx.db, refresh.sid, refresh.user_id, refresh.kid);
  if (!session || !constantTimeEqual(refreshJtiHash(ctx.config.secretKey, refresh.jti), session.refreshJtiHash)) return INACTIVE;
  return active(ctx, 'refresh', refresh);
}

function active(ctx: AppContext, type: 'access' | 'refresh', claims: VerifiedClaims): Introspection {
  return {
    active: true,
    token_type: type,
    sub: String(claims.user_id),
    user_id: claims.user_id,
    sid: claims.sid,
    exp: claims.exp,
    iat: claims.iat,
    // A token signed before tokens carried `iss` (HS256) was issued here all the same.
    iss: claims.iss ?? ctx.config.jwt.issuer,
    jti: claims.jti,
    ...(typeof claims.aud === 'string' ? { aud: claims.aud } : {}),
  };
}
