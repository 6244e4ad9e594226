import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { socialSignups } from '../db/schema/index.js';

/** The social_signups table: a new identity waiting for its phone, found by the HMAC of its social_token, used once. */

export async function insertSignup(db: Db, s: { tokenHash: string; identitySealed: string; ttlSeconds: number }): Promise<void> {
  await db
    .insert(socialSignups)
    .values({ tokenHash: s.tokenHash, identitySealed: s.identitySealed, expiresAt: sql`now() + ${s.ttlSeconds} * interval '1 second'` });
}

const live = (tokenHash: string) =>
  and(eq(socialSignups.tokenHash, tokenHash), isNull(socialSignups.usedAt), gt(socialSignups.expiresAt, sql`now()`));

/** The identity of a live sign-up, without using it (a refused sign-up leaves it usable). */
export async function findSignup(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db.select({ identitySealed: socialSignups.identitySealed }).from(socialSignups).where(live(tokenHash)).limit(1);
  return row?.identitySealed;
}

/** Uses it once, in the transaction of the sign-up: of racing sign-ups, one wins. */
export async function useSignup(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await db.update(socialSignups).set({ usedAt: sql`now()`, identitySealed: '' }).where(live(tokenHash)).returning({ tokenHash: socialSignups.tokenHash });
  return rows.length === 1;
}

/**
 * The sweep: up to `limit` sign-ups past their lifetime or used, in the order of
 * social_signups_expires_idx (the table holds minutes of sign-ups); answers how many.
 */
export async function deleteEndedSignups(db: Db, limit: number): Promise<number> {
  const ended = or(lt(socialSignups.expiresAt, sql`now()`), isNotNull(socialSignups.usedAt))!;
  return deleteBatch(db, socialSignups, ended, sql`${socialSignups.expiresAt}`, limit);
}
