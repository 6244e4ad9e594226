import { and, eq, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema/index.js';
import { hitBudget } from './account-budget.js';
import type { ThrottleContext } from './limits.js';

/*
 * MFA_MAX_FAILURES, MFA_LOCK_SECONDS: the second factor's own failure budget (issue 24,
 * findings 5 and 8). Whoever reaches a code holds a first factor already, so a login that
 * opens a session must not reset the count: the login budget did, and with every owner
 * login a password thief got LOGIN_MAX_ACCOUNT_FAILURES more guesses, a break expected
 * within months. Here only time forgets a failure; a right code takes back just its own
 * count. Each way to a code has its own budget, so a thief who spends the one it came
 * through (the password, say) leaves the owner the other (an SMS key, then the app).
 */

/** How a code was reached: after a right password, a right SMS key, a social login, or from a signed-in session. */
export type CodeDoor = 'password' | 'sms_key' | 'social' | 'session';

/** An account id is no personal data; the door keeps the three counts apart. */
const bucketOf = (userId: number, door: CodeDoor) => `mfa-failures:${door}:${userId}`;

export type DoorCount = { locked: { retryAfter: number } } | { locked: undefined; rightCode(): Promise<void> };

/**
 * Counts one code for the account through `door` before it is compared. Answers the lock
 * when the budget is spent (compare nothing: 429 with Retry-After); otherwise `rightCode`,
 * to call when the code was right, so that the owner's own codes never count.
 */
export async function spendSecondFactorBudget(ctx: ThrottleContext, userId: number, door: CodeDoor): Promise<DoorCount> {
  const bucket = bucketOf(userId, door);
  const lock = await hitBudget(ctx, { bucket, accountMax: ctx.config.throttle.mfaMaxFailures, lockSeconds: ctx.config.throttle.mfaLock });
  if (lock) return { locked: { retryAfter: lock.retryAfter } };
  return {
    locked: undefined,
    rightCode: async () => {
      await ctx.db
        .update(rateLimits)
        .set({ count: sql`${rateLimits.count} - 1` })
        .where(and(eq(rateLimits.bucket, bucket), sql`${rateLimits.count} > 0`));
    },
  };
}
