import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../context.js';
import { throttled, unauthorized, ValidationError } from '../http/errors.js';
import { useSecondFactor } from '../mfa/service.js';
import { spendAccountBudget } from '../throttle/account-budget.js';
import { challengeKeys, countChallengeCode, useChallenge } from './challenges.js';
import { secondStepWithPasskey } from './passkey.js';
import { type Client, openLoginSession } from './service.js';

/**
 * POST /login/mfa: the second step of a login, a code from the authenticator app or a
 * recovery code with the mfa_token the first step answered. Each code is counted twice
 * before it is compared: on the token (it dies after MFA_MAX_CODES) and on the account's
 * failure budget. The code and the token are used up together, then the session opens as
 * every login's does. A passkey may answer instead of a code (src/login/passkey.ts).
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
  const lock = await spendAccountBudget(ctx, challenge.userId);
  if (input.passkey) return secondStepWithPasskey(ctx, challenge, keys.tokenHash, input.passkey, client);
  // After an SMS key, as for key login itself, a spent budget does not refuse the code: the
  // phone is proven, each token still takes only MFA_MAX_CODES codes, and whoever spent the
  // budget with the password cannot lock the owner out.
  if (lock && challenge.method !== 'sms_key') throw throttled(lock.retryAfter, 'mfa_locked');
  const right = await ctx.db.transaction(async (tx) => {
    if (!(await useSecondFactor(ctx, tx, challenge.userId, input.code!))) return false;
    // Another right code on this token won the race: this one is not used up after all.
    if (!(await useChallenge(tx, keys.tokenHash))) throw unauthorized('mfa_token_invalid');
    return true;
  });
  if (!right) throw unauthorized('mfa_code_invalid');
  return openLoginSession(ctx, { userId: challenge.userId, client, clearBucket: challenge.clearBucket, method: 'mfa' });
}
