import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { UserCore } from '../db/schema/index.js';
import { throttled, unauthorized, ValidationError } from '../http/errors.js';
import type { FieldCode } from '../http/messages.js';
import { consumeVerificationToken } from '../phone-verify/service.js';
import { countPasswordAttempt, forgetPasswordFailures } from '../throttle/account-budget.js';

/*
 * A fresh proof that the account's owner is asking, for the changes an access token alone
 * (it may be stolen) never makes: moving the phone, withdrawing, setting up a second factor.
 * The proof is the password, or a verification token for the account's own phone (for
 * accounts that sign in by SMS only).
 */

export interface OwnerProof {
  password?: string | undefined;
  token?: string | undefined;
}

/** Exactly one of the password and the token; `code` is the 400 that says which two fields. */
export function oneProof(proof: OwnerProof, code: FieldCode): void {
  if ((proof.password === undefined) === (proof.token === undefined)) {
    throw new ValidationError({ non_field_errors: [{ code }] });
  }
}

/**
 * The password of the signed-in user, checked as a login checks it: counted first on the
 * identifier and IP counter (the email, as login names it) and on the account's failure
 * budget, so a stolen access token cannot guess it faster than a login could. A wrong one
 * is a 400 on `field`.
 */
export async function checkCurrentPassword(ctx: AppContext, user: UserCore, password: string, field: string, ip: string) {
  const attempt = { user, ip };
  const lock = await countPasswordAttempt(ctx, attempt);
  if (lock) throw throttled(lock.retryAfter, lock.code);
  const { ok } = await ctx.passwords.verify(user.passwordHash, password);
  if (!ok) throw ValidationError.field(field, 'wrong_password');
  await forgetPasswordFailures(ctx, attempt);
}

/**
 * Spends a verification token for the account's own phone, in `tx`, the transaction of the
 * change it proves: the token is used up only if the change is written. A 401 otherwise.
 */
export async function spendOwnPhoneToken(ctx: AppContext, tx: Db, user: UserCore, token: string): Promise<void> {
  const ok = user.phoneNumber && (await consumeVerificationToken(ctx, tx, { phone: user.phoneNumber, token }));
  if (!ok) throw unauthorized('invalid_verify_token');
}
