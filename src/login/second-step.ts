import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/record.js';
import { throttled, unauthorized, ValidationError } from '../http/errors.js';
import { linkPendingIdentity } from '../identities/pending.js';
import { useSecondFactor } from '../mfa/service.js';
import { budgetsToClear, spendAccountBudget } from '../throttle/account-budget.js';
import { spendSecondFactorBudget } from '../throttle/mfa-budget.js';
import { challengeKeys, countChallengeCode, useChallenge } from './challenges.js';
import { secondStepWithPasskey } from './passkey.js';
import { type Client, openLoginSession } from './service.js';

/**
 * POST /login/mfa: the second step of a login, a code from the authenticator app or a
 * recovery code with the mfa_token the first step answered. Each code is counted three
 * times before it is compared: on the token (it dies after MFA_MAX_CODES), on the account's
 * login failure budget, and on the second factor's own budget for the first step's factor
 * (MFA_MAX_FAILURES, which no login resets). A wrong code is `mfa.failed`. The code and the
 * token are used up together, then the session opens as every login's does. A passkey may
 * answer instead of a code (src/login/passkey.ts): it cannot be guessed, so it spends no code budget.
 */
export async function loginSecondStep(
  ctx: AppContext,
  input: { mfa_token: string; code?: string | undefined; passkey?: AuthenticationResponseJSON | undefined },
  client: Client & { ip: string },
) {
  // Exactly one; a body with neither is told the code it lacks, as before passkeys.
  if (input.code === undefined && input.passkey === undefined) throw ValidationError.field('code', 'required');
  if (input.code !== undefined && input.passkey !== undefined) throw new ValidationError({ non_field_errors: [{ code: 'second_factor_one' }] });
  const keys = challengeKeys(ctx, input.mfa_token, client);
  const challenge = await countChallengeCode(ctx.db, keys);
  if (!challenge) throw unauthorized('mfa_token_invalid');
  const lock = await spendAccountBudget(ctx, challenge.user);
  if (input.passkey) return secondStepWithPasskey(ctx, challenge, keys.tokenHash, input.passkey, client);
  // After an SMS key (or a social login, as strong a proof), as for key login itself, a spent
  // login budget does not refuse the code: the phone is proven, and whoever spent the budget
  // with wrong passwords cannot lock the owner out. The second factor's own budget below
  // bounds those codes all the same.
  if (lock && challenge.method === 'password') throw throttled(lock.retryAfter, 'mfa_locked');
  const door = await spendSecondFactorBudget(ctx, challenge.userId, challenge.method);
  if (door.locked) throw throttled(door.locked.retryAfter, 'mfa_code_failures');
  const right = await ctx.db.transaction(async (tx) => {
    if (!(await useSecondFactor(ctx, tx, challenge.userId, input.code!))) return false;
    // Another right code on this token won the race: this one is not used up after all.
    if (!(await useChallenge(tx, keys.tokenHash))) {
      await door.rightCode();
      throw unauthorized('mfa_token_invalid');
    }
    // A social sign-up that found the phone's account: the identity is linked now, with the login.
    await linkPendingIdentity(tx, ctx.config.secretKey, challenge, keys.tokenHash, client.ip);
    return true;
  });
  if (!right) {
    await recordEvent(ctx.db, { actor: 'user', ip: client.ip }, 'mfa.failed', { user_id: challenge.userId, first_factor: challenge.method });
    throw unauthorized('mfa_code_invalid');
  }
  await door.rightCode();
  const clear = { bucket: challenge.clearBucket, budgets: budgetsToClear(ctx, challenge.user) };
  return openLoginSession(ctx, { userId: challenge.userId, client, clear, method: 'mfa' });
}
