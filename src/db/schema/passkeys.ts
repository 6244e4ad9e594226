import { bigint, boolean, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/** Bytes as PostgreSQL's bytea, read back as a Uint8Array on PGlite and node-postgres alike. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * The WebAuthn user handle of an account: 32 random bytes, never the numeric id, so a
 * passkey carries nothing personal and a handle is never reused for another account.
 */
export const webauthnUsers = pgTable('webauthn_users', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id),
  handle: bytea('handle').notNull().unique(),
});

/**
 * A user's passkeys: the credential's id (base64url, as the browser names it), its COSE
 * public key and the signature counter the last assertion reported (0 forever for synced
 * passkeys). `backed_up` is the authenticator's BS flag, refreshed at every use.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    credentialId: text('credential_id').notNull().unique(),
    publicKey: bytea('public_key').notNull(),
    /** COSE algorithm: -7 (ES256) or -257 (RS256). */
    algorithm: integer('algorithm').notNull(),
    signCount: bigint('sign_count', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    backupEligible: boolean('backup_eligible').notNull(),
    backedUp: boolean('backed_up').notNull(),
    aaguid: text('aaguid').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_id_idx').on(t.userId)],
);

export type PasskeyRow = typeof passkeys.$inferSelect;

/**
 * The challenges of registration and sign-in ceremonies: single use (`used_at`, set by the
 * one statement that consumes it), alive 5 minutes. A registration's is bound to the account
 * and the session that proved it was its owner; a sign-in's to nobody until it is answered.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid('id').primaryKey(),
    /** `register` or `login`. */
    purpose: text('purpose').notNull(),
    /** base64url, as in the options: signed by the authenticator, no secret. */
    challenge: text('challenge').notNull(),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id),
    sessionId: uuid('session_id'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt), index('webauthn_challenges_user_id_idx').on(t.userId)],
);
