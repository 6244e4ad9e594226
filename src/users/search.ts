import { and, desc, eq, inArray, isNull, like, lt, type SQL, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { users, type UserRow } from '../db/schema/index.js';

/** What the admin API's `q` may match: an email prefix, a phone number (E.164), an id. */
export interface UserQuery {
  emailPrefix?: string | undefined;
  phoneNumber?: string | undefined;
  id?: number | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Accounts not withdrawn, newest (highest id) first, below `beforeId` when given; one more
 * than `limit` when there are more, so the caller knows whether to give a cursor. The ids
 * are chosen first, each reading of `q` on its own index (the email prefix from
 * users_email_prefix_id_idx alone, which holds the id), and only that page's rows are read.
 */
export async function searchUsers(db: Db, q: UserQuery, limit: number, beforeId?: number): Promise<UserRow[]> {
  const kept = (match?: SQL) => and(isNull(users.withdrawnAt), match, beforeId !== undefined ? lt(users.id, beforeId) : undefined);
  const ids = (match?: SQL) => db.select({ id: users.id }).from(users).where(kept(match)).orderBy(desc(users.id)).limit(limit + 1);
  const matches: SQL[] = [];
  if (q.emailPrefix !== undefined) matches.push(like(users.emailFolded, `${escapeLike(q.emailPrefix)}%`));
  if (q.phoneNumber !== undefined) matches.push(eq(users.phoneNumber, q.phoneNumber));
  if (q.id !== undefined) matches.push(eq(users.id, q.id));
  const [first = ids(), second, ...more] = matches.map((m) => ids(m));
  const chosen = second ? union(first, second, ...more) : first;
  return db
    .select()
    .from(users)
    .where(inArray(users.id, db.select({ id: sql<number>`id` }).from(chosen.as('chosen'))))
    .orderBy(desc(users.id))
    .limit(limit + 1);
}

/** An account that was not withdrawn. */
export async function findKeptUser(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.withdrawnAt))).limit(1);
  return row;
}
