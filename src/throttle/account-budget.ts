import { eq, type Placeholder, sql, type SQL, type WithSubquery } from 'drizzle-orm';
import { secretHash } from '../crypto/keyed-hash.js';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { rateLimits } from '../db/schema/index.js';
import { foldEmail } from '../email/address.js';
import { loginLimit, type ThrottleContext } from './limits.js';
import { rateLimitHit } from './repository.js';

/*
 * The failure budgets (LOGIN_MAX_ACCOUNT_FAILURES, LOGIN_ACCOUNT_LOCK_SECONDS): password
 * and second-factor guesses from every IP together, one budget per identifier an account
 * logs in with (its folded email, its E.164 phone number), whether or not an account has
 * it. Each attempt is counted before its secret is compared
 * (src/throttle/sql/account_budget_hit.sql), and a success (login, password reset) deletes
 * the account's counts. A spent budget locks password login with that identifier only:
 * SMS-key login proves the phone and stays open, so an attacker cannot lock the owner out.
 *
 * One budget per identifier rather than per account (issue 24, finding 10): a lock spent
 * through the email showed on the phone number, so one wrong login per candidate number
 * told which phone was that email's. The price: whoever knows both identifiers of an
 * account gets a budget on each.
 */

/** The budget of one identifier, a folded email or an E.164 number: keyed, so the table holds neither. */
export const identifierBudget = (ctx: ThrottleContext, identifier: string) =>
  `login-budget:${secretHash(ctx.config.secretKey, 'throttle', identifier)}`;

/** What an account is known by: its email (or phone number), as login and loginLimit name it. */
export const accountIdentifier = (user: { email: string | null; phoneNumber: string | null }) =>
  user.email ? foldEmail(user.email) : (user.phoneNumber ?? '');

/**
 * The budget the account's own guesses spend (its second-factor codes, its password checked
 * in a signed-in change): its email's, which the first step's password spends too when it names it.
 */
export const accountBudget = (ctx: ThrottleContext, user: { email: string | null; phoneNumber: string | null }) =>
  identifierBudget(ctx, accountIdentifier(user));

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
 * One attempt against a budget, as the lateral row source `budget` of a caller's statement
 * (`budget.hits`, `budget.retry_after`, `budget.counted`: false when the budget is spent),
 * with the placeholders of {@link budgetParams}. It counts nothing unless `when` holds.
 */
export const accountBudgetHit = (a: { bucket: SQL | Placeholder; when: SQL }) =>
  sql`account_budget_hit(
    case when ${a.when} then ${a.bucket}::text end,
    ${sql.placeholder('accountMax')}::integer, ${sql.placeholder('lockSeconds')}::integer) as budget`;

/**
 * Forgets the budgets named by the placeholders `budgetEmail` and `budgetPhone` (an empty
 * name deletes nothing), as the CTEs `cleared_budget` and `cleared_phone_budget` of a
 * caller's statement, after the CTE `after` has run. A statement runs its CTEs in no
 * promised order (PostgreSQL runs unread ones last first), and the attempt statement locks
 * the login counter before a budget: one that clears them must lock them in that order too,
 * and the email's budget before the phone's as {@link clearAccountBudgets} does, or two
 * of them deadlock.
 */
export function clearingBudgets(db: Db, after: WithSubquery) {
  const clearing = (name: string, placeholder: string, before: WithSubquery) =>
    db
      .$with(name, { bucket: sql<string>`bucket` })
      .as(
        sql`delete from ${rateLimits} where ${rateLimits.bucket} = ${sql.placeholder(placeholder)}::text
          and (select count(*) from ${before}) >= 0 returning ${rateLimits.bucket}`,
      );
  const email = clearing('cleared_budget', 'budgetEmail', after);
  return [email, clearing('cleared_phone_budget', 'budgetPhone', email)] as const;
}

/** The placeholders of {@link clearingBudgets} for the account's budgets, the email's first. */
export const budgetsToClear = (ctx: ThrottleContext, user: { email: string | null; phoneNumber: string | null }) => ({
  budgetEmail: user.email ? identifierBudget(ctx, foldEmail(user.email)) : '',
  budgetPhone: user.phoneNumber ? identifierBudget(ctx, user.phoneNumber) : '',
});

/** Forgets the budgets of each identifier of the account, the email's first: a password reset or a proven phone unlocks it. */
export async function clearAccountBudgets(db: Db, ctx: ThrottleContext, user: { email: string | null; phoneNumber: string | null }) {
  const { budgetEmail, budgetPhone } = budgetsToClear(ctx, user);
  for (const bucket of [budgetEmail, budgetPhone]) if (bucket) await db.delete(rateLimits).where(eq(rateLimits.bucket, bucket));
}

const lockOf = (counted: boolean | null, retryAfter: number | null): AccountLock | undefined =>
  counted === false ? { code: 'account_locked', retryAfter: Math.max(1, Number(retryAfter)) } : undefined;

const budgetOnly = preparedOn((db) =>
  db
    .select({ counted: sql<boolean | null>`budget.counted`, retryAfter: sql<number | null>`budget.retry_after` })
    .from(accountBudgetHit({ bucket: sql.placeholder('bucket'), when: sql`true` }))
    .prepare('account_budget_hit'),
);

/** One attempt on `bucket`, a budget of `accountMax` attempts locking for `lockSeconds`: the lock, if it is spent. */
export async function hitBudget(ctx: ThrottleContext, b: { bucket: string; accountMax: number; lockSeconds: number }) {
  const [row] = await budgetOnly(ctx.db).execute(b);
  return lockOf(row!.counted, row!.retryAfter);
}

/**
 * Counts one second-factor (or other) guess of a known account against its budget
 * ({@link accountBudget}), before the guess is compared: the one call a verifier needs.
 * Answers the lock when the budget is spent (compare nothing then: answer 429 with
 * Retry-After). Only a login that opens its session clears the budget
 * (src/login/repository.ts): a right password followed by wrong codes keeps counting.
 */
export async function spendAccountBudget(ctx: ThrottleContext, user: { email: string | null; phoneNumber: string | null }) {
  return hitBudget(ctx, { bucket: accountBudget(ctx, user), ...budgetParams(ctx) });
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
      accountBudgetHit({ bucket: sql.placeholder('budget'), when: sql`hit.hits <= ${sql.placeholder('max')}::integer` }),
      sql`true`,
    )
    .prepare('password_attempt'),
);

/**
 * A password of a signed-in account checked outside login (changing the password or the
 * phone, withdrawing): counted as a login attempt with the account's email is, on the
 * identifier and IP counter of LOGIN_MAX_FAILURES and on the budget, in one statement,
 * before the password is compared. Answers the lock to refuse with, if any;
 * {@link forgetPasswordFailures} after a right password.
 */
export async function countPasswordAttempt(
  ctx: ThrottleContext,
  a: { user: { email: string | null; phoneNumber: string | null }; ip: string },
): Promise<AccountLock | undefined> {
  const limit = loginLimit(ctx, accountIdentifier(a.user), a.ip);
  const [row] = await passwordAttempt(ctx.db).execute({
    bucket: limit.bucket,
    windowSeconds: limit.windowSeconds,
    max: limit.max,
    budget: accountBudget(ctx, a.user),
    ...budgetParams(ctx),
  });
  if (Number(row!.hits) > limit.max) return { code: 'login_locked', retryAfter: Math.max(1, Number(row!.retryAfter)) };
  return lockOf(row!.counted, row!.budgetRetryAfter);
}

/** Forgets the failures {@link countPasswordAttempt} counted, and the account's budgets, after a right password. */
export async function forgetPasswordFailures(ctx: ThrottleContext, a: { user: { email: string | null; phoneNumber: string | null }; ip: string }) {
  const limit = loginLimit(ctx, accountIdentifier(a.user), a.ip);
  // The login counter first, as a login locks it; one row a statement.
  await ctx.db.delete(rateLimits).where(eq(rateLimits.bucket, limit.bucket));
  await clearAccountBudgets(ctx.db, ctx, a.user);
}
