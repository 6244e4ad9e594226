import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { phoneVerifications as pv } from '../db/schema.js';

const seconds = (n: number) => sql`now() + ${n} * interval '1 second'`;

/** The conditions under which a key can still be used. */
const pending = (phone: string, maxAttempts: number) =>
  and(
    eq(pv.phoneNumber, phone),
    isNull(pv.usedAt),
    isNull(pv.retiredAt),
    lt(pv.attempts, maxAttempts),
    gt(pv.expiresAt, sql`now()`),
  );

export async function insertKey(
  db: Db,
  v: { phone: string; keyHash: string; ttlSeconds: number; ip: string | null },
): Promise<number> {
  const [row] = await db
    .insert(pv)
    .values({ phoneNumber: v.phone, keyHash: v.keyHash, expiresAt: seconds(v.ttlSeconds), requestIp: v.ip })
    .returning({ id: pv.id });
  return row!.id;
}

export async function deleteKey(db: Db, id: number): Promise<void> {
  await db.delete(pv).where(eq(pv.id, id));
}

/**
 * A new key retires the phone's earlier pending ones; only earlier ones (ids grow in the
 * order the per-phone lock lets keys in), not one a later request added meanwhile.
 */
export async function retireOlderKeys(db: Db, phone: string, keepId: number): Promise<void> {
  await db
    .update(pv)
    .set({ retiredAt: sql`now()` })
    .where(and(eq(pv.phoneNumber, phone), lt(pv.id, keepId), isNull(pv.usedAt), isNull(pv.retiredAt)));
}

/**
 * Marks a pending key used in one statement, so of two requests racing on one key exactly
 * one gets the row. With `token`, the verification token is issued on the same row.
 */
export async function useKey(
  db: Db,
  v: { phone: string; keyHash: string; maxAttempts: number; token?: { hash: string; ttlSeconds: number } },
): Promise<boolean> {
  const rows = await db
    .update(pv)
    .set({
      usedAt: sql`now()`,
      ...(v.token ? { tokenHash: v.token.hash, tokenExpiresAt: seconds(v.token.ttlSeconds) } : {}),
    })
    .where(and(pending(v.phone, v.maxAttempts), eq(pv.keyHash, v.keyHash)))
    .returning({ id: pv.id });
  return rows.length === 1;
}

/** A wrong key counts against the phone's pending keys; at the limit they are dead. */
export async function countWrongKey(db: Db, phone: string, maxAttempts: number): Promise<void> {
  await db
    .update(pv)
    .set({ attempts: sql`${pv.attempts} + 1` })
    .where(pending(phone, maxAttempts));
}

/** Consumes a verification token issued for `phone`, atomically: the first caller wins. */
export async function consumeToken(db: Db, v: { tokenHash: string; phone: string }): Promise<boolean> {
  const rows = await db
    .update(pv)
    .set({ tokenUsedAt: sql`now()` })
    .where(
      and(
        eq(pv.tokenHash, v.tokenHash),
        eq(pv.phoneNumber, v.phone),
        isNull(pv.tokenUsedAt),
        gt(pv.tokenExpiresAt, sql`now()`),
      ),
    )
    .returning({ id: pv.id });
  return rows.length === 1;
}

/** Serializes key requests for one phone until the end of the transaction, on every instance. */
export async function lockPhone(tx: Db, phone: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`phone-verify:${phone}`}, 0))`);
}

/**
 * The phone's pending keys: how many, and the seconds until the newest is older than
 * `cooldown` (0 when none is that young).
 */
export async function pendingKeys(
  db: Db,
  phone: string,
  cooldownSeconds: number,
  maxAttempts: number,
): Promise<{ count: number; cooldownLeft: number }> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      left: sql<number>`ceil(${cooldownSeconds} - extract(epoch from (now() - max(${pv.createdAt}))))::int`,
    })
    .from(pv)
    .where(pending(phone, maxAttempts));
  const left = Number(row?.left ?? 0);
  return { count: Number(row?.count ?? 0), cooldownLeft: left > 0 ? left : 0 };
}
