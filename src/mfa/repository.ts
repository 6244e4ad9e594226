import { and, type Column, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { mfaRecoveryCodes, mfaTotp } from '../db/schema/index.js';

/** The tables of the second factor: an authenticator app (`mfa_totp`) and its recovery codes. */

/** Whether the user (a column or placeholder of the caller's statement) has an authenticator app confirmed. */
export const totpEnabledOf = (userId: SQL | Column) =>
  sql<boolean>`exists (select 1 from ${mfaTotp} where ${mfaTotp.userId} = ${userId} and ${mfaTotp.confirmedAt} is not null)`;

export async function totpEnabled(db: Db, userId: number): Promise<boolean> {
  const rows = await db
    .select({ userId: mfaTotp.userId })
    .from(mfaTotp)
    .where(and(eq(mfaTotp.userId, userId), isNotNull(mfaTotp.confirmedAt)))
    .limit(1);
  return rows.length === 1;
}

export interface TotpRow {
  secretSealed: string;
  confirmed: boolean;
}

export async function findTotp(db: Db, userId: number): Promise<TotpRow | undefined> {
  const [row] = await db
    .select({ secretSealed: mfaTotp.secretSealed, confirmed: sql<boolean>`${mfaTotp.confirmedAt} is not null` })
    .from(mfaTotp)
    .where(eq(mfaTotp.userId, userId))
    .limit(1);
  return row;
}

/**
 * A new pending secret for the user, replacing a pending one; answers false (writing
 * nothing) when an app is already confirmed.
 */
export async function savePendingTotp(db: Db, userId: number, secretSealed: string): Promise<boolean> {
  const rows = await db
    .insert(mfaTotp)
    .values({ userId, secretSealed })
    .onConflictDoUpdate({
      target: mfaTotp.userId,
      set: { secretSealed, createdAt: sql`now()`, lastUsedStep: null },
      setWhere: isNull(mfaTotp.confirmedAt),
    })
    .returning({ userId: mfaTotp.userId });
  return rows.length === 1;
}

/**
 * Confirms the pending secret that the code was checked against (`secretSealed`: not one a
 * newer enrolment put there meanwhile), taking the code's step as used. Of racing confirms, one wins.
 */
export async function confirmTotp(db: Db, c: { userId: number; secretSealed: string; step: number }): Promise<boolean> {
  const rows = await db
    .update(mfaTotp)
    .set({ confirmedAt: sql`now()`, lastUsedStep: c.step })
    .where(and(eq(mfaTotp.userId, c.userId), isNull(mfaTotp.confirmedAt), eq(mfaTotp.secretSealed, c.secretSealed)))
    .returning({ userId: mfaTotp.userId });
  return rows.length === 1;
}

/**
 * Takes a code's step as used if it is later than the last one taken: compare and set in
 * one statement, so a code is accepted once however many instances are asked at once.
 */
export async function useTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const rows = await db
    .update(mfaTotp)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(mfaTotp.userId, userId),
        isNotNull(mfaTotp.confirmedAt),
        or(isNull(mfaTotp.lastUsedStep), lt(mfaTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: mfaTotp.userId });
  return rows.length === 1;
}

/** The user's recovery codes become these (their HMACs); earlier ones stop working. */
export async function replaceRecoveryCodes(db: Db, userId: number, codeHashes: string[]): Promise<void> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await db.insert(mfaRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses a recovery code once: of racing uses, one gets the row. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, codeHash), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return rows.length === 1;
}

/** Turns the second factor off: the app's secret and every recovery code go. Answers whether there was one. */
export async function deleteSecondFactor(db: Db, userId: number): Promise<boolean> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  const rows = await db.delete(mfaTotp).where(eq(mfaTotp.userId, userId)).returning({ userId: mfaTotp.userId });
  return rows.length === 1;
}
