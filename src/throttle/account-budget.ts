import { type Column, eq, inArray, type Placeholder, sql, type SQL, type WithSubquery } from 'drizzle-orm';
import { secretHash } from '../crypto/keyed-hash.js';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { rateLimits } from '../db/schema/index.js';
import { loginLimit, type ThrottleContext } from './limits.js';
import { rateLimitHit } from './repository.js';

/*
 * The failure budget of an account (LOGIN_MAX_ACCOUNT_FAILURES, LOGIN_ACCOUNT_LOCK_SECONDS):
 * password and second-factor guesses for one account from every IP together. Each attempt
 * is counted before its secret is compared (src/throttle/sql/account_budget_hit.sql), and a
 * success (login, password reset) deletes the count. A spent budget locks password login
 * only: SMS-key login proves the phone and stays open, so an attacker cannot lock the
 * owner out.
 */

/** Where an account's budget is counted. An id is no personal data; the prefix keeps it apart from hashed buckets. */
const PREFIX = 'login-account:';
export const accountBucket = (userId: number) => `${PREFIX}${userId}`;
const accountBucketOf = (userId: SQL | Column | Placeholder) => sql`${PREFIX}::text || ${userId}::bigint`;

/**
 * The budget of an identifier that names no account, counted the same way, so that a lock
 * (or its absence) does not tell whether the account exists.
 */
export const unknownAccountBucket = (ctx: ThrottleContext, identifier: string) =>
  `login-nobody:${secretHash(ctx.config.secretKey, 'throttle', identifier)}`;

export interface AccountLock {
  code: 'login_locked' | 'account_locked';
  retryAfter: number;
}

/** The settings a budget statement binds as placeholders `accountMax` and `lockSeconds`. */
export const budgetParams = (ctx: ThrottleContext) => ({
  accountMax: ctx.config.throttle.loginMaxAccountFailures,
  lockSeconds: ctx.config.throttle.loginAccountLock,
});

/**
 * One attempt against the budget, as the lateral row source `budget` of a caller's
 * statement (`budget.hits`, `budget.retry_after`, `budget.counted`: false when the budget
 * is spent), with the placeholders of {@link budgetParams}. It counts nothing unless `when`
 * holds; the bucket is the account's, or `unknown` when `userId` is NULL.
 */
export const accountBudgetHit = (a: { userId: SQL | Column | Placeholder; unknown: SQL | Placeholder; when: SQL }) =>
  sql`account_budget_hit(
    case when ${a.when} then coalesce(${accountBucketOf(a.userId)}, ${a.unknown}::text) end,
    ${sql.placeholder('accountMax')}::integer, ${sql.placeholder('lockSeconds')}::integer) as budget`;

/**
 * Forgets the account's budget, as the CTE `cleared_budget` of a caller's statement, after
 * the CTE `after` has run. A statement runs its CTEs in no promised order (PostgreSQL runs
 * unread ones last first), and the attempt statement locks the login counter before the
 * budget: one that clears both must lock them in that order too, or the two deadlock.
 */
export const clearingAccountBudget = (db: Db, userId: Placeholder, after: WithSubquery) =>
  db
    .$with('cleared_budget', { bucket: sql<string>`bucket` })
    .as(
      sql`delete from ${rateLimits} where ${rateLimits.bucket} = ${accountBucketOf(userId)}
        and (select count(*) from ${after}) >= 0 returning ${rateLimits.bucket}`,
    );

/** Forgets the account's budget: a password reset or a proven phone unlocks it. */
export async function clearAccountBudget(db: Db, userId: number): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.bucket, accountBucket(userId)));
}

const lockOf = (counted: boolean | null, retryAfter: number | null): AccountLock | undefined =>
  counted === false ? { code: 'account_locked', retryAfter: Math.max(1, Number(retryAfter)) } : undefined;

const budgetOnly = preparedOn((db) =>
  db
    .select({ counted: sql<boolean | null>`budget.counted`, retryAfter: sql<number | null>`budget.retry_after` })
    .from(accountBudgetHit({ userId: sql.placeholder('userId'), unknown: sql`null`, when: sql`true` }))
    .prepare('account_budget_hit'),
);

/**
 * Counts one second-factor (or other) guess for a known account against its budget, before
 * the guess is compared: the one call a verifier needs. Answers the lock when the budget is
 * spent (compare nothing then: answer 429 with Retry-After). Only a login that opens its
 * session clears the budget (src/login/repository.ts): a right password followed by wrong
 * codes keeps counting.
 */
export async function spendAccountBudget(ctx: ThrottleContext, userId: number): Promise<AccountLock | undefined> {
  const [row] = await budgetOnly(ctx.db).execute({ userId, ...budgetParams(ctx) });
  return lockOf(row!.counted, row!.retryAfter);
}

const passwordAttempt = preparedOn((db) =>
  db
    .select({
      hits: sql<number>`hit.hits`,
      retryAfter: sql<number>`hit.retry_after`,
      counted: sql<boolean | null>`budget.counted`,
      budgetRetryAfter: sql<number | null>`budget.retry_after`,
    })
    .from(rateLimitHit(sql.placeholder('bucket'), sql.placeholder('windowSeconds')))
    .leftJoinLateral(
      accountBudgetHit({ userId: sql.placeholder('userId'), unknown: sql`null`, when: sql`hit.hits <= ${sql.placeholder('max')}::integer` }),
      sql`true`,
    )
    .prepare('password_attempt'),
);

/**
 * A password of a signed-in account checked outside login (changing the password or the
 * phone, withdrawing): counted as a login attempt is, on the identifier and IP counter of
 * LOGIN_MAX_FAILURES and on the account's budget, in one statement, before the password is
 * compared. Answers the lock to refuse with, if any; {@link forgetPasswordFailures} after a
 * right password.
 */
export async function countPasswordAttempt(
  ctx: ThrottleContext,
  a: { userId: number; identifier: string; ip: string },
): Promise<AccountLock | undefined> {
  const limit = loginLimit(ctx, a.identifier, a.ip);
  const [row] = await passwordAttempt(ctx.db).execute({
    bucket: limit.bucket,
    windowSeconds: limit.windowSeconds,
    max: limit.max,
    userId: a.userId,
    ...budgetParams(ctx),
  });
  if (Number(row!.hits) > limit.max) return { code: 'login_locked', retryAfter: Math.max(1, Number(row!.retryAfter)) };
  return lockOf(row!.counted, row!.budgetRetryAfter);
}

/** Forgets the failures {@link countPasswordAttempt} counted, after a right password. */
export async function forgetPasswordFailures(ctx: ThrottleContext, a: { userId: number; identifier: string; ip: string }) {
  const limit = loginLimit(ctx, a.identifier, a.ip);
  await ctx.db.delete(rateLimits).where(inArray(rateLimits.bucket, [limit.bucket, accountBucket(a.userId)]));
}
