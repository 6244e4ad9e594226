import type { Account } from '../sessions/guard.js';
import { ApiError, ValidationError } from '../http/errors.js';
import { type IdentityListing, linkIdentity, listIdentities, unlinkIdentity } from '../identities/repository.js';
import { checkCurrentPassword, oneProof, spendOwnPhoneToken } from '../proof/owner.js';
import type { AppTokens } from './provider.js';
import { checkAppTokens, providerOf, type SocialDeps, verifyApp } from './service.js';

/*
 * The signed-in user's linked accounts. Linking asks a fresh proof besides the access token
 * (the password, or a verification token for the account's phone), as setting up a second
 * factor does: a stolen access token must not plant a lasting way in.
 */

export const identityShape = (i: IdentityListing) => ({
  provider: i.provider,
  email: i.email,
  linked_at: i.linkedAt.toISOString(),
  last_used_at: i.lastUsedAt?.toISOString() ?? null,
});

export async function myIdentities(d: SocialDeps, account: Account) {
  return (await listIdentities(d.ctx.db, account.user.id)).map(identityShape);
}

export async function linkMyIdentity(
  d: SocialDeps,
  account: Account,
  input: AppTokens & { provider: string; password?: string | undefined; token?: string | undefined },
  ip: string,
) {
  const { user } = account;
  oneProof({ password: input.password, token: input.token }, 'link_proof');
  const provider = providerOf(d, input.provider);
  checkAppTokens(provider.name, input);
  if (input.password !== undefined) await checkCurrentPassword(d.ctx, user, input.password, 'password', ip);
  const identity = await verifyApp(d, provider, input);
  await d.ctx.db.transaction(async (tx) => {
    if (input.token !== undefined) await spendOwnPhoneToken(d.ctx, tx, user, input.token);
    const refused = await linkIdentity(tx, { actor: 'user', ip }, d.ctx.config.secretKey, user.id, identity);
    // The account was withdrawn since this request's access check: as a revoked session.
    if (refused === 'account_gone') throw new ApiError('token_not_valid');
    if (refused) throw new ValidationError({ non_field_errors: [{ code: refused }] });
  });
  const linked = (await listIdentities(d.ctx.db, user.id)).find((i) => i.provider === provider.name)!;
  return identityShape(linked);
}

/** Unlinks here at once and queues the unlinking at the provider; 404 when none of that provider is linked. */
export async function unlinkMyIdentity(d: SocialDeps, account: Account, provider: string, ip: string): Promise<void> {
  const removed = await d.ctx.db.transaction((tx) => unlinkIdentity(tx, { actor: 'user', ip }, account.user.id, provider));
  if (!removed) throw new ApiError('not_found');
}
