import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { type PasskeyRow, passkeys, users, webauthnChallenges, webauthnUsers } from '../db/schema/index.js';
import { type ChangeSource, recordEvent } from '../events/record.js';
import { CEREMONY_SECONDS } from './settings.js';

/** The tables of passkeys: the credentials, each account's user handle, and the ceremonies' challenges. */

/** The account's user handle, made (32 random bytes) the first time it is asked for. */
export async function userHandle(db: Db, userId: number): Promise<Uint8Array> {
  await db.insert(webauthnUsers).values({ userId, handle: randomBytes(32) }).onConflictDoNothing({ target: webauthnUsers.userId });
  const [row] = await db.select({ handle: webauthnUsers.handle }).from(webauthnUsers).where(eq(webauthnUsers.userId, userId));
  return row!.handle;
}

export async function passkeysOf(db: Db, userId: number): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

export async function countPasskeys(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return Number(row?.n ?? 0);
}

/** The user's credentials as a ceremony's allow or exclude list names them. */
export async function credentialsOf(db: Db, userId: number) {
  const rows = await db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
  return rows;
}

/** A new challenge, alive CEREMONY_SECONDS. */
export async function storeChallenge(
  db: Db,
  c: { id: string; purpose: 'register' | 'login'; challenge: string; userId?: number; sessionId?: string },
): Promise<void> {
  await db.insert(webauthnChallenges).values({ ...c, expiresAt: sql`now() + ${CEREMONY_SECONDS} * interval '1 second'` });
}

const live = and(isNull(webauthnChallenges.usedAt), gt(webauthnChallenges.expiresAt, sql`now()`));

/**
 * Uses up the registration challenge the response carries, if it is a live one of this
 * account and this session: of two racing uses, one gets it.
 */
export async function consumeRegistrationChallenge(db: Db, c: { challenge: string; userId: number; sessionId: string }): Promise<boolean> {
  const rows = await db
    .update(webauthnChallenges)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(webauthnChallenges.challenge, c.challenge),
        eq(webauthnChallenges.purpose, 'register'),
        eq(webauthnChallenges.userId, c.userId),
        eq(webauthnChallenges.sessionId, c.sessionId),
        live,
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return rows.length === 1;
}

/** Uses up a live sign-in challenge by its id, answering the challenge; undefined when unknown, used or expired. */
export async function consumeLoginChallenge(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db
    .update(webauthnChallenges)
    .set({ usedAt: sql`now()` })
    .where(and(eq(webauthnChallenges.id, id), eq(webauthnChallenges.purpose, 'login'), live))
    .returning({ challenge: webauthnChallenges.challenge });
  return row?.challenge;
}

export type NewPasskey = Omit<typeof passkeys.$inferInsert, 'id' | 'createdAt' | 'lastUsedAt'>;

/** Stores a passkey and records `passkey.added`; undefined (nothing written) when its credential is already stored. */
export async function addPasskey(tx: Db, source: ChangeSource, p: NewPasskey): Promise<PasskeyRow | undefined> {
  const [row] = await tx.insert(passkeys).values(p).onConflictDoNothing({ target: passkeys.credentialId }).returning();
  if (row) await recordEvent(tx, source, 'passkey.added', { user_id: row.userId, passkey_id: row.id });
  return row;
}

export async function renamePasskey(db: Db, userId: number, id: string, name: string): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row;
}

/** Deletes one of the user's passkeys and records `passkey.removed`; false when it is not theirs. */
export async function removePasskey(tx: Db, source: ChangeSource, userId: number, id: string): Promise<boolean> {
  const rows = await tx
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id });
  if (rows.length) await recordEvent(tx, source, 'passkey.removed', { user_id: userId, passkey_id: id });
  return rows.length === 1;
}

/** A passkey by its credential id, with its account's user handle and identifiers, if that account is active. */
export async function findByCredential(db: Db, credentialId: string) {
  const [row] = await db
    .select({ passkey: passkeys, handle: webauthnUsers.handle, email: users.email, phoneNumber: users.phoneNumber })
    .from(passkeys)
    .innerJoin(users, and(eq(users.id, passkeys.userId), eq(users.isActive, true), isNull(users.withdrawnAt)))
    .leftJoin(webauthnUsers, eq(webauthnUsers.userId, passkeys.userId))
    .where(eq(passkeys.credentialId, credentialId));
  return row ? { ...row.passkey, handle: row.handle, account: { email: row.email, phoneNumber: row.phoneNumber } } : undefined;
}

/**
 * Takes a verified assertion's signature counter: it must go up, or stay 0 for an
 * authenticator that keeps none (synced passkeys). Compared and set in one statement, so of
 * two assertions racing with one counter value, one is taken. False: it went backwards or
 * repeated, the mark of a cloned authenticator.
 */
export async function takeCounter(db: Db, u: { id: string; userId: number; counter: number; backedUp: boolean }): Promise<boolean> {
  const rows = await db
    .update(passkeys)
    .set({ signCount: u.counter, backedUp: u.backedUp, lastUsedAt: sql`now()` })
    .where(
      and(
        eq(passkeys.id, u.id),
        eq(passkeys.userId, u.userId),
        sql`((${u.counter}::bigint = 0 and ${passkeys.signCount} = 0) or ${u.counter}::bigint > ${passkeys.signCount})`,
      ),
    )
    .returning({ id: passkeys.id });
  return rows.length === 1;
}

/** Withdrawal, in its transaction: the account's passkeys, user handle and pending ceremonies go (no events: `user.withdrawn` says it). */
export async function erasePasskeysOf(tx: Db, userId: number): Promise<void> {
  await tx.delete(passkeys).where(eq(passkeys.userId, userId));
  await tx.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, userId));
  await tx.delete(webauthnUsers).where(eq(webauthnUsers.userId, userId));
}

/** The sweep: up to `limit` challenges past their five minutes (webauthn_challenges_expires_idx); answers how many. */
export async function deleteExpiredWebAuthnChallenges(db: Db, limit: number): Promise<number> {
  const expires = sql`${webauthnChallenges.expiresAt}`;
  return deleteBatch(db, webauthnChallenges, sql`${expires} < now()`, expires, limit);
}
