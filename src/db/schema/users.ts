import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Accounts. Email and phone are nullable only because withdrawal erases them; while an
 * account is active both are set. The id is an identity column and is never reused.
 */
export const users = pgTable(
  'users',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** As the user wrote it: trimmed, NFC, their own case. */
    email: text('email'),
    /** The email under the one case rule (foldEmail in src/email/address.ts): unique, and what every lookup compares. */
    emailFolded: text('email_folded'),
    phoneNumber: text('phone_number'),
    /** Null when never given, as the seed's model keeps it (see profileText in src/users/profile.ts). */
    name: text('name'),
    nickname: text('nickname'),
    passwordHash: text('password_hash'),
    isActive: boolean('is_active').notNull().default(true),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /**
     * For a user of the Django service: SHA-256 of its Django primary key. Kept when the
     * account is withdrawn, so that an import never brings it back.
     */
    djangoKey: text('django_key'),
    /**
     * When import-django last wrote the account. While it equals updated_at nothing here has
     * changed the account; a login clears it (login's open-session statement). Either way the
     * account then lives here and imports leave it alone.
     */
    djangoSyncedAt: timestamp('django_synced_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_folded_key').on(t.emailFolded),
    // The admin API's search by email prefix (`like 'kim%'`), whatever the database's collation:
    // the ids come from the index alone (an index-only scan), so only a page of rows is read.
    index('users_email_prefix_id_idx')
      .using('btree', t.emailFolded.op('text_pattern_ops'), t.id)
      .where(sql`${t.withdrawnAt} is null`),
    uniqueIndex('users_phone_number_key').on(t.phoneNumber),
    // Partial: accounts that signed up here (nearly all) add no entry to it.
    uniqueIndex('users_django_key_key').on(t.djangoKey).where(sql`${t.djangoKey} is not null`),
    // The imported accounts that still hold their Django hash (this service's own start with
    // `$`): login asks whether there are any (djangoHashesStored) at the cost of one probe.
    index('users_django_password_idx').on(t.id).where(sql`${t.djangoKey} is not null and ${t.passwordHash} not like '$%'`),
  ],
);

export type UserRow = typeof users.$inferSelect;

/**
 * What the request path needs to know about a user. The guard selects just these on every
 * authenticated request: no timestamps to parse, no flags nobody reads.
 */
export const userCoreColumns = {
  id: users.id,
  email: users.email,
  phoneNumber: users.phoneNumber,
  name: users.name,
  nickname: users.nickname,
  passwordHash: users.passwordHash,
};
export type UserCore = Pick<UserRow, keyof typeof userCoreColumns>;
