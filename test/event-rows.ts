import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { eventDeliveries, eventOutbox, events } from '../src/db/schema/index.js';

/*
 * Where each event is on its way to the webhook receiver, read from where the service now
 * keeps it: the outbox (pending, failed), event_deliveries (delivered: when, after how many
 * attempts), the columns events_legacy kept from before the partitioning, and else skipped
 * (a type not sent, or no receiver configured when it was recorded).
 */

export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type EventWithDelivery = typeof events.$inferSelect & {
  deliveryState: DeliveryState;
  attempts: number;
  /** When it is next tried; for an event out of the outbox (none to come), when it was recorded. */
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastError: string | null;
};

export async function eventsWithDelivery(db: Db): Promise<EventWithDelivery[]> {
  const rows = await db
    .select({ e: events, o: eventOutbox, d: eventDeliveries })
    .from(events)
    .leftJoin(eventOutbox, eq(eventOutbox.seq, events.seq))
    .leftJoin(eventDeliveries, and(eq(eventDeliveries.seq, events.seq), eq(eventDeliveries.occurredAt, events.occurredAt)))
    .orderBy(asc(events.seq));
  return rows.map(({ e, o, d }) => {
    const legacy = e.legacyDeliveryState as DeliveryState | 'carried' | null;
    const deliveryState: DeliveryState = o ? o.state : d ? 'delivered' : legacy && legacy !== 'carried' ? legacy : 'skipped';
    return {
      ...e,
      deliveryState,
      attempts: o?.attempts ?? d?.attempts ?? e.legacyAttempts ?? 0,
      nextAttemptAt: o?.nextAttemptAt ?? e.legacyNextAttemptAt ?? e.occurredAt,
      deliveredAt: d?.deliveredAt ?? e.legacyDeliveredAt,
      lastError: o ? o.lastError : d ? null : e.legacyLastError,
    };
  });
}

/** Puts a recorded event where an event in `state` is: the outbox, or event_deliveries (one attempt). */
export async function setDeliveryState(db: Db, seq: number, state: DeliveryState) {
  // From the event's row: occurred_at has microseconds, which a JavaScript Date would lose.
  if (state === 'pending' || state === 'failed') {
    await db.execute(sql`insert into event_outbox (seq, occurred_at, event_id, type, state)
      select seq, occurred_at, id, type, ${state} from events where seq = ${seq}`);
  } else if (state === 'delivered') {
    await db.execute(sql`insert into event_deliveries (seq, occurred_at, attempts) select seq, occurred_at, 1 from events where seq = ${seq}`);
  }
}
