import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.js';
import { constantTimeEqual, secretHash } from '../crypto/keyed-hash.js';
import type { UserRow } from '../db/schema.js';
import { ApiError, type FieldProblem, throttled, unauthorized, ValidationError } from '../http/errors.js';
import { normalizeKey, useKey } from '../phone-verify/service.js';
import { parsePhoneNumber } from '../phone/phone-number.js';
import type { Account } from '../sessions/guard.js';
import { findLiveSession, revokeSession, revokeUserSessions, rotateRefresh } from '../sessions/repository.js';
import { loginLimit } from '../throttle/limits.js';
import { normalizeEmail } from '../users/email.js';
import { setPasswordHash } from '../users/repository.js';
import { countAttemptAndFindUser, openSessionClearing } from './queries.js';

export interface LoginInput {
  email?: string | undefined;
  phone_number?: string | undefined;
  password?: string | undefined;
  /** As the client sent it: a string or a JSON number. */
  key?: string | number | undefined;
}

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

const jtiHash = (ctx: AppContext, jti: string) => secretHash(ctx.config.secretKey, 'refresh-jti', jti);

/** Exactly one identifier and exactly one secret; any other combination is a 400. */
function checkLoginShape(input: LoginInput): void {
  const problems: FieldProblem[] = [];
  if ((input.email === undefined) === (input.phone_number === undefined)) problems.push({ code: 'login_identifier' });
  if ((input.password === undefined) === (input.key === undefined)) problems.push({ code: 'login_secret' });
  if (problems.length) throw new ValidationError({ non_field_errors: problems });
}

/**
 * Checks one identifier and one secret and opens a session. The attempt is counted before
 * any secret is checked (loginLimit), and a success clears the count as its session
 * opens. Every credential failure is the same 401, and an unknown account still spends
 * one password hash, so neither the answer nor its timing tells whether it exists.
 */
export async function login(ctx: AppContext, input: LoginInput, client: Client & { ip: string }) {
  checkLoginShape(input);
  const key = input.key === undefined ? undefined : normalizeKey(input.key);
  const email = input.email !== undefined ? normalizeEmail(input.email) : undefined;
  const phone = email === undefined ? parsePhoneNumber(input.phone_number!, ctx.config.phone) : undefined;
  const limit = loginLimit(ctx, email?.toLowerCase() ?? phone!, client.ip);
  const attempt = await countAttemptAndFindUser(ctx.db, {
    bucket: limit.bucket,
    windowSeconds: limit.windowSeconds,
    ...(email !== undefined ? { email } : { phone: phone! }),
  });
  if (attempt.attempts > limit.max) throw throttled(attempt.retryAfter, 'login_locked');
  const user = await checkCredentials(ctx, attempt.user, { password: input.password, key });

  const sessionId = randomUUID();
  const refresh = ctx.tokens.issue('refresh', user.id, sessionId);
  await openSessionClearing(
    ctx.db,
    {
      id: sessionId,
      userId: user.id,
      refreshJtiHash: jtiHash(ctx, refresh.claims.jti),
      ttlSeconds: ctx.config.ttl.refresh,
      ...client,
    },
    limit.bucket,
  );
  const access = ctx.tokens.issue('access', user.id, sessionId);
  return { access_token: access.token, refresh_token: refresh.token };
}

async function checkCredentials(
  ctx: AppContext,
  user: UserRow | undefined,
  input: { password?: string | undefined; key?: string | undefined },
): Promise<UserRow> {
  if (input.password !== undefined) {
    const { ok, needsRehash } = await ctx.passwords.verify(user?.passwordHash, input.password);
    if (!ok || !user) throw unauthorized('invalid_credentials');
    if (needsRehash) await setPasswordHash(ctx.db, user.id, await ctx.passwords.hash(input.password));
    return user;
  }
  if (!user?.phoneNumber) throw unauthorized('invalid_credentials');
  try {
    await useKey(ctx, user.phoneNumber, input.key!);
  } catch (err) {
    // The phone's failure budget (429) is told as it is; any other refusal is the one 401.
    if (err instanceof ApiError && err.statusCode !== 429) throw unauthorized('invalid_credentials');
    throw err;
  }
  return user;
}

/**
 * A new access token for a live session. With rotation, a new refresh token too; the
 * presented one is retired, and presenting a retired one revokes the whole session,
 * since then someone else holds a copy of it.
 */
export async function refresh(ctx: AppContext, token: string): Promise<{ access: string; refresh?: string }> {
  const claims = ctx.tokens.verify('refresh', token);
  if (!claims) throw unauthorized('token_not_valid');
  const session = await findLiveSession(ctx.db, claims.sid, claims.user_id);
  if (!session) throw unauthorized('token_not_valid');
  const presented = jtiHash(ctx, claims.jti);

  if (!ctx.config.refreshTokenRotation) {
    if (!constantTimeEqual(presented, session.refreshJtiHash)) throw unauthorized('token_not_valid');
    return { access: ctx.tokens.issue('access', claims.user_id, claims.sid).token };
  }
  const next = ctx.tokens.issue('refresh', claims.user_id, claims.sid);
  const rotated = await rotateRefresh(ctx.db, {
    sessionId: claims.sid,
    fromHash: presented,
    toHash: jtiHash(ctx, next.claims.jti),
    ttlSeconds: ctx.config.ttl.refresh,
  });
  if (!rotated) {
    await revokeSession(ctx.db, claims.sid);
    ctx.log.warn({ sessionId: claims.sid, userId: claims.user_id }, 'retired refresh token presented; session revoked');
    throw unauthorized('token_not_valid');
  }
  return { access: ctx.tokens.issue('access', claims.user_id, claims.sid).token, refresh: next.token };
}

/** Revokes the session a (signature-valid) refresh token belongs to. */
export async function logout(ctx: AppContext, token: string): Promise<void> {
  const claims = ctx.tokens.verify('refresh', token);
  if (!claims) throw unauthorized('token_not_valid');
  await revokeSession(ctx.db, claims.sid);
}

/** Logs the user out everywhere: every one of their sessions is revoked, this one included. */
export async function logoutEverywhere(ctx: AppContext, account: Account): Promise<void> {
  await revokeUserSessions(ctx.db, account.user.id);
}
