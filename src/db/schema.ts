import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

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
    /** The email's key (emailKey in src/users/email.ts): unique, and what every lookup compares. */
    emailKey: text('email_key'),
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
    uniqueIndex('users_email_key_key').on(t.emailKey),
    // The admin API's search by email prefix (`like 'kim%'`), whatever the database's collation.
    index('users_email_key_prefix_idx').using('btree', t.emailKey.op('text_pattern_ops')),
    uniqueIndex('users_phone_number_key').on(t.phoneNumber),
    // Partial: accounts that signed up here (nearly all) add no entry to it.
    uniqueIndex('users_django_key_key').on(t.djangoKey).where(sql`${t.djangoKey} is not null`),
  ],
);

/**
 * One row per SMS key sent. Only HMACs of the key and of the verification token are
 * stored. A key is pending while it is neither used, retired nor dead and not expired.
 */
export const phoneVerifications = pgTable(
  'phone_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phoneNumber: text('phone_number').notNull(),
    keyHash: text('key_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the key is confirmed or used to log in: a key works once. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** Set when a newer key for the same phone was sent. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    tokenUsedAt: timestamp('token_used_at', { withTimezone: true }),
    requestIp: text('request_ip'),
    /**
     * The number's country calling code (`82`), for the conversion breaker: set on keys that
     * were counted as sent, so a confirm counts for its country; null on test numbers' keys.
     */
    countryCode: text('country_code'),
  },
  (t) => [
    index('phone_verifications_phone_created_idx').on(t.phoneNumber, t.createdAt),
    uniqueIndex('phone_verifications_token_hash_key').on(t.tokenHash),
    index('phone_verifications_ip_created_idx').on(t.requestIp, t.createdAt),
  ],
);

/** A login. The refresh token belongs to it; revoking it stops its access tokens at once. */
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
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

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

/**
 * Keys sent and confirmed per country calling code and minute, counted by request_sms_keys
 * and use_sms_key: the conversion breaker reads the last hour of them.
 */
export const smsConversion = pgTable(
  'sms_conversion',
  {
    countryCode: text('country_code').notNull(),
    /** The minute the keys were sent in; a confirm counts in its key's minute. */
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    sent: integer('sent').notNull().default(0),
    confirmed: integer('confirmed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countryCode, t.slot] })],
);

/** Countries the conversion breaker paused: no key is sent to their numbers until `paused_until`. */
export const smsCountryPauses = pgTable('sms_country_pauses', {
  countryCode: text('country_code').primaryKey(),
  pausedAt: timestamp('paused_at', { withTimezone: true }).notNull(),
  pausedUntil: timestamp('paused_until', { withTimezone: true }).notNull(),
});

/**
 * Keys that sign access and refresh tokens (JWT_ALGORITHM other than HS256), shared by
 * every instance. The private part is sealed with AES-256-GCM under a key derived from
 * SECRET_KEY (src/crypto/envelope.ts), never stored in clear. A key is published from
 * `created_at` and signs from `signs_from`; its retirement follows from the next key's
 * `signs_from` (src/keys/timeline.ts), so a rotation writes one row.
 */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  algorithm: text('algorithm').notNull(),
  /** The public JWK (kty, crv, x, y or n, e), without kid, alg or use. */
  publicJwk: jsonb('public_jwk').$type<{ kty: string; [member: string]: string }>().notNull(),
  /** The private JWK as JSON, sealed; the kid is its associated data. */
  privateJwkSealed: text('private_jwk_sealed').notNull(),
  createdAt: createdAt(),
  signsFrom: timestamp('signs_from', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Keys that other services of the product call the API with. Only an HMAC of the key is
 * stored; a request looks its key up by that HMAC, so a revoked key stops at once.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_key_hash_key').on(t.keyHash)],
);

export type UserRow = typeof users.$inferSelect;

/** Where an event is on its way to the webhook receiver (src/events/delivery.ts). */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * A user's authenticator app (TOTP, RFC 6238), pending until `confirmed_at`. The secret is
 * sealed (src/crypto/envelope.ts) with the user id as its context. `last_used_step` is the
 * 30-second step of the last code accepted: a code is taken only for a later step, compared
 * and set in one statement, so no code is accepted twice, whichever instance is asked.
 */
export const mfaTotp = pgTable('mfa_totp', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id),
  secretSealed: text('secret_sealed').notNull(),
  createdAt: createdAt(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
});

/** Single-use recovery codes of a user's second factor; only their HMACs are stored. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_user_code_key').on(t.userId, t.codeHash)],
);

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
    /** The first factor: `password` or `sms_key`. */
    method: text('method').notNull(),
    clientHash: text('client_hash').notNull(),
    /** The login counter (identifier and IP) the first step counted on, cleared when the session opens. */
    clearBucket: text('clear_bucket').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('mfa_challenges_expires_idx').on(t.expiresAt)],
);

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
export type SessionRow = typeof sessions.$inferSelect;
export type SigningKeyRow = typeof signingKeys.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
