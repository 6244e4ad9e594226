import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { batched } from '../db/batch.js';
import type { Db } from '../db/client.js';
import { deleteBatch } from '../db/delete-batch.js';
import { preparedOn } from '../db/prepared.js';
import { phoneVerifications as pv, smsConversion } from '../db/schema/index.js';
import type { SmsLimits } from '../throttle/limits.js';

/** Why request_sms_keys stored no key: the throttles (429) or the defences of the whole service (503). */
export type KeyRefusal = 'resend_cooldown' | 'throttled' | 'country_paused' | 'spend_hour' | 'spend_day';

export type BreakerEvent = 'paused' | 'resumed' | 'alarm';

/** What request_sms_keys answered for one request: the new key, or why none was stored. */
export type KeyRequest = (
  | { stored: true; id: number; olderPending: boolean }
  | { stored: false; refusal: KeyRefusal; retryAfter: number; windowStart: Date | null }
) & {
  /**
   * Set on one request per country and event: the conversion breaker paused or resumed its
   * country, or found the home country's keys unconfirmed (`alarm`: never a pause).
   */
  breaker: BreakerEvent | null;
};

const requestKeysStatement = preparedOn((db) =>
  db
    .select({
      n: sql<number>`r.n`,
      keyId: sql<string | null>`r.key_id`,
      olderPending: sql<boolean | null>`r.older_pending`,
      refusal: sql<KeyRefusal | null>`r.refusal`,
      retryAfter: sql<number | null>`r.retry_after`,
      windowStart: sql<string | Date | null>`r.window_start`,
      breaker: sql<BreakerEvent | null>`r.breaker`,
    })
    .from(sql`request_sms_keys(${sql.placeholder('requests')}::jsonb) as r`)
    .prepare('request_sms_keys_v2'),
);

/** The defences of the whole service, the same for every request of an instance. */
export interface SpendPolicy {
  hourMax: number;
  dayMax: number;
  breakerMinSent: number;
  breakerMinConversion: number;
  /** The calling code of PHONE_DEFAULT_REGION, which the breaker never pauses. */
  homeCountry: string;
}

interface KeyRequestInput {
  phone: string;
  /** Country calling code (`82`), which the conversion breaker counts by. */
  country: string;
  keyHash: string;
  /** The client IP as the caps count it (an IPv6 address by its /64), stored with the key. */
  client: string;
  limits: SmsLimits;
  policy: { ttlSeconds: number; cooldownSeconds: number; maxAttempts: number; trickleSeconds: number };
  spend: SpendPolicy;
}

/**
 * Stores a new key for `phone` after the conversion breaker of its country, the resend
 * cooldown, the SMS caps and the service's spend caps, in one round trip: the
 * request_sms_keys function (src/phone-verify/sql/request_sms_keys.sql) runs the checks,
 * counts the request and inserts the key in one statement, so its transaction, and the
 * lock on the per-IP counter that every request from that IP shares, never waits on the
 * service. Requests that arrive together share the call
 * ({@link batched}). A refused request writes nothing.
 */
export const requestSmsKeys = batched(async (db, requests: KeyRequestInput[]): Promise<KeyRequest[]> => {
  const rows = await requestKeysStatement(db).execute({
    requests: JSON.stringify(
      requests.map((r) => ({
        phone: r.phone,
        country: r.country,
        key_hash: r.keyHash,
        client: r.client,
        ttl_seconds: r.policy.ttlSeconds,
        cooldown_seconds: r.policy.cooldownSeconds,
        max_attempts: r.policy.maxAttempts,
        phone_hour_bucket: r.limits.phoneHour.bucket,
        phone_hour_max: r.limits.phoneHour.max,
        phone_day_bucket: r.limits.phoneDay.bucket,
        phone_day_max: r.limits.phoneDay.max,
        trickle_seconds: r.policy.trickleSeconds,
        ip_bucket: r.limits.ip.bucket,
        ip_max: r.limits.ip.max,
        spend_hour_max: r.spend.hourMax,
        spend_day_max: r.spend.dayMax,
        breaker_min_sent: r.spend.breakerMinSent,
        breaker_min_conversion: r.spend.breakerMinConversion,
        home_country: r.spend.homeCountry,
      })),
    ),
  });
  const byPosition = new Map(rows.map((row) => [Number(row.n), row]));
  return requests.map((_, i) => {
    const row = byPosition.get(i + 1);
    if (!row) throw new Error(`request_sms_keys answered nothing for request ${i + 1}`);
    const breaker = row.breaker ?? null;
    if (row.keyId !== null) return { stored: true, id: Number(row.keyId), olderPending: row.olderPending === true, breaker };
    return {
      stored: false,
      refusal: row.refusal ?? 'throttled',
      retryAfter: Number(row.retryAfter ?? 1),
      windowStart: row.windowStart === null ? null : new Date(row.windowStart),
      breaker,
    };
  });
});

/**
 * A key whose SMS no provider took: deleted, and given back to the spend caps and its
 * country's count of keys sent (src/phone-verify/sql/discard_sms_key.sql), so an outage
 * neither uses up the caps nor looks like pumping to the breaker.
 */
export async function discardSmsKey(db: Db, id: number): Promise<void> {
  await db.execute(sql`select discard_sms_key(${id}::bigint)`);
}

/**
 * A test number's fixed key (SMS_TEST_NUMBERS): stored without any throttle or cap, and
 * without a country, so the breaker never counts it; the phone's earlier keys are retired.
 */
export async function storeFixedSmsKey(db: Db, v: { phone: string; keyHash: string; ttlSeconds: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pv)
      .values({ phoneNumber: v.phone, keyHash: v.keyHash, expiresAt: sql`now() + ${v.ttlSeconds} * interval '1 second'` })
      .returning({ id: pv.id });
    await retireOlderKeys(tx, v.phone, row!.id);
  });
}

/**
 * A new key retires the phone's earlier pending ones; only earlier ones (ids grow in the
 * order the per-phone lock lets keys in), not one a later request added meanwhile.
 */
export async function retireOlderKeys(db: Db, phone: string, keepId: number): Promise<void> {
  await db
    .update(pv)
    .set({ retiredAt: sql`now()` })
    .where(and(eq(pv.phoneNumber, phone), lt(pv.id, keepId), isNull(pv.usedAt), isNull(pv.retiredAt)));
}

/** What use_sms_key answered: the key matched and is used, it did not, there was none, or the phone's failure budget is spent. */
export type KeyUse = { outcome: 'used' | 'wrong' | 'no_key' } | { outcome: 'throttled'; retryAfter: number };

const useKeyStatement = preparedOn((db) =>
  db
    .select({ outcome: sql<KeyUse['outcome']>`k.outcome`, retryAfter: sql<number | null>`k.retry_after` })
    .from(
      sql`use_sms_key(${sql.placeholder('phone')}::text, ${sql.placeholder('keyHash')}::text, ${sql.placeholder('maxAttempts')}::integer,
        ${sql.placeholder('tokenHash')}::text, ${sql.placeholder('tokenTtlSeconds')}::integer,
        ${sql.placeholder('failuresBucket')}::text, ${sql.placeholder('failuresMax')}::integer, ${sql.placeholder('client')}::text) as k`,
    )
    .prepare('use_sms_key_v2'),
);

/**
 * Compares a key with the phone's usable keys and counts it, in one statement: the
 * use_sms_key function (src/phone-verify/sql/use_sms_key.sql) checks the phone's daily
 * failure budget, marks a matching key used (issuing the verification token on its row,
 * with `token`) or counts a wrong one against the keys and the budget, under the phone's
 * lock, so at most `maxAttempts` guesses are ever compared against a key, however many
 * arrive at once, and of two requests racing on one key exactly one gets it. Past the
 * budget, only a key `client` asked for is compared, once.
 */
export async function useSmsKey(
  db: Db,
  v: {
    phone: string;
    keyHash: string;
    maxAttempts: number;
    failures: { bucket: string; max: number };
    /** The client asking, as request_sms_keys stored the client that asked for a key (clientOf). */
    client: string;
    token?: { hash: string; ttlSeconds: number };
  },
): Promise<KeyUse> {
  const [row] = await useKeyStatement(db).execute({
    phone: v.phone,
    keyHash: v.keyHash,
    maxAttempts: v.maxAttempts,
    tokenHash: v.token?.hash ?? null,
    tokenTtlSeconds: v.token?.ttlSeconds ?? 0,
    failuresBucket: v.failures.bucket,
    failuresMax: v.failures.max,
    client: v.client,
  });
  if (!row) throw new Error('use_sms_key answered nothing');
  if (row.outcome === 'throttled') return { outcome: 'throttled', retryAfter: Number(row.retryAfter ?? 1) };
  return { outcome: row.outcome };
}

/** A verification token issued for `phone`, neither used nor expired. */
const tokenUsable = (v: { tokenHash: string; phone: string }) =>
  and(eq(pv.tokenHash, v.tokenHash), eq(pv.phoneNumber, v.phone), isNull(pv.tokenUsedAt), gt(pv.tokenExpiresAt, sql`now()`));

/** Consumes a verification token issued for `phone`, atomically: the first caller wins. */
export async function markTokenUsed(db: Db, v: { tokenHash: string; phone: string }): Promise<boolean> {
  const rows = await db.update(pv).set({ tokenUsedAt: sql`now()` }).where(tokenUsable(v)).returning({ id: pv.id });
  return rows.length === 1;
}

/** Whether the token is usable now, without consuming it. */
export async function isTokenUsable(db: Db, v: { tokenHash: string; phone: string }): Promise<boolean> {
  const rows = await db.select({ id: pv.id }).from(pv).where(tokenUsable(v)).limit(1);
  return rows.length === 1;
}

/** Withdrawal: every key and token sent to the phone goes, with the number they hold in clear. */
export async function deletePhoneVerifications(db: Db, phone: string): Promise<void> {
  await db.delete(pv).where(eq(pv.phoneNumber, phone));
}

/** Past any use: made over a day before the longest lifetime of a key or token. */
const pastUse = (longestTtlSeconds: number) => sql`now() - interval '1 day' - ${longestTtlSeconds} * interval '1 second'`;

/** Up to `limit` keys and tokens past any use (phone_verifications_created_idx); answers how many it deleted. */
export async function deleteOldKeys(db: Db, longestTtlSeconds: number, limit: number): Promise<number> {
  return deleteBatch(db, pv, sql`${pv.createdAt} < ${pastUse(longestTtlSeconds)}`, sql`${pv.createdAt}`, limit);
}

/**
 * Up to `limit` minutes of the conversion breaker's counts (sms_conversion) older than any
 * key they count (the breaker reads the last hour); answers how many it deleted.
 */
export async function deleteOldConversionSlots(db: Db, longestTtlSeconds: number, limit: number): Promise<number> {
  return deleteBatch(db, smsConversion, sql`${smsConversion.slot} < ${pastUse(longestTtlSeconds)}`, sql`${smsConversion.slot}`, limit);
}
