import { and, asc, count, desc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { events } from '../db/schema/index.js';

/*
 * The events table as the webhooks' outbox: the delivery columns, claimed, settled, listed
 * and swept here (src/events/record.ts is the one place events are inserted).
 */

export type EventRow = typeof events.$inferSelect;

/**
 * Claims up to `limit` pending events that are due, oldest first, and leases them for
 * `leaseSeconds`: the attempt is counted and `next_attempt_at` moved past the lease in the
 * claiming statement, so no other instance claims them meanwhile (SKIP LOCKED passes over
 * the rows another instance is claiming right now) and a process that dies mid-delivery
 * leaves them to be claimed again once the lease ends.
 */
export async function claimDue(db: Db, limit: number, leaseSeconds: number): Promise<EventRow[]> {
  const due = db
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.deliveryState, 'pending'), sql`${events.nextAttemptAt} <= now()`))
    .orderBy(asc(events.nextAttemptAt), asc(events.seq))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(events)
    .set({ attempts: sql`${events.attempts} + 1`, nextAttemptAt: sql`now() + ${leaseSeconds} * interval '1 second'` })
    .where(inArray(events.seq, due))
    .returning();
}

/** Types EVENTS_WEBHOOK_TYPES leaves out are never sent: they are only the audit log. */
export async function skipUnsent(db: Db, sentTypes: readonly string[]): Promise<void> {
  await db
    .update(events)
    .set({ deliveryState: 'skipped' })
    .where(and(eq(events.deliveryState, 'pending'), notInArray(events.type, [...sentTypes])));
}

export async function markDelivered(db: Db, seq: number): Promise<void> {
  await db.update(events).set({ deliveryState: 'delivered', deliveredAt: sql`now()`, lastError: null }).where(eq(events.seq, seq));
}

/** A failed attempt: tried again after `retryInSeconds`, or kept as failed once `failed`. */
export async function markAttemptFailed(db: Db, seq: number, error: string, next: { failed: true } | { retryInSeconds: number }) {
  await db
    .update(events)
    .set(
      'failed' in next
        ? { deliveryState: 'failed', lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + ${next.retryInSeconds} * interval '1 second'` },
    )
    .where(and(eq(events.seq, seq), eq(events.deliveryState, 'pending')));
}

/** The failed events, newest first. */
export async function listFailed(db: Db, limit: number): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.deliveryState, 'failed')).orderBy(desc(events.seq)).limit(limit);
}

/** A failed event sent again, from its first attempt. Answers false if there is no failed event with that id. */
export async function retryFailed(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(events)
    .set({ deliveryState: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
    .where(and(eq(events.id, id), eq(events.deliveryState, 'failed')))
    .returning({ seq: events.seq });
  return rows.length === 1;
}

/** How many events are pending and failed (the metrics' gauges). */
export async function countByState(db: Db): Promise<{ pending: number; failed: number }> {
  const rows = await db
    .select({ state: events.deliveryState, n: count() })
    .from(events)
    .where(inArray(events.deliveryState, ['pending', 'failed']))
    .groupBy(events.deliveryState);
  const of = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
  return { pending: of('pending'), failed: of('failed') };
}

/**
 * Deletes the events older than `days` that are done with: delivered or never to be sent,
 * and pending ones too when nothing sends (`sending` false). Failed ones stay, for the operator.
 */
export async function sweepOldEvents(db: Db, days: number, sending: boolean): Promise<void> {
  const done = inArray(events.deliveryState, sending ? ['delivered', 'skipped'] : ['delivered', 'skipped', 'pending']);
  await db.delete(events).where(and(done, lt(events.occurredAt, sql`now() - ${days} * interval '1 day'`)));
}
