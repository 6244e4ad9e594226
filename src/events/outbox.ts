import { and, asc, count, desc, eq, inArray, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOn } from '../db/prepared.js';
import { eventDeliveries, eventOutbox, events, eventSubscriptions } from '../db/schema/index.js';

/*
 * The webhooks' outbox (src/db/schema/events.ts): claimed, settled, listed and swept here.
 * Events enter it as they are recorded (the trigger events_to_outbox) when their type is
 * subscribed; src/events/record.ts is still the one place events are inserted.
 */

export type EventRow = typeof events.$inferSelect;

/** A claimed event: what the receiver gets, and the attempt this is. */
export interface ClaimedEvent {
  seq: number;
  id: string;
  type: string;
  occurredAt: Date;
  data: unknown;
  attempts: number;
}

/**
 * Claims up to `limit` pending events that are due, oldest first, and leases them for
 * `leaseSeconds`: the attempt is counted and `next_attempt_at` moved past the lease in the
 * claiming statement, so no other instance claims them meanwhile (SKIP LOCKED passes over
 * the rows another instance is claiming right now) and a process that dies mid-delivery
 * leaves them to be claimed again once the lease ends. The events themselves are read by
 * `seq` in the partition their `occurred_at` names.
 */
export async function claimDue(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedEvent[]> {
  const due = db
    .select({ seq: eventOutbox.seq })
    .from(eventOutbox)
    .where(and(eq(eventOutbox.state, 'pending'), lte(eventOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(eventOutbox.nextAttemptAt), asc(eventOutbox.seq))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(eventOutbox)
    .set({ attempts: sql`${eventOutbox.attempts} + 1`, nextAttemptAt: sql`now() + ${leaseSeconds} * interval '1 second'` })
    .where(inArray(eventOutbox.seq, due))
    .returning({ seq: eventOutbox.seq, attempts: eventOutbox.attempts });
  if (claimed.length === 0) return [];
  const found = await claimedEvents(db).execute({ seqs: claimed.map((c) => c.seq).join(',') });
  const bySeq = new Map(found.map((e) => [e.seq, e]));
  // An entry whose event is gone (a table emptied by hand) has nothing left to send.
  const orphans = claimed.filter((c) => !bySeq.has(c.seq)).map((c) => c.seq);
  if (orphans.length) await db.delete(eventOutbox).where(inArray(eventOutbox.seq, orphans));
  return claimed.flatMap((c) => {
    const e = bySeq.get(c.seq);
    return e ? [{ ...e, attempts: c.attempts }] : [];
  });
}

/**
 * The events of outbox entries, each read by `seq` in the one partition its `occurred_at`
 * names (joined in SQL: occurred_at has microseconds, which a JavaScript Date would lose).
 * Prepared, so its plan over the partitions is made once per connection, not per claim.
 */
const claimedEvents = preparedOn((db) =>
  db
    .select({ seq: events.seq, id: events.id, type: events.type, occurredAt: events.occurredAt, data: events.data })
    .from(eventOutbox)
    .innerJoin(events, and(eq(events.seq, eventOutbox.seq), eq(events.occurredAt, eventOutbox.occurredAt)))
    .where(sql`${eventOutbox.seq} = any(string_to_array(${sql.placeholder('seqs')}, ',')::bigint[])`)
    .prepare('claimed_events'),
);

/** Delivered: the row leaves the outbox, and event_deliveries notes when and after how many attempts. */
export async function markDelivered(db: Db, seq: number): Promise<void> {
  await db.execute(sql`with gone as (delete from ${eventOutbox} where ${eventOutbox.seq} = ${seq} returning seq, occurred_at, attempts)
    insert into ${eventDeliveries} (seq, occurred_at, attempts) select seq, occurred_at, attempts from gone`);
}

/** A failed attempt: tried again after `retryInSeconds`, or kept as failed once `failed`. */
export async function markAttemptFailed(db: Db, seq: number, error: string, next: { failed: true } | { retryInSeconds: number }) {
  await db
    .update(eventOutbox)
    .set(
      'failed' in next
        ? { state: 'failed', lastError: error }
        : { lastError: error, nextAttemptAt: sql`now() + ${next.retryInSeconds} * interval '1 second'` },
    )
    .where(and(eq(eventOutbox.seq, seq), eq(eventOutbox.state, 'pending')));
}

/** The failed events, newest first. */
export async function listFailed(db: Db, limit: number) {
  return db
    .select({
      id: eventOutbox.eventId,
      type: eventOutbox.type,
      userId: events.userId,
      occurredAt: eventOutbox.occurredAt,
      attempts: eventOutbox.attempts,
      lastError: eventOutbox.lastError,
    })
    .from(eventOutbox)
    .leftJoin(events, and(eq(events.seq, eventOutbox.seq), eq(events.occurredAt, eventOutbox.occurredAt)))
    .where(eq(eventOutbox.state, 'failed'))
    .orderBy(desc(eventOutbox.seq))
    .limit(limit);
}

/** A failed event sent again, from its first attempt. Answers false if there is no failed event with that id. */
export async function retryFailed(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(eventOutbox)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
    .where(and(eq(eventOutbox.eventId, id), eq(eventOutbox.state, 'failed')))
    .returning({ seq: eventOutbox.seq });
  return rows.length === 1;
}

/** How many events are pending and failed (the metrics' gauges): each count reads its partial index of the outbox. */
export async function countByState(db: Db): Promise<{ pending: number; failed: number }> {
  const of = (state: 'pending' | 'failed') => db.select({ n: count() }).from(eventOutbox).where(eq(eventOutbox.state, state));
  const [[pending], [failed]] = await Promise.all([of('pending'), of('failed')]);
  return { pending: pending?.n ?? 0, failed: failed?.n ?? 0 };
}

/**
 * What the sender sends: the trigger enqueues only events of these types (none: nothing
 * is enqueued), in place of what was there (`*`, every type, on a database no service has
 * started on yet). Pending events of the other types leave the outbox, a batch at a time.
 */
export async function subscribe(db: Db, types: readonly string[]): Promise<void> {
  await db.delete(eventSubscriptions).where(types.length ? notInArray(eventSubscriptions.type, [...types]) : undefined);
  if (types.length) await db.insert(eventSubscriptions).values(types.map((type) => ({ type }))).onConflictDoNothing();
  while ((await dropPending(db, types, 1000)) === 1000);
}

/** Deletes up to `limit` pending events whose type is not in `kept` (every one when it is empty); answers how many. */
export async function dropPending(db: Db, kept: readonly string[], limit: number): Promise<number> {
  const unsent: SQL | undefined = kept.length ? notInArray(eventOutbox.type, [...kept]) : undefined;
  const victims = db
    .select({ seq: eventOutbox.seq })
    .from(eventOutbox)
    .where(and(eq(eventOutbox.state, 'pending'), unsent))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.delete(eventOutbox).where(inArray(eventOutbox.seq, victims)).returning({ seq: eventOutbox.seq });
  return rows.length;
}

/**
 * The pending events of before the partitioning (drizzle/0030), of the types sent, into
 * the outbox: up to `limit` of them, marked `carried` where they are; answers how many.
 * The senders run it as they start; nothing is left to carry once it answers 0.
 */
export async function carryLegacyPending(db: Db, types: readonly string[], limit: number): Promise<number> {
  if (types.length === 0) return 0;
  const [legacy] = rowsOf<{ present: boolean }>(await db.execute(sql`select to_regclass('events_legacy') is not null as present`));
  if (!legacy?.present) return 0;
  const sent = sql.join(
    types.map((t) => sql`${t}`),
    sql`, `,
  );
  const carried = rowsOf<{ seq: unknown }>(
    await db.execute(sql`with carried as (
        update events_legacy set delivery_state = 'carried'
        where seq in (select seq from events_legacy where delivery_state = 'pending' and type in (${sent})
          order by seq limit ${limit} for update skip locked)
        returning seq, occurred_at, id, type, attempts, next_attempt_at, last_error)
      insert into ${eventOutbox} (seq, occurred_at, event_id, type, attempts, next_attempt_at, last_error)
      select seq, occurred_at, id, type, attempts, next_attempt_at, last_error from carried
      on conflict do nothing returning seq`),
  );
  return carried.length;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
