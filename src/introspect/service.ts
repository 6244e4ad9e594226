import type { AppContext } from '../context.js';
import { findSessionUser } from '../sessions/lookup.js';

export type Introspection =
  | { active: false }
  | {
      active: true;
      token_type: 'access';
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
 * RFC 7662 for the services that need this service's exact answer: an access token is
 * active while its signature and expiry hold, its session is live, its user active and
 * its key not revoked, the check every authenticated request makes. Anything else,
 * refresh tokens included (they are credentials for this service only), is inactive.
 */
export async function introspect(ctx: AppContext, token: string): Promise<Introspection> {
  const claims = await ctx.tokens.verify('access', token);
  if (!claims) return INACTIVE;
  const user = await findSessionUser(ctx.db, claims.sid, claims.user_id, claims.kid);
  if (!user) return INACTIVE;
  return {
    active: true,
    token_type: 'access',
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
