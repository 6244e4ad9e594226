import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { users, type UserRow } from '../db/schema.js';
import { type NewSession, openSessionStatement, sessionValues } from '../sessions/repository.js';
import { clearingBucket, rateLimitHit } from '../throttle/repository.js';
import { activeWithEmail, activeWithPhone } from '../users/repository.js';

/*
 * A login makes two round trips, one on each side of the password hash: count the attempt
 * and read the account, then forget the failures and open the session. Each pair is one
 * prepared statement, composed of the pieces each table's owner gives, so login spends
 * its CPU on argon2id rather than on round trips.
 */

const attemptBy = (name: string, match: SQL | undefined) =>
  preparedOn((db) =>
    db
      .select({ attempts: sql<number>`hit.hits`, retryAfter: sql<number>`hit.retry_after`, user: getTableColumns(users) })
      .from(rateLimitHit(sql.placeholder('bucket'), sql.placeholder('windowSeconds')))
      .leftJoin(users, match)
      .prepare(name),
  );

const attemptByEmail = attemptBy('login_attempt_by_email', activeWithEmail(sql.placeholder('email')));
const attemptByPhone = attemptBy('login_attempt_by_phone', activeWithPhone(sql.placeholder('phone')));

export interface Attempt {
  /** Attempts in the current window, this one included. */
  attempts: number;
  retryAfter: number;
  /** The active account with that email or phone number, if any. */
  user: UserRow | undefined;
}

/** Counts a login attempt on `bucket` and reads the active account it names, in one statement. */
export async function countAttemptAndFindUser(
  db: Db,
  a: { bucket: string; windowSeconds: number } & ({ email: string } | { phone: string }),
): Promise<Attempt> {
  const [row] =
    'email' in a
      ? await attemptByEmail(db).execute({ bucket: a.bucket, windowSeconds: a.windowSeconds, email: a.email })
      : await attemptByPhone(db).execute({ bucket: a.bucket, windowSeconds: a.windowSeconds, phone: a.phone });
  return { attempts: Number(row!.attempts), retryAfter: Math.max(1, Number(row!.retryAfter)), user: row!.user ?? undefined };
}

const openSession = preparedOn((db) =>
  openSessionStatement(db, 'open_session', [clearingBucket(db, sql.placeholder('clearBucket'))]),
);

/** Opens a session and clears the login attempts counted on `clearBucket`, in one statement. */
export async function openSessionClearing(db: Db, s: NewSession, clearBucket: string): Promise<void> {
  await openSession(db).execute({ ...sessionValues(s), clearBucket });
}
