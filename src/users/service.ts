import type { AppContext } from '../context.js';
import type { UserRow } from '../db/schema/index.js';
import { FieldErrorCollector, unauthorized, ValidationError } from '../http/errors.js';
import type { E164, EmailAddress } from '../http/parsed.js';
import { checkPassword } from '../passwords/policy.js';
import { consumeVerificationToken, NO_PHONE, verificationTokenUsable } from '../phone-verify/service.js';
import { revokeUserSessions } from '../sessions/repository.js';
import { clearAccountBudgets } from '../throttle/account-budget.js';
import * as repo from './repository.js';

/** As the field stage parsed it: the email normalised, the number in E.164, names trimmed or null. */
export interface SignUpInput {
  email: EmailAddress;
  password: string;
  phone_number: E164;
  token: string;
  name?: string | null | undefined;
  nickname?: string | null | undefined;
}

/**
 * Creates an account for a phone that was just verified. Each field was judged on its own
 * before (src/http/field-stage.ts); here what takes them together: the password's
 * similarity to the email, name and nickname, and a taken email or phone, all in one 400.
 * The token is checked before the password is hashed and consumed in the same transaction
 * that inserts the user, so a refused sign-up leaves the token usable and two sign-ups
 * racing on one token have one winner.
 */
export async function signUp(ctx: AppContext, input: SignUpInput, ip: string): Promise<UserRow> {
  const { email, phone_number: phone } = input;
  const name = input.name ?? null;
  const nickname = input.nickname ?? null;
  const errors = new FieldErrorCollector();
  errors.add('password', checkPassword(input.password, { email, name, nickname }));
  const taken = await repo.takenFields(ctx.db, { email, phone });
  if (taken.email) errors.add('email', [{ code: 'email_taken' }]);
  if (taken.phone) errors.add('phone_number', [{ code: 'phone_taken' }]);
  errors.throwIfAny(['email', 'password', 'phone_number']);

  // A request without a valid token costs no hash; the token is consumed below, with the insert.
  if (!(await verificationTokenUsable(ctx, { phone, token: input.token }))) throw unauthorized('invalid_verify_token');
  const passwordHash = await ctx.passwords.hash(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await consumeVerificationToken(ctx, tx, { phone, token: input.token }))) {
        throw unauthorized('invalid_verify_token');
      }
      return repo.insertUser(tx, { actor: 'user', ip }, { email, phoneNumber: phone, passwordHash, name, nickname });
    });
  } catch (err) {
    // Lost a race with another sign-up for the same email or phone.
    if (err instanceof repo.AccountTaken) throw takenError(err);
    throw err;
  }
}

/**
 * Sets a new password for the account whose phone the token verified, consuming the
 * token, revoking every session and unlocking password login. Rules that do not depend on
 * the account are judged first, as they answer alike for any email; then the token, so an
 * unknown email and a bad token are the same 401 before the account's own rules (its name,
 * nickname) are judged. Both paths do the same work (one hash, the token's statement, on a
 * phone that holds no token when there is no account), so the timing does not tell them apart.
 */
export async function resetPassword(ctx: AppContext, input: { email: EmailAddress; password: string; token: string }, ip: string) {
  const { email } = input;
  const general = checkPassword(input.password, { email });
  if (general.length) throw new ValidationError({ password: general });
  const user = await repo.findActiveByEmail(ctx.db, email);
  const passwordHash = await ctx.passwords.hash(input.password);
  await ctx.db.transaction(async (tx) => {
    const ok = await consumeVerificationToken(ctx, tx, { phone: user?.phoneNumber ?? NO_PHONE, token: input.token });
    if (!ok || !user) throw unauthorized('invalid_find_password');
    // Refused here, the transaction rolls back and the token stays usable.
    const problems = checkPassword(input.password, user);
    if (problems.length) throw new ValidationError({ password: problems });
    // Withdrawn or deactivated since it was read: nothing written, the token left unspent.
    const source = { actor: 'user', ip } as const;
    if (!(await repo.setPasswordHash(tx, source, user.id, passwordHash, 'user.password_reset'))) throw unauthorized('invalid_find_password');
    await revokeUserSessions(tx, source, user.id, 'password_reset');
    await clearAccountBudgets(tx, ctx, user);
  });
}

/** The 400 for a write a unique index refused: the field, as the client named it, is taken. */
export function takenError(err: repo.AccountTaken): ValidationError {
  return err.field === 'email' ? ValidationError.field('email', 'email_taken') : ValidationError.field('phone_number', 'phone_taken');
}
