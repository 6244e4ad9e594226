import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { rateLimits, sessions, users, type UserRow } from '../db/schema.js';
import { emailIs } from '../users/repository.js';

/*
 * A login makes two round trips, one on each side of the password hash: count the attempt
 * and read the account, then forget the failures and open the session. Each pair is one
 * prepared statement (a data-modifying WITH), so login spends its CPU on argon2id rather
 * than on socket writes and query planning.
 */

const expired = sql`${rateLimits.expiresAt} <= now()`;
const window = sql`${sql.placeholder('windowSeconds')}::integer * interval '1 second'`;

/** Counts one attempt on the bucket (a closed window restarts at 1), answering the count and the window's end. */
const countAttempt = sql`insert into ${rateLimits} (bucket, count, window_start, expires_at)
  values (${sql.placeholder('bucket')}, 1, now(), now() + ${window})
  on conflict (bucket) do update set
    count = case when ${expired} then 1 else ${rateLimits.count} + 1 end,
    window_start = case when ${expired} then now() else ${rateLimits.windowStart} end,
    expires_at = case when ${expired} then now() + ${window} else ${rateLimits.expiresAt} end
  returning count as attempts, ceil(extract(epoch from (expires_at - now())))::int as retry_after`;

const attemptBy = (name: string, match: SQL) =>
  preparedOn((db) => {
    const hit = db
      .$with('hit', { attempts: sql<number>`attempts`, retryAfter: sql<number>`retry_after` })
      .as(countAttempt);
    return db
      .with(hit)
      .select({ attempts: sql<number>`hit.attempts`, retryAfter: sql<number>`hit.retry_after`, user: getTableColumns(users) })
      .from(hit)
      .leftJoin(users, and(match, eq(users.isActive, true)))
      .prepare(name);
  });

const attemptByEmail = attemptBy('login_attempt_by_email', emailIs(sql.placeholder('email')));
const attemptByPhone = attemptBy('login_attempt_by_phone', eq(users.phoneNumber, sql.placeholder('phone')));

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

const openSessionStatement = preparedOn((db) => {
  const cleared = db
    .$with('cleared', { bucket: sql<string>`bucket` })
    .as(sql`delete from ${rateLimits} where ${rateLimits.bucket} = ${sql.placeholder('clearBucket')} returning ${rateLimits.bucket}`);
  return db
    .with(cleared)
    .insert(sessions)
    .values({
      id: sql.placeholder('id'),
      userId: sql.placeholder('userId'),
      refreshJtiHash: sql.placeholder('refreshJtiHash'),
      expiresAt: sql`now() + ${sql.placeholder('ttlSeconds')}::integer * interval '1 second'`,
      ip: sql.placeholder('ip'),
      userAgent: sql.placeholder('userAgent'),
    })
    .prepare('open_session');
});

/** Opens a session and clears the login attempts counted on `clearBucket`, in one statement. */
export async function openSessionClearing(
  db: Db,
  s: { id: string; userId: number; refreshJtiHash: string; ttlSeconds: number; ip: string | null; userAgent: string | null },
  clearBucket: string,
): Promise<void> {
  await openSessionStatement(db).execute({ ...s, userAgent: s.userAgent?.slice(0, 512) ?? null, clearBucket });
}
