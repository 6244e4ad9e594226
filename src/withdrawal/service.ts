import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import type { UserCore } from '../db/schema/index.js';
import { type ChangeSource, eraseEventsOf } from '../events/record.js';
import { forgetIdentities } from '../identities/repository.js';
import { deleteChallengesOf } from '../login/challenges.js';
import { deleteSecondFactor } from '../mfa/repository.js';
import { eraseOidcOf } from '../oidc-provider/repository.js';
import { erasePasskeysOf } from '../passkeys/repository.js';
import { forgetPhone } from '../phone-verify/service.js';
import { checkCurrentPassword, oneProof, type OwnerProof, spendOwnPhoneToken } from '../proof/owner.js';
import { forgetSessionClients, revokeUserSessions } from '../sessions/repository.js';
import { eraseUser } from '../users/repository.js';

/*
 * Withdrawal leaves nothing behind: it reaches into every feature that keeps something of
 * an account, so it stands above them all, and the user's own DELETE /users/me, the admin
 * API's DELETE /admin/users/{id} and whatever else ends an account come through here.
 */

/**
 * Withdrawal, proven by the password or by a verification token for the account's own
 * phone (for users who sign in by SMS only). Deactivates, erases personal data and revokes
 * every session in one transaction; a wrong proof changes nothing.
 */
export async function withdraw(ctx: AppContext, user: UserCore, proof: OwnerProof, ip: string): Promise<void> {
  oneProof(proof, 'withdraw_proof');
  if (proof.password !== undefined) await checkCurrentPassword(ctx, user, proof.password, 'password', ip);
  await ctx.db.transaction(async (tx) => {
    if (proof.token !== undefined) await spendOwnPhoneToken(ctx, tx, user, proof.token);
    await withdrawAccount(tx, { actor: 'user', ip }, user.id);
  });
}

/**
 * The erasure of a withdrawal, in the caller's transaction: sessions revoked (their
 * `session.revoked`) and forgetting their clients, the row's personal data, the second
 * factor, the passkeys, the social identities (their unlinking at the providers queued),
 * the phone's keys and tokens, every grant and token the apps signing in through the
 * service hold, and the personal data of the account's earlier events. False if there was
 * no account left to withdraw.
 */
export async function withdrawAccount(tx: Tx, source: ChangeSource, userId: number): Promise<boolean> {
  await revokeUserSessions(tx, source, userId, 'withdrawn');
  const erased = await eraseUser(tx, source, userId);
  if (!erased) return false;
  await forgetSessionClients(tx, userId);
  await deleteSecondFactor(tx, userId);
  await eraseOidcOf(tx, userId);
  await erasePasskeysOf(tx, userId);
  // Erased here at once; unlinked at each provider after the commit (src/social/revoker.ts).
  await forgetIdentities(tx, source, userId);
  await deleteChallengesOf(tx, userId);
  if (erased.phoneNumber) await forgetPhone(tx, erased.phoneNumber);
  await eraseEventsOf(tx, userId);
  return true;
}
