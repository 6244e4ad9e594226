import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { sessions, users, type UserRow } from '../db/schema.js';

const live = and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

export async function createSession(
  db: Db,
  s: { id: string; userId: number; refreshJtiHash: string; ttlSeconds: number; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values({
    id: s.id,
    userId: s.userId,
    refreshJtiHash: s.refreshJtiHash,
    expiresAt: sql`now() + ${s.ttlSeconds} * interval '1 second'`,
    ip: s.ip,
    userAgent: s.userAgent?.slice(0, 512) ?? null,
  });
}

/** The session is that user's, live, and the user active: the condition every token check uses. */
const liveSessionOf = and(
  eq(sessions.id, sql.placeholder('sessionId')),
  eq(sessions.userId, sql.placeholder('userId')),
  live,
  eq(users.isActive, true),
);

const sessionUser = preparedOn((db) =>
  db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(liveSessionOf)
    .limit(1)
    .prepare('find_session_user'),
);

const liveSession = preparedOn((db) =>
  db
    .select({ refreshJtiHash: sessions.refreshJtiHash })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(liveSessionOf)
    .limit(1)
    .prepare('find_live_session'),
);

/**
 * The user behind a live session, in one indexed query: the session is not revoked or
 * expired and the user is active. Every authenticated request runs it (nothing is
 * cached), so logout, password changes and withdrawal take effect at once.
 */
export async function findSessionUser(db: Db, sessionId: string, userId: number): Promise<UserRow | undefined> {
  const [row] = await sessionUser(db).execute({ sessionId, userId });
  return row?.user;
}

/** The refresh jti hash of a live session, if the session is live. */
export async function findLiveSession(db: Db, sessionId: string, userId: number) {
  const [row] = await liveSession(db).execute({ sessionId, userId });
  return row;
}

/** Swaps the session's refresh jti if it is still the presented one: of two racing refreshes, one wins. */
export async function rotateRefresh(
  db: Db,
  s: { sessionId: string; fromHash: string; toHash: string; ttlSeconds: number },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ refreshJtiHash: s.toHash, expiresAt: sql`now() + ${s.ttlSeconds} * interval '1 second'` })
    .where(and(eq(sessions.id, s.sessionId), eq(sessions.refreshJtiHash, s.fromHash), live))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes every live session of the user, except `keep` when given. */
export async function revokeUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined));
}
