import type { AppContext } from '../context.js';
import { recordEvent } from '../events/record.js';
import { throttled, unauthorized } from '../http/errors.js';
import { useSecondFactor } from '../mfa/service.js';
import { budgetsToClear, spendAccountBudget } from '../throttle/account-budget.js';
import { spendSecondFactorBudget } from '../throttle/mfa-budget.js';
import { challengeKeys, countChallengeCode, useChallenge } from './challenges.js';
import { type Client, openLoginSession } from './service.js';

/**
 * POST /login/mfa: the second step of a login, a code from the authenticator app or a
 * recovery code with the mfa_token the first step answered. Each code is counted three
 * times before it is compared: on the token (it dies after MFA_MAX_CODES), on the account's
 * login failure budget, and on the second factor's own budget for the first step's factor
 * (MFA_MAX_FAILURES, which no login resets). A wrong code is `mfa.failed`. The code and the
 * token are used up together, then the session opens as every login's does.
 */
export async function loginSecondStep(ctx: AppContext, input: { mfa_token: string; code: string }, client: Client & { ip: string }) {
  const keys = challengeKeys(ctx, input.mfa_token, client);
  const challenge = await countChallengeCode(ctx.db, keys);
  if (!challenge) throw unauthorized('mfa_token_invalid');
  const lock = await spendAccountBudget(ctx, challenge.user);
  // After an SMS key, as for key login itself, a spent login budget does not refuse the code:
  // the phone is proven, and whoever spent the budget with wrong passwords cannot lock the
  // owner out. The second factor's own budget below bounds those codes all the same.
  if (lock && challenge.method !== 'sms_key') throw throttled(lock.retryAfter, 'mfa_locked');
  const door = await spendSecondFactorBudget(ctx, challenge.userId, challenge.method);
  if (door.locked) throw throttled(door.locked.retryAfter, 'mfa_code_failures');
  const right = await ctx.db.transaction(async (tx) => {
    if (!(await useSecondFactor(ctx, tx, challenge.userId, input.code))) return false;
    // Another right code on this token won the race: this one is not used up after all.
    if (!(await useChallenge(tx, keys.tokenHash))) {
      await door.rightCode();
      throw unauthorized('mfa_token_invalid');
    }
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
