import type { Tx } from '../db/client.js';
import { linkIdentity } from './repository.js';
import { openIdentity, sealIdentity } from './sealing.js';
import type { VerifiedIdentity } from './types.js';

/*
 * A social identity waiting for its account's second step: a social sign-up whose phone
 * belongs to an account with a second factor links it only once the second step succeeds.
 * It waits sealed in the login challenge, opened by the HMAC of the challenge's token.
 */

export const sealPendingLink = (secretKey: string, identity: VerifiedIdentity, tokenHash: string) =>
  sealIdentity(secretKey, identity, `mfa-challenge:${tokenHash}`);

/**
 * Links the identity the challenge carries, in the transaction that uses the challenge up.
 * Taken meanwhile (by another account, or another identity of its provider here), it is
 * left unlinked and the login goes on: the user proved the account, not the link.
 */
export async function linkPendingIdentity(
  tx: Tx,
  secretKey: string,
  challenge: { userId: number; pendingLinkSealed: string | null },
  tokenHash: string,
  ip: string | null,
): Promise<void> {
  if (!challenge.pendingLinkSealed) return;
  const identity = openIdentity(secretKey, challenge.pendingLinkSealed, `mfa-challenge:${tokenHash}`);
  await linkIdentity(tx, { actor: 'user', ip }, secretKey, challenge.userId, identity);
}
