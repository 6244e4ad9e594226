import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Keys that sign access and refresh tokens (JWT_ALGORITHM other than HS256), shared by
 * every instance. The private part is sealed with AES-256-GCM under a key derived from
 * SECRET_KEY (src/crypto/envelope.ts), never stored in clear. A key is published from
 * `created_at` and signs from `signs_from`; its retirement follows from the next key's
 * `signs_from` (src/signing-keys/timeline.ts), so a rotation writes one row.
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

export type SigningKeyRow = typeof signingKeys.$inferSelect;
