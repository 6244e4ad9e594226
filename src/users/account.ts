import type { AppContext } from '../context.js';
import type { UserCore, UserRow } from '../db/schema.js';
import { type FieldProblem, unauthorized, ValidationError } from '../http/errors.js';
import { checkPassword } from '../passwords/policy.js';
import { consumeVerificationToken, forgetPhone } from '../phone-verify/service.js';
import { parsePhoneNumber } from '../phone/phone-number.js';
import type { Account } from '../sessions/guard.js';
import { revokeAndForgetUserSessions, revokeUserSessions } from '../sessions/repository.js';
import { profileText } from './profile.js';
import * as repo from './repository.js';
import { takenError } from './service.js';

/** What the signed-in user can change about their own account. */

export async function updateProfile(ctx: AppContext, user: UserCore, p: { name?: string; nickname?: string }) {
  const changes: { name?: string; nickname?: string } = {};
  if (p.name !== undefined) changes.name = profileText(p.name, 'name');
  if (p.nickname !== undefined) changes.nickname = profileText(p.nickname, 'nickname');
  if (Object.keys(changes).length === 0) return user;
  return (await repo.updateProfile(ctx.db, user.id, changes)) ?? gone();
}

/** The account was withdrawn or deactivated after this request's access check: as a revoked session. */
function gone(): never {
  throw unauthorized('token_not_valid');
}

async function checkCurrentPassword(ctx: AppContext, user: UserCore, password: string, field: string) {
  const { ok } = await ctx.passwords.verify(user.passwordHash, password);
  if (!ok) throw ValidationError.field(field, 'wrong_password');
}

/** A new password for a user who knows the current one; every other session is revoked. */
export async function changePassword(
  ctx: AppContext,
  account: Account,
  input: { current_password: string; new_password: string },
): Promise<void> {
  const { user } = account;
  const problems: FieldProblem[] = checkPassword(input.new_password, user);
  if (problems.length) throw new ValidationError({ new_password: problems });
  await checkCurrentPassword(ctx, user, input.current_password, 'current_password');
  const hash = await ctx.passwords.hash(input.new_password);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.setPasswordHash(tx, user.id, hash))) gone();
    await revokeUserSessions(tx, user.id, account.sessionId);
  });
}

/** Moves the account to a newly verified phone; the token is consumed with the change. */
export async function changePhoneNumber(
  ctx: AppContext,
  user: UserCore,
  input: { phone_number: string; token: string },
): Promise<UserRow> {
  const phone = parsePhoneNumber(input.phone_number, ctx.config.phone);
  if (phone !== user.phoneNumber && (await repo.phoneTaken(ctx.db, phone))) {
    throw ValidationError.field('phone_number', 'phone_taken');
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await consumeVerificationToken(ctx, tx, { phone, token: input.token }))) {
        throw unauthorized('invalid_verify_token');
      }
      return (await repo.setPhoneNumber(tx, user.id, phone)) ?? gone();
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
export async function withdraw(ctx: AppContext, user: UserCore, input: { password?: string; token?: string }) {
  if ((input.password === undefined) === (input.token === undefined)) {
    throw new ValidationError({ non_field_errors: [{ code: 'withdraw_proof' }] });
  }
  if (input.password !== undefined) await checkCurrentPassword(ctx, user, input.password, 'password');
  await ctx.db.transaction(async (tx) => {
    if (input.token !== undefined) {
      const ok = user.phoneNumber && (await consumeVerificationToken(ctx, tx, { phone: user.phoneNumber, token: input.token }));
      if (!ok) throw unauthorized('invalid_verify_token');
    }
    const erased = await repo.eraseUser(tx, user.id);
    await revokeAndForgetUserSessions(tx, user.id);
    if (erased?.phoneNumber) await forgetPhone(tx, erased.phoneNumber);
  });
}
