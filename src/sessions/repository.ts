import { and, count, desc, eq, gt, isNull, max, ne, sql, type WithSubquery } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { sessions } from '../db/schema/index.js';
import { type ChangeSource, recordEvent, recordingEvent, type RevokeReason, type SessionMethod } from '../events/record.js';
import { live } from './lookup.js';

/*
 * Opening and revoking sessions record `session.created` and `session.revoked`: opening in
 * the same statement, revoking in the caller's transaction (the revocations take a Tx).
 */

export interface NewSession {
  id: string;
  userId: number;
  refreshJtiHash: string;
  ttlSeconds: number;
  ip: string | null;
  userAgent: string | null;
  method: SessionMethod;
}

/**
 * The prepared insert of a new session (its placeholders are those of {@link NewSession})
 * and of its `session.created` event (actor `user`: a session is opened by its user logging
 * in), with `alongside` run in the same statement, so a caller that has more to write spends
 * no round trip on it.
 */
export function openSessionStatement(db: Db, name: string, alongside: WithSubquery[]) {
  const created = recordingEvent(db, 'session.created', {
    actor: sql`'user'`,
    ip: sql.placeholder('ip'),
    userId: sql.placeholder('userId'),
    data: {
      user_id: sql`${sql.placeholder('userId')}::bigint`,
      session_id: sql`${sql.placeholder('id')}::text`,
      method: sql`${sql.placeholder('method')}::text`,
    },
  });
  return db
    .with(...alongside, created)
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

/** The values of a {@link NewSession} as {@link openSessionStatement} binds them; its owner sees the user agent, cut to 256 characters. */
export const sessionValues = (s: NewSession) => ({ ...s, userAgent: s.userAgent?.slice(0, 256) ?? null });

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
      refreshedAt: sql`now()`,
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

/** Notes that the session was just refreshed (rotation notes it as it rotates). */
export async function markRefreshed(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ refreshedAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

export interface SessionListing {
  id: string;
  createdAt: Date;
  refreshedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

/** The user's live sessions, newest first: where they are logged in. */
export async function listLiveSessions(db: Db, userId: number): Promise<SessionListing[]> {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, refreshedAt: sessions.refreshedAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), live))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
}

/** Revokes one live session of the user; answers false when it is not theirs or not live. */
export async function revokeSessionOfUser(db: Db, userId: number, sessionId: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), live))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/**
 * Logout: revokes the session whose refresh token is the presented one (`jtiHash`); a
 * retired token revokes nothing. Answers whether the token was the session's (a session
 * already revoked answers true and records nothing more).
 */
export async function revokeSessionOfRefresh(tx: Tx, source: ChangeSource, sessionId: string, jtiHash: string): Promise<boolean> {
  const ofToken = and(eq(sessions.id, sessionId), eq(sessions.refreshJtiHash, jtiHash));
  const [revoked] = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(ofToken, isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  if (revoked) {
    await recordEvent(tx, source, 'session.revoked', { user_id: revoked.userId, session_ids: [sessionId], reason: 'logout' });
    return true;
  }
  return (await tx.select({ id: sessions.id }).from(sessions).where(ofToken).limit(1)).length === 1;
}

/** Revokes one session, if it is not revoked yet. */
export async function revokeSession(tx: Tx, source: ChangeSource, sessionId: string, reason: RevokeReason): Promise<void> {
  const [revoked] = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  if (revoked) await recordEvent(tx, source, 'session.revoked', { user_id: revoked.userId, session_ids: [sessionId], reason });
}

/**
 * Revokes every live session of the user, except `keep` when given; their access tokens
 * stop at once. Answers how many it revoked (one event names them all; none, no event).
 */
export async function revokeUserSessions(
  tx: Tx,
  source: ChangeSource,
  userId: number,
  reason: RevokeReason,
  keep?: string,
): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), live, keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  if (rows.length) {
    await recordEvent(tx, source, 'session.revoked', { user_id: userId, session_ids: rows.map((r) => r.id), reason });
  }
  return rows.length;
}

/**
 * Withdrawal: every session of the user, ended ones too, forgets the client it was opened
 * from (IP and user agent), in the withdrawal's transaction, after revokeUserSessions.
 */
export async function forgetSessionClients(tx: Tx, userId: number): Promise<void> {
  await tx
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

/**
 * Up to `limit` sessions that ended (revoked or expired) long ago, found through
 * sessions_ended_idx; a month of margin keeps them for support questions. Answers how
 * many it deleted.
 */
export async function deleteEndedSessions(db: Db, limit: number): Promise<number> {
  const ended = sql`coalesce(${sessions.revokedAt}, ${sessions.expiresAt})`;
  return deleteBatch(db, sessions, sql`${ended} < now() - interval '30 days'`, ended, limit);
}

/** When the user's newest session was opened (their last login), among the sessions kept. */
export async function lastSessionOpenedAt(db: Db, userId: number): Promise<Date | null> {
  const [row] = await db.select({ at: max(sessions.createdAt) }).from(sessions).where(eq(sessions.userId, userId));
  return row?.at ?? null;
}
