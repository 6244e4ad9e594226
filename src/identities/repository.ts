import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { socialIdentities, users } from '../db/schema/index.js';
import { type ChangeSource, recordEvent } from '../events/record.js';
import { enqueueRevocations } from './revocations.js';
import { sealTokens } from './sealing.js';
import type { VerifiedIdentity } from './types.js';

/*
 * The only writer of social_identities. Every link and unlink records its event in the
 * caller's transaction; unlinking queues the provider's unlink or revocation in the same
 * transaction (src/identities/revocations.ts), so the link is undone there exactly when it
 * is undone here. Identities are found by the provider's key, never by an email.
 */

export interface LinkedIdentity {
  id: number;
  userId: number;
  /** Whether the account may log in (not deactivated, not withdrawn). */
  active: boolean;
}

const keyIs = (i: Pick<VerifiedIdentity, 'provider' | 'issuer' | 'subject'>) =>
  and(eq(socialIdentities.provider, i.provider), eq(socialIdentities.issuer, i.issuer), eq(socialIdentities.subject, i.subject));

export async function findLinked(db: Db, identity: VerifiedIdentity): Promise<LinkedIdentity | undefined> {
  const [row] = await db
    .select({ id: socialIdentities.id, userId: socialIdentities.userId, active: users.isActive })
    .from(socialIdentities)
    .innerJoin(users, eq(users.id, socialIdentities.userId))
    .where(keyIs(identity))
    .limit(1);
  return row;
}

/** A sign-in with the identity: when it was last used, and the provider's newer tokens if it gave some. */
export async function touchIdentity(db: Db, secretKey: string, id: number, identity: VerifiedIdentity): Promise<void> {
  const sealed = sealTokens(secretKey, identity);
  await db
    .update(socialIdentities)
    .set({ lastUsedAt: sql`now()`, ...(sealed ? { tokensSealed: sealed } : {}) })
    .where(eq(socialIdentities.id, id));
}

/** Why a link was not made: the identity is another account's, the account has one of that provider, or it is no longer live. */
export type LinkRefusal = 'identity_taken' | 'provider_already_linked' | 'account_gone';

/**
 * Links the identity to the live account `userId` (`identity.linked`). The insert reads the
 * account under a key-share lock, so a withdrawal committing meanwhile leaves nothing linked
 * to it; a taken identity or provider writes nothing and aborts nothing, so the caller's
 * transaction goes on. Answers why not, or undefined once linked.
 */
export async function linkIdentity(
  tx: Tx,
  source: ChangeSource,
  secretKey: string,
  userId: number,
  identity: VerifiedIdentity,
): Promise<LinkRefusal | undefined> {
  const tokens = sealTokens(secretKey, identity);
  const inserted = await tx.execute(sql`
    insert into ${socialIdentities} (user_id, provider, issuer, subject, client_id, email, tokens_sealed, last_used_at)
    select ${users.id}, ${identity.provider}, ${identity.issuer}, ${identity.subject}, ${identity.clientId},
      ${identity.email}, ${tokens}, now()
    from ${users} where ${users.id} = ${userId} and ${users.isActive} for key share
    on conflict do nothing
    returning id`);
  if ((inserted as unknown as { rows: unknown[] }).rows.length === 1) {
    await recordEvent(tx, source, 'identity.linked', { user_id: userId, provider: identity.provider });
    return undefined;
  }
  const [taken] = await tx.select({ userId: socialIdentities.userId }).from(socialIdentities).where(keyIs(identity)).limit(1);
  // Linked to this account already: nothing to do.
  if (taken) return taken.userId === userId ? undefined : 'identity_taken';
  const [live] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.isActive, true)));
  return live ? 'provider_already_linked' : 'account_gone';
}

/** Why linking would be refused now, read without writing (a sign-up checks before it spends its tokens). */
export async function linkRefusalOf(db: Db, userId: number, identity: VerifiedIdentity): Promise<LinkRefusal | undefined> {
  const [taken] = await db.select({ userId: socialIdentities.userId }).from(socialIdentities).where(keyIs(identity)).limit(1);
  if (taken) return taken.userId === userId ? undefined : 'identity_taken';
  const [same] = await db
    .select({ id: socialIdentities.id })
    .from(socialIdentities)
    .where(and(eq(socialIdentities.userId, userId), eq(socialIdentities.provider, identity.provider)))
    .limit(1);
  return same ? 'provider_already_linked' : undefined;
}

export interface IdentityListing {
  provider: string;
  email: string | null;
  linkedAt: Date;
  lastUsedAt: Date | null;
}

/** The account's linked identities, oldest link first. */
export async function listIdentities(db: Db, userId: number): Promise<IdentityListing[]> {
  return db
    .select({
      provider: socialIdentities.provider,
      email: socialIdentities.email,
      linkedAt: socialIdentities.linkedAt,
      lastUsedAt: socialIdentities.lastUsedAt,
    })
    .from(socialIdentities)
    .where(eq(socialIdentities.userId, userId))
    .orderBy(asc(socialIdentities.linkedAt), asc(socialIdentities.id));
}

/** Deletes identities and queues their undoing at the providers, with an `identity.unlinked` each. */
async function removeIdentities(tx: Tx, source: ChangeSource, userId: number, provider?: string): Promise<number> {
  const where = provider ? and(eq(socialIdentities.userId, userId), eq(socialIdentities.provider, provider)) : eq(socialIdentities.userId, userId);
  const removed = await tx.delete(socialIdentities).where(where).returning();
  await enqueueRevocations(
    tx,
    removed.map((r) => ({ provider: r.provider, issuer: r.issuer, subject: r.subject, clientId: r.clientId, tokensSealed: r.tokensSealed })),
  );
  for (const r of removed) await recordEvent(tx, source, 'identity.unlinked', { user_id: userId, provider: r.provider });
  return removed.length;
}

/** The user unlinks one provider: false when none was linked. */
export async function unlinkIdentity(tx: Tx, source: ChangeSource, userId: number, provider: string): Promise<boolean> {
  return (await removeIdentities(tx, source, userId, provider)) > 0;
}

/** Withdrawal: every identity of the account is erased here at once and undone at its provider after the commit. */
export async function forgetIdentities(tx: Tx, source: ChangeSource, userId: number): Promise<void> {
  await removeIdentities(tx, source, userId);
}
