import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { oidcClients, oidcPayloads, sessions } from '../db/schema/index.js';
import { preparedOn } from '../db/prepared.js';
import { type ChangeSource, recordEvent } from '../events/record.js';
import { live } from '../sessions/lookup.js';
import { upsertPayload } from './payloads.js';

/*
 * What the rest of the service asks of oidc_payloads: the apps a user allowed, taking one
 * back, a withdrawal's erasure, the sweep, and the tie between the provider's sign-in
 * session and the service's own session.
 */

export interface AllowedApp {
  client_id: string;
  name: string;
  first_party: boolean;
  scopes: string[];
  granted_at: string;
}

/** The apps the user allowed (first-party ones included), each once, the most recent first. */
export async function listAllowedApps(db: Db, userId: number): Promise<AllowedApp[]> {
  const rows = await db
    .select({
      clientId: oidcPayloads.clientId,
      name: oidcClients.name,
      firstParty: oidcClients.firstParty,
      scope: sql<string | null>`${oidcPayloads.payload}->'openid'->>'scope'`,
      iat: sql<string>`${oidcPayloads.payload}->>'iat'`,
    })
    .from(oidcPayloads)
    .innerJoin(oidcClients, eq(oidcClients.clientId, oidcPayloads.clientId))
    .where(
      and(
        eq(oidcPayloads.model, 'Grant'),
        eq(oidcPayloads.accountId, userId),
        sql`(${oidcPayloads.expiresAt} is null or ${oidcPayloads.expiresAt} > now())`,
        sql`${oidcClients.revokedAt} is null`,
      ),
    )
    .orderBy(desc(sql`(${oidcPayloads.payload}->>'iat')::bigint`));
  const apps = new Map<string, AllowedApp>();
  for (const row of rows) {
    const app = apps.get(row.clientId!) ?? {
      client_id: row.clientId!,
      name: row.name,
      first_party: row.firstParty,
      scopes: [],
      granted_at: new Date(Number(row.iat) * 1000).toISOString(),
    };
    for (const scope of (row.scope ?? '').split(' ').filter(Boolean)) if (!app.scopes.includes(scope)) app.scopes.push(scope);
    apps.set(row.clientId!, app);
  }
  return [...apps.values()];
}

/**
 * The user takes an app's permission back: its grants, codes and tokens are deleted (its
 * access tokens die at once) with `oidc.consent_revoked`, in one transaction. False when
 * the user had not allowed that app.
 */
export async function revokeAllowedApp(db: Db, source: ChangeSource, userId: number, clientId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(oidcPayloads)
      .where(and(eq(oidcPayloads.accountId, userId), eq(oidcPayloads.clientId, clientId)))
      .returning({ model: oidcPayloads.model });
    if (!gone.some((row) => row.model === 'Grant')) return false;
    await recordEvent(tx, source, 'oidc.consent_revoked', { user_id: userId, client_id: clientId });
    return true;
  });
}

/**
 * Withdrawal, in its transaction: every grant, code, token, sign-in session and interaction
 * of the account. Nothing the apps hold for it works afterwards.
 */
export async function eraseOidcOf(tx: Tx, userId: number): Promise<void> {
  await tx.delete(oidcPayloads).where(eq(oidcPayloads.accountId, userId));
}

/** Up to `limit` rows past their lifetime, which the provider ignores already (oidc_payloads_expires_idx); answers how many. */
export async function deleteExpiredOidcPayloads(db: Db, limit: number): Promise<number> {
  const expires = sql`${oidcPayloads.expiresAt}`;
  return deleteBatch(db, oidcPayloads, sql`${expires} < now()`, expires, limit);
}

/** A Grant of the user for the client still in force (consent given in another browser), if any. */
export async function findGrantId(db: Db, userId: number, clientId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: oidcPayloads.id })
    .from(oidcPayloads)
    .where(
      and(
        eq(oidcPayloads.model, 'Grant'),
        eq(oidcPayloads.accountId, userId),
        eq(oidcPayloads.clientId, clientId),
        sql`(${oidcPayloads.expiresAt} is null or ${oidcPayloads.expiresAt} > now())`,
      ),
    )
    .orderBy(desc(sql`(${oidcPayloads.payload}->>'iat')::bigint`))
    .limit(1);
  return row?.id;
}

/**
 * Ties the provider's sign-in session (its uid) to the service session the user signed in
 * with on the pages: logging out there, "log out everywhere", a password reset or a
 * withdrawal ends the single sign-on too.
 */
export async function bindSession(db: Db, opSessionUid: string, s: { sessionId: string; userId: number; ttlSeconds: number }): Promise<void> {
  await upsertPayload(db, 'SessionBinding', opSessionUid, { sessionId: s.sessionId, accountId: String(s.userId) }, s.ttlSeconds);
}

const boundLive = preparedOn((db) =>
  db
    .select({ id: sessions.id })
    .from(oidcPayloads)
    .innerJoin(sessions, and(sql`${sessions.id}::text = ${oidcPayloads.payload}->>'sessionId'`, eq(sessions.userId, oidcPayloads.accountId)))
    .where(and(eq(oidcPayloads.model, 'SessionBinding'), eq(oidcPayloads.id, sql.placeholder('uid')), eq(oidcPayloads.accountId, sql.placeholder('userId')), live))
    .limit(1)
    .prepare('oidc_bound_session_live'),
);

/** Whether the sign-in session `uid` of `userId` is tied to a service session that is still live. */
export async function boundSessionLive(db: Db, uid: string, userId: number): Promise<boolean> {
  return (await boundLive(db).execute({ uid, userId })).length > 0;
}

/** When a live service session of the user was opened (a login's time, for `auth_time`). */
export async function sessionOpenedAt(db: Db, sessionId: string, userId: number): Promise<Date | undefined> {
  const [row] = await db
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), live));
  return row?.createdAt;
}
