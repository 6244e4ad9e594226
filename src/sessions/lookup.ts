import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { batched } from '../db/batch.js';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { sessions, signingKeys, type UserCore, userCoreColumns, users } from '../db/schema/index.js';

/*
 * The sessions table as every token check reads it: the one statement an authenticated
 * request runs (findSessionUser) and the refresh's (findLiveSession).
 */

/** Neither revoked nor expired. */
export const live = and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

/** The session is that user's, live, and the user active: the condition every token check uses. */
const liveSessionOf = and(
  eq(sessions.id, sql.placeholder('sessionId')),
  eq(sessions.userId, sql.placeholder('userId')),
  live,
  eq(users.isActive, true),
);

/**
 * Whether the key that signed a token was revoked, asked in the statement that checks its
 * session, so revoking a key costs the request path no round trip and holds on every
 * instance at once. With the list form in sessionUsers, the only reads of signing_keys
 * outside src/signing-keys/. A kid that is not in the table (HS256's) is not revoked.
 */
const revokedKid = (kid: ReturnType<typeof sql.placeholder>) =>
  sql`exists (select 1 from ${signingKeys} where ${signingKeys.kid} = ${kid} and ${signingKeys.revokedAt} is not null)`;

/**
 * Many sessions' users at once, and which of the tokens' kids are revoked; ids and kids
 * are passed as comma lists, which both drivers bind alike.
 */
const sessionUsers = preparedOn((db) =>
  db
    .select({
      sessionId: sessions.id,
      sessionUserId: sessions.userId,
      ...userCoreColumns,
      revokedKids: sql<string | null>`(select string_agg(${signingKeys.kid}, ',') from ${signingKeys}
        where ${signingKeys.kid} = any(string_to_array(${sql.placeholder('kids')}, ',')) and ${signingKeys.revokedAt} is not null)`,
    })
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
    .where(and(liveSessionOf, sql`not ${revokedKid(sql.placeholder('kid'))}`))
    .limit(1)
    .prepare('find_live_session'),
);

/**
 * The user behind a token's live session: the session is not revoked or expired, the user
 * is active and the key that signed the token (`kid`) is not revoked. Every authenticated
 * request asks (nothing is cached), so logout, password changes, withdrawal and key
 * revocation take effect at once. Requests that arrive together share one `= any(…)` query
 * ({@link batched}); each answer is still as fresh as a query of its own.
 */
export const findSessionUser = (db: Db, sessionId: string, userId: number, kid: string): Promise<UserCore | undefined> =>
  sessionUserBatch(db, { sessionId, userId, kid });

const sessionUserBatch = batched(async (db, lookups: { sessionId: string; userId: number; kid: string }[]) => {
  const ids = [...new Set(lookups.map((l) => l.sessionId))].join(',');
  const kids = [...new Set(lookups.map((l) => l.kid))].join(',');
  const rows = await sessionUsers(db).execute({ ids, kids });
  const revoked = new Set(rows[0]?.revokedKids?.split(',') ?? []);
  const bySession = new Map(rows.map(({ revokedKids: _, ...user }) => [user.sessionId, user]));
  return lookups.map((l) => {
    const row = bySession.get(l.sessionId);
    return row && row.sessionUserId === l.userId && !revoked.has(l.kid) ? row : undefined;
  });
});

/** The refresh jti hash of a live session, if the session is live and the token's key (`kid`) not revoked. */
export async function findLiveSession(db: Db, sessionId: string, userId: number, kid: string) {
  const [row] = await liveSession(db).execute({ sessionId, userId, kid });
  return row;
}
