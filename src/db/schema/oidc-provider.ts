import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * What the OpenID provider (src/oidc-provider/) keeps between requests, so any instance can
 * serve any step: oidc-provider's models (Grant, Session, Interaction, AuthorizationCode,
 * AccessToken, RefreshToken, ReplayDetection, and the service's SessionBinding), one row each,
 * the payload as the library gives it. The columns beside it are read out of the payload
 * for the statements that find rows by grant, session, user or client.
 */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    /** A Session's uid (the id its interactions name it by). */
    uid: text('uid'),
    /** The user (payload.accountId). */
    accountId: bigint('account_id', { mode: 'number' }),
    clientId: text('client_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** A code or refresh token that was used: once for a code, within the reuse interval for a refresh token. */
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId).where(sql`${t.grantId} is not null`),
    index('oidc_payloads_uid_idx').on(t.uid).where(sql`${t.uid} is not null`),
    index('oidc_payloads_account_idx').on(t.accountId, t.clientId).where(sql`${t.accountId} is not null`),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

/**
 * The apps that sign their users in through the service, made by `oidc-clients create` or the
 * admin API. The secret of a confidential client is sealed (AES-256-GCM under SECRET_KEY,
 * its client_id the associated data): the provider compares it in constant time and needs it
 * back. A revoked client stays, so its id is never handed out again.
 */
export const oidcClients = pgTable('oidc_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  /** oidc-provider's client metadata (redirect_uris, …), without the secret. */
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
  /** null: a public client (PKCE alone). */
  secretSealed: text('secret_sealed'),
  firstParty: boolean('first_party').notNull().default(false),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type OidcClientRow = typeof oidcClients.$inferSelect;
