import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every change to an account, recorded in the transaction that makes it: the audit log,
 * kept AUDIT_RETENTION_DAYS. `seq` orders them and is what cursors page by; `id` is the
 * event's public id (the webhook-id), time-ordered (UUID v7). The table is partitioned by
 * `occurred_at` (docs/event-storage.md): retention drops whole partitions, and a row is
 * never updated after its insert but by a withdrawal's erasure. The partitions, their
 * primary keys (`seq`) and the default partition are made by event_partitions_ensure
 * (src/events/sql/), which drizzle-kit does not know of.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).notNull().default(sql`nextval('events_seq_seq'::regclass)`),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** `user`, `admin:<api key id>`, `cli` or `system`. */
    actor: text('actor').notNull(),
    ip: text('ip'),
    userId: bigint('user_id', { mode: 'number' }),
    data: jsonb('data').notNull(),
    /*
     * Where events recorded before the partitioning were on their way to the webhook
     * receiver, kept in place by the conversion (drizzle/0030): set only in the partition
     * events_legacy, null in every later row (which the outbox and event_deliveries
     * describe). A migration drops them once retention has dropped events_legacy.
     */
    legacyDeliveryState: text('delivery_state'),
    legacyAttempts: integer('attempts'),
    legacyNextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    legacyDeliveredAt: timestamp('delivered_at', { withTimezone: true }),
    legacyLastError: text('last_error'),
  },
  (t) => [index('events_user_seq_idx').on(t.userId, t.seq), index('events_type_seq_idx').on(t.type, t.seq)],
);

/** Where an event is on its way to the webhook receiver: in the outbox until a 2xx, `failed` after EVENTS_MAX_ATTEMPTS. */
export const OUTBOX_STATES = ['pending', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * The webhooks' outbox: one small row per event still to be sent (`pending`) or given up
 * on (`failed`, kept for the operator). A row leaves when its event is delivered, so the
 * table holds the backlog, not the history, and vacuum keeps up with it. The trigger
 * events_to_outbox (event_to_outbox) enqueues each recorded event whose type is in
 * event_subscriptions, in the recording statement. While an attempt is in flight
 * `next_attempt_at` is its lease: no other instance claims the row before then.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    /** The event's `occurred_at`: with `seq`, where its row is (the partition key). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    state: text('state').$type<OutboxState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why the last attempt failed (`HTTP 503`, `timeout`…), never the receiver's body. */
    lastError: text('last_error'),
  },
  (t) => [
    // What the sender claims next.
    index('event_outbox_due_idx').on(t.nextAttemptAt, t.seq).where(sql`${t.state} = 'pending'`),
    index('event_outbox_failed_idx').on(t.eventId).where(sql`${t.state} = 'failed'`),
  ],
);

/**
 * When each event was delivered, and after how many attempts: appended as its outbox row
 * leaves, never updated, partitioned like `events` (same bounds, dropped together).
 */
export const eventDeliveries = pgTable('event_deliveries', {
  seq: bigint('seq', { mode: 'number' }).notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull().defaultNow(),
  attempts: integer('attempts').notNull(),
});

/**
 * The event types the webhook sender sends (EVENTS_WEBHOOK_TYPES), written by the service
 * as it starts; empty without EVENTS_WEBHOOK_URL, so that no event waits in the outbox for
 * a sender that does not exist. `*` (every type) until a service has started: a database
 * just migrated keeps every event to be sent, as before the outbox had a table.
 */
export const eventSubscriptions = pgTable('event_subscriptions', {
  type: text('type').primaryKey(),
});
