import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/**
 * The first step of a login that needs a second factor: its `mfa_token` (only an HMAC),
 * bound to the user, the first factor and the client (an HMAC of its IP and user agent, so
 * no personal data is kept), alive 5 minutes, used once, dead after 5 wrong codes.
 */
export const mfaChallenges = pgTable(
  'mfa_challenges',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    /** The first factor: `password`, `sms_key` or `social`. */
    method: text('method').notNull(),
    clientHash: text('client_hash').notNull(),
    /** The login counter (identifier and IP) the first step counted on, cleared when the session opens. */
    clearBucket: text('clear_bucket').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The challenge of `passkey_options` when the user has a passkey: a passkey may answer the second step instead of a code. */
    webauthnChallenge: text('webauthn_challenge'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** A social identity to link when the second step succeeds (src/identities/sealing.ts), sealed with the token's HMAC as context. */
    pendingLinkSealed: text('pending_link_sealed'),
  },
  (t) => [index('mfa_challenges_expires_idx').on(t.expiresAt)],
);
