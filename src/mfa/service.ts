import type { ResolvedConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { type Envelope, envelope } from '../crypto/envelope.js';
import type { Db } from '../db/client.js';
import type { UserCore } from '../db/schema/index.js';
import { type ChangeSource, recordEvent } from '../events/record.js';
import { throttled, ValidationError } from '../http/errors.js';
import type { FieldCode } from '../http/messages.js';
import type { Account } from '../sessions/guard.js';
import { revokeUserSessions } from '../sessions/repository.js';
import { spendAccountBudget } from '../throttle/account-budget.js';
import { spendSecondFactorBudget } from '../throttle/mfa-budget.js';
import { checkCurrentPassword, oneProof, spendOwnPhoneToken } from '../proof/owner.js';
import * as codes from './codes.js';
import * as repo from './repository.js';

/*
 * The second factor a signed-in user sets up and turns off: an authenticator app (TOTP)
 * and its recovery codes. Every code compared is first counted on the account's failure
 * budget (spendAccountBudget), and every code accepted is used up.
 */

const envelopes = new WeakMap<ResolvedConfig, Envelope>();
/** The secret's envelope, its own key derived from SECRET_KEY; the user id is its context, so a secret copied to another row does not open. */
function sealer(ctx: AppContext) {
  let e = envelopes.get(ctx.config);
  if (!e) envelopes.set(ctx.config, (e = envelope(ctx.config.secretKey, 'totp-secret')));
  const context = (userId: number) => `mfa_totp:${userId}`;
  return {
    seal: (secret: string, userId: number) => e.seal(secret, context(userId)),
    open: (sealed: string, userId: number) => e.open(sealed, context(userId)),
  };
}

const refuse = (code: FieldCode) => new ValidationError({ non_field_errors: [{ code }] });
const wrongCode = () => ValidationError.field('code', 'wrong_code');

/** Counts a code on the account's failure budget before it is compared; a spent budget compares nothing. */
export async function spendOnCode(ctx: AppContext, user: UserCore): Promise<void> {
  const lock = await spendAccountBudget(ctx, user);
  if (lock) throw throttled(lock.retryAfter, 'mfa_locked');
}

/**
 * Starts setting up an authenticator app, proven by the password (counted as a login
 * attempt is) or by a verification token for the account's phone (consumed). The secret is
 * pending until a code from the app confirms it; starting again replaces a pending one.
 */
export async function startTotp(ctx: AppContext, user: UserCore, input: { password?: string; token?: string }, ip: string) {
  oneProof(input, 'mfa_proof');
  if ((await repo.findTotp(ctx.db, user.id))?.confirmed) throw refuse('mfa_already_enabled');
  if (input.password !== undefined) await checkCurrentPassword(ctx, user, input.password, 'password', ip);
  const secret = codes.newTotpSecret();
  const sealed = sealer(ctx).seal(secret, user.id);
  await ctx.db.transaction(async (tx) => {
    if (input.token !== undefined) await spendOwnPhoneToken(ctx, tx, user, input.token);
    if (!(await repo.savePendingTotp(tx, user.id, sealed))) throw refuse('mfa_already_enabled');
  });
  return { secret, otpauth_url: codes.otpauthUrl(ctx.config.appName, user.email ?? user.phoneNumber ?? String(user.id), secret) };
}

/**
 * A code from the app turns it on; the answer is ten recovery codes, shown this once and kept
 * only as HMACs. Like a password change it ends every other session: whoever set it up holds
 * the password, and a thief's app must not leave the owner's sessions beside it.
 */
export async function confirmTotp(ctx: AppContext, account: Account, input: { code: string }, source: ChangeSource) {
  const { user } = account;
  const pending = await repo.findTotp(ctx.db, user.id);
  if (!pending || pending.confirmed) throw refuse(pending ? 'mfa_already_enabled' : 'mfa_not_pending');
  const code = codes.asTotpCode(input.code);
  if (!code) throw wrongCode();
  await spendOnCode(ctx, user);
  const step = codes.totpStep(sealer(ctx).open(pending.secretSealed, user.id), code);
  if (step === undefined) throw wrongCode();
  const recovery = codes.newRecoveryCodes();
  const hashes = recovery.map((c) => codes.recoveryCodeHash(ctx.config.secretKey, user.id, codes.normalizeRecoveryCode(c)!));
  await ctx.db.transaction(async (tx) => {
    // Another confirm won, or a new setup replaced the secret this code was checked against.
    if (!(await repo.confirmTotp(tx, { userId: user.id, secretSealed: pending.secretSealed, step }))) throw refuse('mfa_not_pending');
    await repo.replaceRecoveryCodes(tx, user.id, hashes);
    await recordEvent(tx, source, 'mfa.enabled', { user_id: user.id });
    await revokeUserSessions(tx, source, user.id, 'mfa_enabled', account.sessionId);
  });
  return { recovery_codes: recovery };
}

/** Turns the second factor off with a code from the app or a recovery code, which is used up with it. */
export async function disableTotp(ctx: AppContext, user: UserCore, input: { code: string }, source: ChangeSource): Promise<void> {
  if (!(await repo.totpEnabled(ctx.db, user.id))) throw refuse('mfa_not_enabled');
  await spendOnCode(ctx, user);
  // A stolen session guessing its way to turning the app off is bounded as a login's codes are.
  const door = await spendSecondFactorBudget(ctx, user.id, 'session');
  if (door.locked) throw throttled(door.locked.retryAfter, 'mfa_code_failures');
  const right = await ctx.db.transaction(async (tx) => {
    if (!(await useSecondFactor(ctx, tx, user.id, input.code))) return false;
    await removeSecondFactor(tx, source, user.id);
    return true;
  });
  if (!right) {
    await recordEvent(ctx.db, source, 'mfa.failed', { user_id: user.id, first_factor: 'session' });
    throw wrongCode();
  }
  await door.rightCode();
}

/** Deletes the app's secret and the recovery codes, recording `mfa.disabled` if there was a second factor. */
export async function removeSecondFactor(tx: Db, source: ChangeSource, userId: number): Promise<boolean> {
  const removed = await repo.deleteSecondFactor(tx, userId);
  if (removed) await recordEvent(tx, source, 'mfa.disabled', { user_id: userId });
  return removed;
}

/**
 * Checks a code of the user's confirmed second factor, a TOTP code or a recovery code, and
 * uses it up: a TOTP code's step is taken (no code of that step or an earlier one is
 * accepted again), a recovery code is marked used. Answers whether it was right. The
 * caller counts it first ({@link spendOnCode}); `db` may be its transaction.
 */
export async function useSecondFactor(ctx: AppContext, db: Db, userId: number, code: string): Promise<boolean> {
  const factor = await repo.findTotp(db, userId);
  if (!factor?.confirmed) return false;
  const totp = codes.asTotpCode(code);
  if (totp) {
    const step = codes.totpStep(sealer(ctx).open(factor.secretSealed, userId), totp);
    return step !== undefined && (await repo.useTotpStep(db, userId, step));
  }
  const recovery = codes.normalizeRecoveryCode(code);
  return recovery !== undefined && (await repo.useRecoveryCode(db, userId, codes.recoveryCodeHash(ctx.config.secretKey, userId, recovery)));
}
