import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/**
 * Social identities linked to accounts (src/identities/): one per provider and account, one
 * account per identity. `issuer` and `subject` are the provider's names for the person;
 * `client_id` the client its tokens were issued to. Tokens kept to undo the link at the
 * provider (refresh tokens) are sealed (src/crypto/envelope.ts), with the identity's key as
 * context. The row is deleted at unlinking and withdrawal, never kept.
 */
export const socialIdentities = pgTable(
  'social_identities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    provider: text('provider').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    clientId: text('client_id').notNull(),
    /** What the provider said the email was, as a reminder in the list of linked accounts. */
    email: text('email'),
    tokensSealed: text('tokens_sealed'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('social_identities_key').on(t.provider, t.issuer, t.subject),
    // Also the index of an account's identities.
    uniqueIndex('social_identities_user_provider_key').on(t.userId, t.provider),
  ],
);

/** Where a provider revocation is: `pending` until done (the row is then deleted), `failed` after EVENTS_MAX_ATTEMPTS. */
export type RevocationState = 'pending' | 'failed';

/**
 * The outbox of unlinking at the provider (Kakao unlink, token revocation), filled in the
 * transaction that unlinks or withdraws, sent after the commit by src/social/revoker.ts and
 * retried like events. It holds only the provider's names for the person and the sealed
 * tokens; a row is deleted once done, or swept AUDIT_RETENTION_DAYS after it failed.
 * While an attempt is in flight `next_attempt_at` is its lease.
 */
export const providerRevocations = pgTable(
  'provider_revocations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    clientId: text('client_id').notNull(),
    tokensSealed: text('tokens_sealed'),
    state: text('state').$type<RevocationState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why the last attempt failed (`HTTP 503`, `timeout`…), never the provider's words. */
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('provider_revocations_due_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index('provider_revocations_failed_idx').on(t.createdAt).where(sql`${t.state} = 'failed'`),
  ],
);
