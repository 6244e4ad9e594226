import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/**
 * A login. The refresh token belongs to it; revoking it stops its access tokens at once.
 * The id is a UUID v7 (time-ordered), so new sessions land at the right edge of its index.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    /** HMAC of the jti of the refresh token currently valid for this session. */
    refreshJtiHash: text('refresh_jti_hash').notNull(),
    /** When rotation last replaced that refresh token: the one it replaced stays good for the reuse interval. */
    refreshRotatedAt: timestamp('refresh_rotated_at', { withTimezone: true }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** When /login/refresh last gave the session an access token: what its owner sees as last active. */
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
    /** The client the session was opened from (the user agent cut to 256 characters), shown to its owner. */
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    // When the session ended or will end: what the sweep deletes by (deleteEndedSessions).
    index('sessions_ended_idx').on(sql`coalesce(${t.revokedAt}, ${t.expiresAt})`),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
