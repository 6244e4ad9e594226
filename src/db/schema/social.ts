import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * One row per browser flow of social login (src/social/flows.ts): the `state` sent to the
 * provider (only its HMAC), the provider, where the flow returns to, the caller's S256
 * challenge and the sealed nonce and PKCE verifier sent to the provider. The callback uses the
 * state once (`used_at`) and leaves a `result` (only its HMAC, usable once within 60
 * seconds) with the verified identity, sealed, for POST /oauth/exchange.
 */
export const oauthFlows = pgTable(
  'oauth_flows',
  {
    stateHash: text('state_hash').primaryKey(),
    provider: text('provider').notNull(),
    redirectTo: text('redirect_to').notNull(),
    callerChallenge: text('caller_challenge').notNull(),
    secretsSealed: text('secrets_sealed').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    resultHash: text('result_hash'),
    identitySealed: text('identity_sealed'),
    resultExpiresAt: timestamp('result_expires_at', { withTimezone: true }),
    resultUsedAt: timestamp('result_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('oauth_flows_result_hash_key').on(t.resultHash), index('oauth_flows_expires_idx').on(t.expiresAt)],
);

/**
 * The `social_token` of a new identity (only its HMAC), with the identity sealed, until
 * POST /users/social uses it once, within PHONE_VERIFY_TOKEN_TTL_SECONDS.
 */
export const socialSignups = pgTable(
  'social_signups',
  {
    tokenHash: text('token_hash').primaryKey(),
    identitySealed: text('identity_sealed').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('social_signups_expires_idx').on(t.expiresAt)],
);
