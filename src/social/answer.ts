import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { secretHash } from '../crypto/keyed-hash.js';
import { preparedOn } from '../db/prepared.js';
import { rateLimits } from '../db/schema/index.js';
import { throttled, unauthorized } from '../http/errors.js';
import { findLinked, touchIdentity } from '../identities/repository.js';
import { sealIdentity } from '../identities/sealing.js';
import { openLoginSession, secondStepChallenge, type SecondStepChallenge } from '../login/service.js';
import { totpEnabled } from '../mfa/repository.js';
import { loginLimit } from '../throttle/limits.js';
import { rateLimitHit } from '../throttle/repository.js';
import type { VerifiedIdentity } from './provider.js';
import { insertSignup } from './signups.js';

/*
 * How every way in with a social identity ends (POST /login/social, POST /oauth/exchange):
 * as POST /login does for a linked identity, or with a social_token for a new one.
 */

export interface Client {
  ip: string;
  userAgent: string | null;
}

export type SocialAnswer =
  | { access_token: string; refresh_token: string }
  | SecondStepChallenge
  | { signup_required: true; social_token: string; profile: { email: string | null; name: string | null; nickname: string | null } };

const hitStatement = preparedOn((db) =>
  db
    .select({ hits: sql<number>`hit.hits`, retryAfter: sql<number>`hit.retry_after` })
    .from(rateLimitHit(sql.placeholder('bucket'), sql.placeholder('windowSeconds')))
    .prepare('social_attempt'),
);

/**
 * Counts a social sign-in on its client IP's login counter (LOGIN_MAX_FAILURES per
 * LOGIN_FAILURE_WINDOW_SECONDS) before anything is verified, so a client cannot make the
 * service call providers without end; a verified identity clears it. Answers the counter.
 */
export async function countSocialAttempt(ctx: AppContext, ip: string): Promise<string> {
  const limit = loginLimit(ctx, 'social', ip);
  const [row] = await hitStatement(ctx.db).execute({ bucket: limit.bucket, windowSeconds: limit.windowSeconds });
  if (Number(row!.hits) > limit.max) throw throttled(Math.max(1, Number(row!.retryAfter)), 'login_locked');
  return limit.bucket;
}

export const socialTokenHash = (ctx: AppContext, token: string) => secretHash(ctx.config.secretKey, 'social-token', token);

/**
 * A verified identity's answer. Linked to an active account: its session (`social:<provider>`),
 * or the second step's challenge when the account has a second factor (a social login is one
 * factor). Linked to one that may not log in: 401 as a login. New: a single-use social_token
 * for POST /users/social, with what the provider said of the person. Never found by email.
 */
export async function answerIdentity(ctx: AppContext, identity: VerifiedIdentity, client: Client, bucket: string): Promise<SocialAnswer> {
  const linked = await findLinked(ctx.db, identity);
  if (linked && !linked.active) throw unauthorized('no_active_account');
  if (linked) {
    await touchIdentity(ctx.db, ctx.config.secretKey, linked.id, identity);
    if (await totpEnabled(ctx.db, linked.userId)) {
      return secondStepChallenge(ctx, ctx.db, { userId: linked.userId, method: 'social', client, clearBucket: bucket });
    }
    return openLoginSession(ctx, { userId: linked.userId, client, clear: { bucket }, method: `social:${identity.provider}` });
  }
  await ctx.db.delete(rateLimits).where(eq(rateLimits.bucket, bucket));
  const token = randomBytes(32).toString('base64url');
  const tokenHash = socialTokenHash(ctx, token);
  await insertSignup(ctx.db, {
    tokenHash,
    identitySealed: sealIdentity(ctx.config.secretKey, identity, `social-signup:${tokenHash}`),
    ttlSeconds: ctx.config.ttl.verifyToken,
  });
  return { signup_required: true, social_token: token, profile: { email: identity.email, name: identity.name, nickname: identity.nickname } };
}
