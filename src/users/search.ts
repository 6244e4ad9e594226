import { and, desc, eq, isNull, like, lt, or, type SQL } from 'drizzle-orm';
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
 * than `limit` when there are more, so the caller knows whether to give a cursor.
 */
export async function searchUsers(db: Db, q: UserQuery, limit: number, beforeId?: number): Promise<UserRow[]> {
  const matches: SQL[] = [];
  if (q.emailPrefix !== undefined) matches.push(like(users.emailFolded, `${escapeLike(q.emailPrefix)}%`));
  if (q.phoneNumber !== undefined) matches.push(eq(users.phoneNumber, q.phoneNumber));
  if (q.id !== undefined) matches.push(eq(users.id, q.id));
  const given = q.emailPrefix !== undefined || q.phoneNumber !== undefined || q.id !== undefined;
  return db
    .select()
    .from(users)
    .where(and(isNull(users.withdrawnAt), given ? or(...matches) : undefined, beforeId !== undefined ? lt(users.id, beforeId) : undefined))
    .orderBy(desc(users.id))
    .limit(limit + 1);
}

/** An account that was not withdrawn. */
export async function findKeptUser(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.withdrawnAt))).limit(1);
  return row;
}
