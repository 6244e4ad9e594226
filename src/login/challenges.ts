import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { secretHash } from '../crypto/keyed-hash.js';
import type { Db } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { mfaChallenges, users } from '../db/schema/index.js';

/*
 * The `mfa_challenges` table: the first step of a login that needs a second factor. The
 * mfa_token is 256 random bits, kept only as an HMAC; it lives MFA_TOKEN_TTL_SECONDS, is
 * used once and dies after MFA_MAX_CODES codes.
 */
export const MFA_TOKEN_TTL_SECONDS = 300;
export const MFA_MAX_CODES = 5;

export type FirstFactor = 'password' | 'sms_key' | 'social';

export const newMfaToken = (): string => randomBytes(32).toString('base64url');

/**
 * What a challenge is looked up and bound by: the token's HMAC, and an HMAC of the client
 * (its IP and user agent), so a token taken elsewhere is refused and the row holds no
 * personal data.
 */
export const challengeKeys = (ctx: AppContext, token: string, client: { ip: string; userAgent: string | null }) => ({
  tokenHash: secretHash(ctx.config.secretKey, 'mfa-token', token),
  clientHash: secretHash(ctx.config.secretKey, 'mfa-client', `${client.ip}\0${client.userAgent ?? ''}`),
});

export async function createChallenge(
  db: Db,
  c: {
    tokenHash: string;
    clientHash: string;
    userId: number;
    method: FirstFactor;
    clearBucket: string;
    webauthnChallenge: string | null;
    pendingLinkSealed?: string;
  },
): Promise<void> {
  await db.insert(mfaChallenges).values({ ...c, expiresAt: sql`now() + ${MFA_TOKEN_TTL_SECONDS} * interval '1 second'` });
}

export interface Challenge {
  userId: number;
  method: FirstFactor;
  clearBucket: string;
  /** The challenge of the `passkey_options` the first step answered, if the user had a passkey. */
  webauthnChallenge: string | null;
  /** A social identity to link once the second step succeeds (src/social/signup.ts). */
  pendingLinkSealed: string | null;
  /** What the account's failure budgets are named after. */
  user: { email: string | null; phoneNumber: string | null };
}

/**
 * Counts one code against a live challenge of this client whose user is still active,
 * before the code is compared: of however many codes arrive at once, at most MFA_MAX_CODES
 * are let through. Undefined for a token that is unknown, expired, used, dead or another client's.
 */
export async function countChallengeCode(db: Db, keys: { tokenHash: string; clientHash: string }): Promise<Challenge | undefined> {
  const [row] = await db
    .update(mfaChallenges)
    .set({ attempts: sql`${mfaChallenges.attempts} + 1` })
    .from(users)
    .where(
      and(
        eq(mfaChallenges.tokenHash, keys.tokenHash),
        eq(mfaChallenges.clientHash, keys.clientHash),
        isNull(mfaChallenges.usedAt),
        gt(mfaChallenges.expiresAt, sql`now()`),
        lt(mfaChallenges.attempts, MFA_MAX_CODES),
        eq(users.id, mfaChallenges.userId),
        eq(users.isActive, true),
      ),
    )
    .returning({
      userId: mfaChallenges.userId,
      method: mfaChallenges.method,
      clearBucket: mfaChallenges.clearBucket,
      webauthnChallenge: mfaChallenges.webauthnChallenge,
      pendingLinkSealed: mfaChallenges.pendingLinkSealed,
      email: users.email,
      phoneNumber: users.phoneNumber,
    });
  if (!row) return undefined;
  const { email, phoneNumber, ...rest } = row;
  return { ...rest, method: row.method as FirstFactor, user: { email, phoneNumber } };
}

/** Uses the challenge up: of two right codes racing on one token, one opens a session. */
export async function useChallenge(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await db
    .update(mfaChallenges)
    .set({ usedAt: sql`now()` })
    .where(and(eq(mfaChallenges.tokenHash, tokenHash), isNull(mfaChallenges.usedAt)))
    .returning({ tokenHash: mfaChallenges.tokenHash });
  return rows.length === 1;
}

/** Withdrawal: the account's challenges go with it (one may carry a social identity waiting for its link). */
export async function deleteChallengesOf(db: Db, userId: number): Promise<void> {
  await db.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId));
}

/** The sweep: up to `limit` challenges past their lifetime, of no use to anyone; answers how many it deleted. */
export async function deleteExpiredChallenges(db: Db, limit: number): Promise<number> {
  return deleteBatch(db, mfaChallenges, sql`${mfaChallenges.expiresAt} < now()`, sql`${mfaChallenges.expiresAt}`, limit);
}
