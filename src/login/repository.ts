import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { users, type UserRow } from '../db/schema/index.js';
import { totpEnabledOf } from '../mfa/repository.js';
import { type NewSession, openSessionStatement, sessionValues } from '../sessions/repository.js';
import { accountBudgetHit, clearingBudgets } from '../throttle/account-budget.js';
import { clearingBucket, rateLimitHit } from '../throttle/repository.js';
import { markingImportedAccountUsed } from '../users/imported.js';
import { activeWithEmail, activeWithPhone, djangoHashesStored } from '../users/repository.js';

/*
 * A login makes two round trips, one on each side of the password hash: count the attempt
 * (per identifier and IP, and on the identifier's failure budget) and read the account (and
 * whether it has a second factor), then
 * forget the failures and open the session. Each pair is one
 * prepared statement, composed of the pieces each table's owner gives, so login spends
 * its CPU on argon2id rather than on round trips.
 */

const attemptBy = (name: string, match: SQL | undefined) =>
  preparedOn((db) =>
    db
      .select({
        attempts: sql<number>`hit.hits`,
        retryAfter: sql<number>`hit.retry_after`,
        budgetCounted: sql<boolean | null>`budget.counted`,
        budgetRetryAfter: sql<number | null>`budget.retry_after`,
        user: getTableColumns(users),
        totp: totpEnabledOf(users.id),
        djangoHashes: djangoHashesStored,
      })
      .from(rateLimitHit(sql.placeholder('bucket'), sql.placeholder('windowSeconds')))
      .leftJoin(users, match)
      // A password attempt the IP counter let through spends the identifier's budget too.
      .leftJoinLateral(
        accountBudgetHit({
          bucket: sql.placeholder('budget'),
          when: sql`${sql.placeholder('password')}::boolean and hit.hits <= ${sql.placeholder('max')}::integer`,
        }),
        sql`true`,
      )
      .prepare(name),
  );

const attemptByEmail = attemptBy('login_attempt_by_email', activeWithEmail(sql.placeholder('email')));
const attemptByPhone = attemptBy('login_attempt_by_phone', activeWithPhone(sql.placeholder('phone')));

export interface Attempt {
  /** Attempts in the current window, this one included. */
  attempts: number;
  retryAfter: number;
  /** Set when the identifier's failure budget is spent (password attempts only). */
  budgetSpent: { retryAfter: number } | undefined;
  /** The active account with that email or phone number, if any. */
  user: UserRow | undefined;
  /** The account has an authenticator app: the login takes a second step. */
  totp: boolean;
  /** Some account still holds a Django hash: a refused password waits for what one would cost. */
  djangoHashes: boolean;
}

export interface AttemptInput {
  /** The identifier and IP counter (loginLimit). */
  limit: { bucket: string; windowSeconds: number; max: number };
  /** A password attempt spends the identifier's budget; a key attempt does not. */
  password: boolean;
  /** The identifier's failure budget (identifierBudget), whether or not an account has it. */
  budgetBucket: string;
  budget: { accountMax: number; lockSeconds: number };
}

/**
 * Counts a login attempt on the identifier and IP counter and, for a password let through,
 * on the identifier's failure budget, and reads the active account it names: one statement.
 */
export async function countAttemptAndFindUser(
  db: Db,
  a: AttemptInput & ({ email: string } | { phone: string }),
): Promise<Attempt> {
  const params = {
    bucket: a.limit.bucket,
    windowSeconds: a.limit.windowSeconds,
    max: a.limit.max,
    password: a.password,
    budget: a.budgetBucket,
    ...a.budget,
  };
  const [row] =
    'email' in a
      ? await attemptByEmail(db).execute({ ...params, email: a.email })
      : await attemptByPhone(db).execute({ ...params, phone: a.phone });
  return {
    attempts: Number(row!.attempts),
    retryAfter: Math.max(1, Number(row!.retryAfter)),
    budgetSpent: row!.budgetCounted === false ? { retryAfter: Math.max(1, Number(row!.budgetRetryAfter)) } : undefined,
    user: row!.user ?? undefined,
    totp: row!.totp === true,
    djangoHashes: row!.djangoHashes === true,
  };
}

const openSession = preparedOn((db) => {
  const cleared = clearingBucket(db, sql.placeholder('clearBucket'));
  return openSessionStatement(db, 'open_session', [
    cleared,
    ...clearingBudgets(db, cleared),
    markingImportedAccountUsed(db, sql.placeholder('userId')),
  ]);
});

/**
 * What a session's opening clears: the identifier and IP counter the login spent (none for a
 * passkey), and the failure budgets of the account's identifiers (budgetsToClear) when the
 * login proved the password or the phone.
 */
export interface SessionClears {
  bucket: string | null;
  budgets?: { budgetEmail: string; budgetPhone: string };
}
const NO_BUDGETS = { budgetEmail: '', budgetPhone: '' };

/**
 * Opens a session and clears the login attempts counted on `clear.bucket` and the failure
 * budgets of the account's identifiers (a right password, or a key that proves the phone),
 * in one statement; an imported account is marked as used here.
 */
export async function openSessionClearing(db: Db, s: NewSession, clear: SessionClears): Promise<void> {
  await openSession(db).execute({ ...sessionValues(s), clearBucket: clear.bucket, ...(clear.budgets ?? NO_BUDGETS) });
}
