import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

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
    /**
     * The client that asked for the key, as the caps count it (an IPv6 address by its /64):
     * the daily cap's trickle and a paused country ask whether this client's last key was used.
     */
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
    // What the sweep deletes by (deleteOldKeys).
    index('phone_verifications_created_idx').on(t.createdAt),
  ],
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
  // The sweep deletes by `slot` (deleteOldConversionSlots).
  (t) => [primaryKey({ columns: [t.countryCode, t.slot] }), index('sms_conversion_slot_idx').on(t.slot)],
);

/** Countries the conversion breaker paused: no key is sent to their numbers until `paused_until`. */
export const smsCountryPauses = pgTable('sms_country_pauses', {
  countryCode: text('country_code').primaryKey(),
  pausedAt: timestamp('paused_at', { withTimezone: true }).notNull(),
  pausedUntil: timestamp('paused_until', { withTimezone: true }).notNull(),
});
