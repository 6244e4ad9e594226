import type { AppContext } from '../context.js';
import { constantTimeEqual, secretHash } from '../crypto/keyed-hash.js';
import { newSessionId } from '../crypto/random.js';
import type { Db } from '../db/client.js';
import type { UserRow } from '../db/schema/index.js';
import { ApiError, type FieldProblem, throttled, unauthorized, ValidationError } from '../http/errors.js';
import type { E164, EmailAddress, SmsKeyDigits } from '../http/parsed.js';
import { NO_PHONE, useSmsKey } from '../phone-verify/service.js';
import type { Account } from '../sessions/guard.js';
import { findLiveSession } from '../sessions/lookup.js';
import { refreshJtiHash } from '../sessions/refresh-jti.js';
import {
  markRefreshed,
  revokeSession,
  revokeSessionOfRefresh,
  revokeUserSessions,
  rotatedTo,
  rotateRefresh,
} from '../sessions/repository.js';
import { budgetsToClear, budgetParams, identifierBudget } from '../throttle/account-budget.js';
import { loginLimit } from '../throttle/limits.js';
import { type LoginFailure, recordEvent, type SessionMethod } from '../events/record.js';
import { foldEmail } from '../email/address.js';
import { secondStepOptions } from '../passkeys/assertion.js';
import { rehashPassword } from '../users/repository.js';
import { challengeKeys, createChallenge, type FirstFactor, newMfaToken } from './challenges.js';
import { countAttemptAndFindUser, openSessionClearing, type SessionClears } from './repository.js';

/** As the field stage parsed it. */
export interface LoginInput {
  email?: EmailAddress | undefined;
  phone_number?: E164 | undefined;
  password?: string | undefined;
  key?: SmsKeyDigits | undefined;
}

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

const jtiHash = (ctx: AppContext, jti: string) => refreshJtiHash(ctx.config.secretKey, jti);

/** Exactly one identifier and exactly one secret; any other combination is a 400. */
function checkLoginShape(input: LoginInput): void {
  const problems: FieldProblem[] = [];
  if ((input.email === undefined) === (input.phone_number === undefined)) problems.push({ code: 'login_identifier' });
  if ((input.password === undefined) === (input.key === undefined)) problems.push({ code: 'login_secret' });
  if (problems.length) throw new ValidationError({ non_field_errors: problems });
}

/**
 * Checks one identifier and one secret and opens a session, or, for an account with a
 * second factor, answers the challenge of the second step. The attempt is counted before
 * any secret is checked (loginLimit, and a password on the account's failure budget), and a
 * success clears both counts as its session opens. Every credential failure is the same
 * 401, and an unknown account costs the same work as a known one (a password hash, or the
 * key queries), so neither the answer nor its timing tells whether it exists.
 */
export async function login(ctx: AppContext, input: LoginInput, client: Client & { ip: string }) {
  checkLoginShape(input);
  const key = input.key;
  const email = input.email !== undefined ? foldEmail(input.email) : undefined;
  const phone = email === undefined ? input.phone_number! : undefined;
  const identifier = email ?? phone!;
  const limit = loginLimit(ctx, identifier, client.ip);
  const attempt = await countAttemptAndFindUser(ctx.db, {
    limit,
    password: input.password !== undefined,
    budgetBucket: identifierBudget(ctx, identifier),
    budget: budgetParams(ctx),
    ...(email !== undefined ? { email } : { phone: phone! }),
  });
  if (attempt.attempts > limit.max) throw throttled(attempt.retryAfter, 'login_locked');
  if (attempt.budgetSpent) throw throttled(attempt.budgetSpent.retryAfter, 'account_locked');
  // A key naming no account is tried on the phone named, or on a stand-in of the email, so
  // that its wrong keys spend a daily budget of their own, as a known account's phone does.
  const keyPhone = attempt.user?.phoneNumber ?? phone ?? `${NO_PHONE}${email}`;
  const user = await checkCredentials(ctx, attempt, { password: input.password, key, keyPhone, ip: client.ip }).catch(async (err: unknown) => {
    await recordLoginFailure(ctx, err, attempt.user, input.password !== undefined, client.ip);
    throw err;
  });
  const method = input.password !== undefined ? 'password' : 'sms_key';
  if (attempt.totp) return secondStepChallenge(ctx, ctx.db, { userId: user.id, client, clearBucket: limit.bucket, method });
  return openLoginSession(ctx, { userId: user.id, client, clear: { bucket: limit.bucket, budgets: budgetsToClear(ctx, user) }, method });
}

/**
 * The first step of a login for an account with a second factor: nothing is cleared and no
 * session opened; the answer is the mfa_token that POST /login/mfa takes with a code, and,
 * when the user has a passkey, the options a passkey answers instead (their challenge kept
 * with the token's). Every way in that reaches a second factor asks here (a password, an SMS
 * key, a social login); `pendingLink` seals what the second step will link once it succeeds
 * (a social identity), keyed to the token. `db` may be the caller's transaction.
 */
export async function secondStepChallenge(
  ctx: AppContext,
  db: Db,
  c: { userId: number; method: FirstFactor; client: Client & { ip: string }; clearBucket: string; pendingLink?: (tokenHash: string) => string },
) {
  const token = newMfaToken();
  const keys = challengeKeys(ctx, token, c.client);
  const passkey = await secondStepOptions(ctx, db, c.userId);
  await createChallenge(db, {
    ...keys,
    userId: c.userId,
    method: c.method,
    clearBucket: c.clearBucket,
    webauthnChallenge: passkey?.challenge ?? null,
    ...(c.pendingLink ? { pendingLinkSealed: c.pendingLink(keys.tokenHash) } : {}),
  });
  const methods: ('totp' | 'recovery_code' | 'passkey')[] = passkey ? ['totp', 'recovery_code', 'passkey'] : ['totp', 'recovery_code'];
  return { mfa_required: true as const, mfa_token: token, methods, ...(passkey ? { passkey_options: passkey } : {}) };
}

/** The `mfa_required` answer of a first step. */
export type SecondStepChallenge = Awaited<ReturnType<typeof secondStepChallenge>>;

/**
 * Opens the session a complete login earns and answers its tokens, clearing in the same
 * statement the counts the login spent (`clear`: the identifier and IP counter, none for a
 * passkey, and the budgets of the account's identifiers when it proved one of them). The
 * one way every login ends, POST /login, its second step and a passkey's sign-in alike;
 * `method` is the factor that completed it (`password`, `sms_key`, `passkey`, `social:…`,
 * or `mfa` after a second step).
 */
export async function openLoginSession(
  ctx: AppContext,
  s: { userId: number; client: Client; clear: SessionClears; method: SessionMethod },
) {
  const sessionId = newSessionId();
  const refresh = await ctx.tokens.issue('refresh', s.userId, sessionId);
  await openSessionClearing(
    ctx.db,
    {
      id: sessionId,
      userId: s.userId,
      refreshJtiHash: jtiHash(ctx, refresh.claims.jti),
      ttlSeconds: ctx.config.ttl.refresh,
      method: s.method,
      ...s.client,
    },
    s.clear,
  );
  const access = await ctx.tokens.issue('access', s.userId, sessionId);
  return { access_token: access.token, refresh_token: refresh.token };
}

async function checkCredentials(
  ctx: AppContext,
  attempt: { user: UserRow | undefined; djangoHashes: boolean },
  input: { password?: string | undefined; key?: SmsKeyDigits | undefined; keyPhone: string; ip: string },
): Promise<UserRow> {
  const { user } = attempt;
  if (input.password !== undefined) {
    // While Django hashes are stored, a refusal takes as long as one would (src/passwords/pacing.ts).
    const { ok, needsRehash, busy } = await ctx.passwords.verifyLogin(user?.passwordHash, input.password, attempt.djangoHashes);
    if (busy) throw new ApiError('login_busy', { wait: busy.retryAfter }, { 'retry-after': String(busy.retryAfter) });
    if (!ok || !user) throw unauthorized('no_active_account');
    if (needsRehash) await rehashPassword(ctx.db, user.id, await ctx.passwords.hash(input.password));
    return user;
  }
  try {
    // No account: the same key queries, so this takes as long.
    await useSmsKey(ctx, input.keyPhone, input.key!, input.ip);
  } catch (err) {
    // The phone's failure budget (429) is told as it is; any other refusal is the one 401.
    if (err instanceof ApiError && err.statusCode !== 429) throw unauthorized('no_active_account');
    throw err;
  }
  if (!user?.phoneNumber) throw unauthorized('no_active_account');
  return user;
}

/**
 * The jti of the refresh token that rotation gives for the presented one. It follows from
 * the presented jti, so every refresh of one token within the reuse interval (two tabs, a
 * retried request) answers a token of the same jti, the session's current one.
 */
const successorJti = (ctx: AppContext, jti: string) => secretHash(ctx.config.secretKey, 'refresh-successor', jti);

/**
 * A new access token for a live session. With rotation, a new refresh token too; the
 * presented one is retired. Presented again within REFRESH_TOKEN_REUSE_INTERVAL_SECONDS of
 * its retirement it gets the same pair again; later, it revokes the whole session, since
 * then someone else holds a copy of it (reuse detection).
 */
export async function refresh(ctx: AppContext, token: string, ip: string): Promise<{ access: string; refresh?: string }> {
  const claims = await ctx.tokens.verify('refresh', token);
  if (!claims) throw unauthorized('token_not_valid');
  const session = await findLiveSession(ctx.db, claims.sid, claims.user_id, claims.kid);
  if (!session) throw unauthorized('token_not_valid');
  const presented = jtiHash(ctx, claims.jti);

  if (!ctx.config.refreshTokenRotation) {
    if (!constantTimeEqual(presented, session.refreshJtiHash)) throw unauthorized('token_not_valid');
    await markRefreshed(ctx.db, claims.sid);
    return { access: (await ctx.tokens.issue('access', claims.user_id, claims.sid)).token };
  }
  const next = await ctx.tokens.issue('refresh', claims.user_id, claims.sid, successorJti(ctx, claims.jti));
  const nextHash = jtiHash(ctx, next.claims.jti);
  const sessionId = claims.sid;
  const rotated =
    constantTimeEqual(presented, session.refreshJtiHash) &&
    (await rotateRefresh(ctx.db, { sessionId, fromHash: presented, toHash: nextHash, ttlSeconds: ctx.config.ttl.refresh }));
  // Retired already (by another tab, or by the race this one just lost): fine if it was just now.
  const repeated =
    !rotated && (await rotatedTo(ctx.db, { sessionId, toHash: nextHash, withinSeconds: ctx.config.refreshTokenReuseInterval }));
  if (!rotated && !repeated) {
    await ctx.db.transaction((tx) => revokeSession(tx, { actor: 'system', ip }, claims.sid, 'refresh_reuse'));
    ctx.log.warn({ sessionId: claims.sid, userId: claims.user_id }, 'retired refresh token presented; session revoked');
    throw unauthorized('token_not_valid');
  }
  if (repeated) await markRefreshed(ctx.db, sessionId);
  return { access: (await ctx.tokens.issue('access', claims.user_id, claims.sid)).token, refresh: next.token };
}

/** Revokes the session of a refresh token that is still its session's; a retired one is refused and revokes nothing. */
export async function logout(ctx: AppContext, token: string, ip: string): Promise<void> {
  const claims = await ctx.tokens.verify('refresh', token);
  if (!claims) throw unauthorized('token_not_valid');
  const revoked = await ctx.db.transaction((tx) => revokeSessionOfRefresh(tx, { actor: 'user', ip }, claims.sid, jtiHash(ctx, claims.jti)));
  if (!revoked) throw unauthorized('token_not_valid');
}

/** Logs the user out everywhere: every one of their sessions is revoked, this one included. */
export async function logoutEverywhere(ctx: AppContext, account: Account, ip: string): Promise<void> {
  await ctx.db.transaction((tx) => revokeUserSessions(tx, { actor: 'user', ip }, account.user.id, 'logout_all'));
}

/**
 * `login.failed` for a credential refused (a 401) or a phone's key budget spent (a 429):
 * recorded on its own, as nothing else is written then. Other errors are not login failures.
 */
async function recordLoginFailure(ctx: AppContext, err: unknown, user: UserRow | undefined, password: boolean, ip: string) {
  if (!(err instanceof ApiError) || (err.statusCode !== 401 && err.statusCode !== 429)) return;
  const reason: LoginFailure = err.statusCode === 429 ? 'locked' : !user ? 'unknown_account' : password ? 'wrong_password' : 'wrong_key';
  await recordEvent(ctx.db, { actor: 'user', ip }, 'login.failed', { user_id: user?.id ?? null, reason });
}
