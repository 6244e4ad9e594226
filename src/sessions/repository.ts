import { and, count, eq, gt, isNull, ne, sql, type WithSubquery } from 'drizzle-orm';
import { batched } from '../db/batch.js';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { sessions, type UserCore, userCoreColumns, users } from '../db/schema.js';

/** Neither revoked nor expired. */
const live = and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

/** The session is that user's, live, and the user active: the condition every token check uses. */
const liveSessionOf = and(
  eq(sessions.id, sql.placeholder('sessionId')),
  eq(sessions.userId, sql.placeholder('userId')),
  live,
  eq(users.isActive, true),
);

/** Many sessions' users at once; the ids are passed as one comma list, which both drivers bind alike. */
const sessionUsers = preparedOn((db) =>
  db
    .select({ sessionId: sessions.id, sessionUserId: sessions.userId, ...userCoreColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        sql`${sessions.id} = any(string_to_array(${sql.placeholder('ids')}, ',')::uuid[])`,
        live,
        eq(users.isActive, true),
      ),
    )
    .prepare('find_session_users'),
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
 * The user behind a live session: the session is not revoked or expired and the user is
 * active. Every authenticated request asks (nothing is cached), so logout, password
 * changes and withdrawal take effect at once. Requests that arrive together share one
 * `= any(…)` query ({@link batched}); each answer is still as fresh as a query of its own.
 */
export const findSessionUser = (db: Db, sessionId: string, userId: number): Promise<UserCore | undefined> =>
  sessionUserBatch(db, { sessionId, userId });

const sessionUserBatch = batched(async (db, lookups: { sessionId: string; userId: number }[]) => {
  const ids = [...new Set(lookups.map((l) => l.sessionId))].join(',');
  const bySession = new Map((await sessionUsers(db).execute({ ids })).map((r) => [r.sessionId, r]));
  return lookups.map((l) => {
    const row = bySession.get(l.sessionId);
    return row && row.sessionUserId === l.userId ? row : undefined;
  });
});

/** The refresh jti hash of a live session, if the session is live. */
export async function findLiveSession(db: Db, sessionId: string, userId: number) {
  const [row] = await liveSession(db).execute({ sessionId, userId });
  return row;
}

export interface NewSession {
  id: string;
  userId: number;
  refreshJtiHash: string;
  ttlSeconds: number;
  ip: string | null;
  userAgent: string | null;
}

/**
 * The prepared insert of a new session (its placeholders are those of {@link NewSession}),
 * with `alongside` run in the same statement, so a caller that has more to write spends no
 * round trip on it.
 */
export function openSessionStatement(db: Db, name: string, alongside: WithSubquery[]) {
  return db
    .with(...alongside)
    .insert(sessions)
    .values({
      id: sql.placeholder('id'),
      userId: sql.placeholder('userId'),
      refreshJtiHash: sql.placeholder('refreshJtiHash'),
      expiresAt: sql`now() + ${sql.placeholder('ttlSeconds')}::integer * interval '1 second'`,
      ip: sql.placeholder('ip'),
      userAgent: sql.placeholder('userAgent'),
    })
    .prepare(name);
}

/** The values of a {@link NewSession} as {@link openSessionStatement} binds them. */
export const sessionValues = (s: NewSession) => ({ ...s, userAgent: s.userAgent?.slice(0, 512) ?? null });

/**
 * Swaps the session's refresh jti if it is still the presented one, noting when: of two
 * racing refreshes, one wins.
 */
export async function rotateRefresh(
  db: Db,
  s: { sessionId: string; fromHash: string; toHash: string; ttlSeconds: number },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({
      refreshJtiHash: s.toHash,
      refreshRotatedAt: sql`now()`,
      expiresAt: sql`now() + ${s.ttlSeconds} * interval '1 second'`,
    })
    .where(and(eq(sessions.id, s.sessionId), eq(sessions.refreshJtiHash, s.fromHash), live))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/** The live session's refresh jti is `toHash`, put there by a rotation less than `withinSeconds` ago. */
export async function rotatedTo(db: Db, s: { sessionId: string; toHash: string; withinSeconds: number }): Promise<boolean> {
  if (s.withinSeconds <= 0) return false;
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, s.sessionId),
        eq(sessions.refreshJtiHash, s.toHash),
        gt(sessions.refreshRotatedAt, sql`now() - ${s.withinSeconds} * interval '1 second'`),
        live,
      ),
    )
    .limit(1);
  return rows.length === 1;
}

/**
 * Revokes the session whose refresh token is the presented one (`jtiHash`); a retired
 * token revokes nothing. Answers whether the token was the session's.
 */
export async function revokeSessionOfRefresh(db: Db, sessionId: string, jtiHash: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, now())` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.refreshJtiHash, jtiHash)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * Revokes every session of the user not revoked yet, except `keep` when given; their
 * access tokens stop at once. Answers how many it revoked.
 */
export async function revokeUserSessions(db: Db, userId: number, keep?: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Withdrawal: every session of the user is revoked and forgets the client it was opened
 * from (IP and user agent), ended ones too, in the withdrawal's transaction.
 */
export async function revokeAndForgetUserSessions(db: Db, userId: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, now())`, ip: null, userAgent: null })
    .where(eq(sessions.userId, userId));
}

export async function countLiveSessions(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), live));
  return row?.n ?? 0;
}

/** Sessions that ended (revoked or expired) long ago; a month of margin keeps them for support questions. */
export async function deleteEndedSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(sql`coalesce(${sessions.revokedAt}, ${sessions.expiresAt}) < now() - interval '30 days'`);
}
