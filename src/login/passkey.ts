import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/record.js';
import { unauthorized } from '../http/errors.js';
import { checkAssertion, passkeyOf, takeUse } from '../passkeys/assertion.js';
import { consumeLoginChallenge } from '../passkeys/repository.js';
import { budgetsToClear, spendAccountBudget } from '../throttle/account-budget.js';
import { linkPendingIdentity } from '../identities/pending.js';
import { type Challenge, useChallenge } from './challenges.js';
import { type Client, openLoginSession } from './service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /login/passkey: a sign-in with a discoverable passkey, no identifier typed. The
 * challenge is used up first, so an answer counts once whatever follows. An assertion that
 * names an active account's passkey counts on that account's failure budget like a password
 * (one naming none spends nobody's); a spent budget does not refuse a right one, which
 * proves more than a password and cannot be phished, so whoever spent it cannot lock the
 * owner out of this way in. User verification makes it both factors: no second step
 * follows, even for a TOTP user. Every refusal is the same 401 and a `login.failed`.
 */
export async function loginWithPasskey(
  ctx: AppContext,
  input: { challenge_id: string; response: AuthenticationResponseJSON },
  client: Client & { ip: string },
) {
  const challenge = UUID.test(input.challenge_id) ? await consumeLoginChallenge(ctx.db, input.challenge_id) : undefined;
  if (!challenge) throw unauthorized('passkey_challenge_invalid');
  const failed = async (userId: number | null, reason: 'passkey_unknown' | 'passkey_invalid' | 'passkey_counter') => {
    await recordEvent(ctx.db, { actor: 'user', ip: client.ip }, 'login.failed', { user_id: userId, reason });
    return unauthorized('passkey_invalid');
  };
  const passkey = await passkeyOf(ctx, input.response);
  if (!passkey) throw await failed(null, 'passkey_unknown');
  await spendAccountBudget(ctx, passkey.account);
  const use = await checkAssertion(ctx, passkey, input.response, challenge);
  if (!use) throw await failed(passkey.userId, 'passkey_invalid');
  if (!(await takeUse(ctx, ctx.db, passkey, use))) throw await failed(passkey.userId, 'passkey_counter');
  return openLoginSession(ctx, { userId: passkey.userId, client, clear: { bucket: null, budgets: budgetsToClear(ctx, passkey.account) }, method: 'passkey' });
}

/**
 * A passkey as the second step of a login, answering the `passkey_options` of the first
 * step (its challenge is kept with the mfa_token's). Only the challenge's user's passkey
 * counts, however good another's signature; the passkey's counter and the mfa_token are
 * used up together, then the session opens as after a code. The caller has counted the
 * attempt on the token and the account's budget; as at sign-in, a spent budget does not
 * refuse a right passkey.
 */
export async function secondStepWithPasskey(
  ctx: AppContext,
  challenge: Challenge,
  tokenHash: string,
  response: AuthenticationResponseJSON,
  client: Client,
) {
  const passkey = challenge.webauthnChallenge ? await passkeyOf(ctx, response) : undefined;
  const use = passkey?.userId === challenge.userId ? await checkAssertion(ctx, passkey, response, challenge.webauthnChallenge!) : undefined;
  if (!passkey || !use) throw unauthorized('passkey_invalid');
  await ctx.db.transaction(async (tx) => {
    if (!(await takeUse(ctx, tx, passkey, use))) throw unauthorized('passkey_invalid');
    // Another answer on this token won the race: this one is not used up after all.
    if (!(await useChallenge(tx, tokenHash))) throw unauthorized('mfa_token_invalid');
    // A social sign-up that found the phone's account: the identity is linked now, with the login.
    await linkPendingIdentity(tx, ctx.config.secretKey, challenge, tokenHash, client.ip);
  });
  return openLoginSession(ctx, {
    userId: challenge.userId,
    client,
    clear: { bucket: challenge.clearBucket, budgets: budgetsToClear(ctx, challenge.user) },
    method: 'mfa',
  });
}
