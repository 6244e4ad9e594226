import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import type { UserCore, UserRow } from '../db/schema/index.js';
import { type ChangeSource, eraseEventsOf } from '../events/record.js';
import { type FieldProblem, throttled, unauthorized, ValidationError } from '../http/errors.js';
import type { E164 } from '../http/parsed.js';
import { checkPassword } from '../passwords/policy.js';
import { consumeVerificationToken, forgetPhone } from '../phone-verify/service.js';
import type { Account } from '../sessions/guard.js';
import { forgetSessionClients, revokeUserSessions } from '../sessions/repository.js';
import { deleteSecondFactor } from '../mfa/repository.js';
import { countPasswordAttempt, forgetPasswordFailures } from '../throttle/account-budget.js';
import { foldEmail } from '../email/address.js';
import * as repo from './repository.js';
import { takenError } from './service.js';

// What the signed-in user can change about their own account.

/**
 * Name and nickname, as the field stage parsed them: one given as null, empty or blank is
 * cleared (null), one not given is kept.
 */
export async function updateProfile(
  ctx: AppContext,
  user: UserCore,
  p: { name?: string | null | undefined; nickname?: string | null | undefined },
  ip: string,
) {
  const changes: { name?: string | null; nickname?: string | null } = {};
  if (p.name !== undefined) changes.name = p.name;
  if (p.nickname !== undefined) changes.nickname = p.nickname;
  if (Object.keys(changes).length === 0) return user;
  const row = await ctx.db.transaction((tx) => repo.updateProfile(tx, { actor: 'user', ip }, user.id, changes));
  return row ?? gone();
}

/** The account was withdrawn or deactivated after this request's access check: as a revoked session. */
function gone(): never {
  throw unauthorized('token_not_valid');
}

/**
 * The password of the signed-in user, checked as a login checks it: counted first on the
 * identifier and IP counter (the email, as login names it) and on the account's failure
 * budget, so a stolen access token cannot guess it faster than a login could.
 */
export async function checkCurrentPassword(ctx: AppContext, user: UserCore, password: string, field: string, ip: string) {
  const attempt = { userId: user.id, identifier: user.email ? foldEmail(user.email) : (user.phoneNumber ?? ''), ip };
  const lock = await countPasswordAttempt(ctx, attempt);
  if (lock) throw throttled(lock.retryAfter, lock.code);
  const { ok } = await ctx.passwords.verify(user.passwordHash, password);
  if (!ok) throw ValidationError.field(field, 'wrong_password');
  await forgetPasswordFailures(ctx, attempt);
}

/** A new password for a user who knows the current one; every other session is revoked. */
export async function changePassword(
  ctx: AppContext,
  account: Account,
  input: { current_password: string; new_password: string },
  ip: string,
): Promise<void> {
  const { user } = account;
  const problems: FieldProblem[] = checkPassword(input.new_password, user);
  if (problems.length) throw new ValidationError({ new_password: problems });
  await checkCurrentPassword(ctx, user, input.current_password, 'current_password', ip);
  const hash = await ctx.passwords.hash(input.new_password);
  await ctx.db.transaction(async (tx) => {
    const source = { actor: 'user', ip } as const;
    if (!(await repo.setPasswordHash(tx, source, user.id, hash, 'user.password_changed'))) gone();
    await revokeUserSessions(tx, source, user.id, 'password_changed', account.sessionId);
  });
}

/**
 * Moves the account to a newly verified phone. An access token alone (it may be stolen)
 * never does: the password or a token for the present phone proves the owner asks. The
 * tokens are consumed with the change, and every other session is revoked.
 */
export async function changePhoneNumber(
  ctx: AppContext,
  account: Account,
  input: { phone_number: E164; token: string; password?: string | undefined; current_token?: string | undefined },
  ip: string,
): Promise<UserRow> {
  const { user } = account;
  const phone = input.phone_number;
  if ((input.password === undefined) === (input.current_token === undefined)) {
    throw new ValidationError({ non_field_errors: [{ code: 'phone_change_proof' }] });
  }
  if (input.password !== undefined) await checkCurrentPassword(ctx, user, input.password, 'password', ip);
  if (phone !== user.phoneNumber && (await repo.phoneTaken(ctx.db, phone))) {
    throw ValidationError.field('phone_number', 'phone_taken');
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      if (input.current_token !== undefined) {
        const ok = user.phoneNumber && (await consumeVerificationToken(ctx, tx, { phone: user.phoneNumber, token: input.current_token }));
        if (!ok) throw unauthorized('invalid_verify_token');
      }
      if (!(await consumeVerificationToken(ctx, tx, { phone, token: input.token }))) {
        throw unauthorized('invalid_verify_token');
      }
      const source = { actor: 'user', ip } as const;
      const row = (await repo.setPhoneNumber(tx, source, user.id, phone)) ?? gone();
      await revokeUserSessions(tx, source, user.id, 'phone_changed', account.sessionId);
      return row;
    });
  } catch (err) {
    if (err instanceof repo.AccountTaken) throw takenError(err);
    throw err;
  }
}

/**
 * Withdrawal, proven by the password or by a verification token for the account's own
 * phone (for users who sign in by SMS only). Deactivates, erases personal data (the row,
 * its sessions' IPs and user agents, the phone's keys and tokens) and revokes every
 * session in one transaction; a wrong proof changes nothing.
 */
export async function withdraw(ctx: AppContext, user: UserCore, input: { password?: string; token?: string }, ip: string) {
  if ((input.password === undefined) === (input.token === undefined)) {
    throw new ValidationError({ non_field_errors: [{ code: 'withdraw_proof' }] });
  }
  if (input.password !== undefined) await checkCurrentPassword(ctx, user, input.password, 'password', ip);
  await ctx.db.transaction(async (tx) => {
    if (input.token !== undefined) {
      const ok = user.phoneNumber && (await consumeVerificationToken(ctx, tx, { phone: user.phoneNumber, token: input.token }));
      if (!ok) throw unauthorized('invalid_verify_token');
    }
    await withdrawAccount(tx, { actor: 'user', ip }, user.id);
  });
}

/**
 * The erasure of a withdrawal, in the caller's transaction: sessions revoked (their
 * `session.revoked`) and forgetting their clients, the row's personal data, the second factor, the phone's keys
 * and tokens, and the personal data of the account's earlier events. False if there was no
 * account left to withdraw.
 */
export async function withdrawAccount(tx: Tx, source: ChangeSource, userId: number): Promise<boolean> {
  await revokeUserSessions(tx, source, userId, 'withdrawn');
  const erased = await repo.eraseUser(tx, source, userId);
  if (!erased) return false;
  await forgetSessionClients(tx, userId);
  await deleteSecondFactor(tx, userId);
  if (erased.phoneNumber) await forgetPhone(tx, erased.phoneNumber);
  await eraseEventsOf(tx, userId);
  return true;
}
