import type { AppContext } from '../context.js';
import type { UserCore, UserRow } from '../db/schema/index.js';
import { type FieldProblem, unauthorized, ValidationError } from '../http/errors.js';
import type { E164 } from '../http/parsed.js';
import { checkPassword } from '../passwords/policy.js';
import { consumeVerificationToken, forgetPhone } from '../phone-verify/service.js';
import { checkCurrentPassword, oneProof, spendOwnPhoneToken } from '../proof/owner.js';
import type { Account } from '../sessions/guard.js';
import { revokeUserSessions } from '../sessions/repository.js';
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
 * tokens are consumed with the change, the old number's verification rows erased, and
 * every other session is revoked.
 */
export async function changePhoneNumber(
  ctx: AppContext,
  account: Account,
  input: { phone_number: E164; token: string; password?: string | undefined; current_token?: string | undefined },
  ip: string,
): Promise<UserRow> {
  const { user } = account;
  const phone = input.phone_number;
  oneProof({ password: input.password, token: input.current_token }, 'phone_change_proof');
  if (input.password !== undefined) await checkCurrentPassword(ctx, user, input.password, 'password', ip);
  if (phone !== user.phoneNumber && (await repo.phoneTaken(ctx.db, phone))) {
    throw ValidationError.field('phone_number', 'phone_taken');
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      if (input.current_token !== undefined) await spendOwnPhoneToken(ctx, tx, user, input.current_token);
      if (!(await consumeVerificationToken(ctx, tx, { phone, token: input.token }))) {
        throw unauthorized('invalid_verify_token');
      }
      const source = { actor: 'user', ip } as const;
      const { row, previous } = (await repo.setPhoneNumber(tx, source, user.id, phone)) ?? gone();
      // The number it leaves is no longer the account's: its keys and tokens, which hold that
      // number and the IPs that asked, go now, so a withdrawal has only the present phone's to erase.
      if (previous && previous !== phone) await forgetPhone(tx, previous);
      await revokeUserSessions(tx, source, user.id, 'phone_changed', account.sessionId);
      return row;
    });
  } catch (err) {
    if (err instanceof repo.AccountTaken) throw takenError(err);
    throw err;
  }
}
