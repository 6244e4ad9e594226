import { and, asc, count, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { providerRevocations } from '../db/schema/index.js';

/*
 * The outbox of undoing links at the providers (provider_revocations): filled in the
 * transaction of an unlink or a withdrawal, claimed and settled by the revoker
 * (src/social/revoker.ts) after the commit, as the webhook sender does with events.
 */

export type RevocationRow = typeof providerRevocations.$inferSelect;
export type NewRevocation = Pick<RevocationRow, 'provider' | 'issuer' | 'subject' | 'clientId' | 'tokensSealed'>;

export async function enqueueRevocations(tx: Tx, rows: NewRevocation[]): Promise<void> {
  if (rows.length) await tx.insert(providerRevocations).values(rows);
}

/**
 * Claims up to `limit` due revocations and leases them for `leaseSeconds`: the attempt is
 * counted and `next_attempt_at` moved past the lease in the claiming statement, so no other
 * instance claims them meanwhile, and one claimed by a process that died is claimed again later.
 */
export async function claimDueRevocations(db: Db, limit: number, leaseSeconds: number): Promise<RevocationRow[]> {
  const due = db
    .select({ id: providerRevocations.id })
    .from(providerRevocations)
    .where(and(eq(providerRevocations.state, 'pending'), sql`${providerRevocations.nextAttemptAt} <= now()`))
    .orderBy(asc(providerRevocations.nextAttemptAt), asc(providerRevocations.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(providerRevocations)
    .set({ attempts: sql`${providerRevocations.attempts} + 1`, nextAttemptAt: sql`now() + ${leaseSeconds} * interval '1 second'` })
    .where(inArray(providerRevocations.id, due))
    .returning();
}

/** Done at the provider: nothing of the person is kept. */
export async function settleRevocation(db: Db, id: number): Promise<void> {
  await db.delete(providerRevocations).where(eq(providerRevocations.id, id));
}

/** A failed attempt: tried again after `retryInSeconds`, or kept as failed once `failed`. */
export async function failRevocationAttempt(db: Db, id: number, error: string, next: { failed: true } | { retryInSeconds: number }) {
  await db
    .update(providerRevocations)
    .set(
      'failed' in next
        ? { state: 'failed', lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + ${next.retryInSeconds} * interval '1 second'` },
    )
    .where(and(eq(providerRevocations.id, id), eq(providerRevocations.state, 'pending')));
}

/** How many revocations are pending and failed (the metrics' gauges). */
export async function countRevocations(db: Db): Promise<{ pending: number; failed: number }> {
  const rows = await db
    .select({ state: providerRevocations.state, n: count() })
    .from(providerRevocations)
    .groupBy(providerRevocations.state);
  const of = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
  return { pending: of('pending'), failed: of('failed') };
}

/**
 * The sweep: failed revocations are kept for the operator AUDIT_RETENTION_DAYS, then
 * forgotten, up to `limit` at a time (provider_revocations_failed_idx); answers how many.
 */
export async function sweepFailedRevocations(db: Db, days: number, limit: number): Promise<number> {
  const old = and(eq(providerRevocations.state, 'failed'), lt(providerRevocations.createdAt, sql`now() - ${days} * interval '1 day'`))!;
  return deleteBatch(db, providerRevocations, old, sql`${providerRevocations.createdAt}`, limit);
}
