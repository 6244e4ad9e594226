import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Throttle counters. A window opens at a bucket's first hit and lasts its length; they live
 * in the database, updated by atomic upserts, so every instance behind a load balancer
 * sees the same counts. Bucket names hold HMACs, not phone numbers or emails.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').primaryKey(),
    count: integer('count').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);
