import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Where an event is on its way to the webhook receiver (src/events/delivery.ts). */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * Every change to an account, recorded in the transaction that makes it (the audit log and
 * the webhooks' outbox in one). `seq` orders them and is what cursors page by; `id` is the
 * event's public id (the webhook-id). The delivery columns belong to the webhook sender:
 * `pending` until a 2xx (`delivered`), `failed` after EVENTS_MAX_ATTEMPTS, `skipped` for a
 * type EVENTS_WEBHOOK_TYPES leaves out. While an attempt is in flight `next_attempt_at` is
 * its lease: no other instance claims the event before then.
 */
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** `user`, `admin:<api key id>`, `cli` or `system`. */
    actor: text('actor').notNull(),
    ip: text('ip'),
    userId: bigint('user_id', { mode: 'number' }),
    data: jsonb('data').notNull(),
    deliveryState: text('delivery_state').$type<DeliveryState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** Why the last attempt failed (`HTTP 503`, `timeout`…), never the receiver's body. */
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('events_id_key').on(t.id),
    index('events_user_seq_idx').on(t.userId, t.seq),
    index('events_type_seq_idx').on(t.type, t.seq),
    // What the sender claims next; delivered events leave it.
    index('events_pending_idx').on(t.nextAttemptAt, t.seq).where(sql`${t.deliveryState} = 'pending'`),
    index('events_failed_idx').on(t.seq).where(sql`${t.deliveryState} = 'failed'`),
    // The retention sweep's range: rows are appended in time order, so a BRIN index is a few pages.
    index('events_occurred_at_idx').using('brin', t.occurredAt),
  ],
);
