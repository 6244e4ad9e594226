import type { AppContext } from '../context.js';
import { secretHash } from '../crypto/keyed-hash.js';
import { newSmsKey, newVerifyToken } from '../crypto/random.js';
import type { Db } from '../db/client.js';
import { smsUnavailable, throttled, unauthorized, ValidationError } from '../http/errors.js';
import type { Lang } from '../http/messages.js';
import type { E164, SmsKeyDigits } from '../http/parsed.js';
import { formatPhoneNumber } from '../phone/phone-number.js';
import { renderSmsText } from '../sms/template.js';
import { clientOf, keyFailureLimit, smsLimits } from '../throttle/limits.js';
import { checkCaptcha } from './captcha.js';
import { countryOf, refusalError, reportBreaker, spendPolicy, testNumberKey } from './defences.js';
import * as repo from './repository.js';

const keyHash = (ctx: AppContext, phone: string, key: string) => secretHash(ctx.config.secretKey, 'sms-key', `${phone}:${key}`);
const verifyTokenHash = (ctx: AppContext, token: string) => secretHash(ctx.config.secretKey, 'verify-token', token);

/** Not E.164, so no key or token is ever stored for it: callers without an account run the same queries on it. */
export const NO_PHONE = '+';

/**
 * Sends a fresh key to the phone, after the defences: the conversion breaker of its
 * country (never a pause of the home region's), the resend cooldown, the per-phone and
 * per-IP caps and the service's spend caps. The checks, the counts and the key's insert are one atomic statement
 * (repo.requestSmsKeys), under a per-phone lock, so racing requests cannot slip past the
 * cooldown or a cap, and a refused request counts nothing.
 * The key is stored (as a hash) before sending, so a user who gets the SMS at once can
 * use it; if every provider fails, the key is discarded and the earlier one stays usable.
 * With CAPTCHA_PROVIDER, the CAPTCHA is checked first. A test number (SMS_TEST_NUMBERS)
 * gets its fixed key, with no SMS, no CAPTCHA and nothing counted.
 */
export async function sendSmsKey(
  ctx: AppContext,
  input: { phone_number: E164; captcha_token?: string },
  client: { ip: string; lang: Lang },
): Promise<void> {
  const phone = input.phone_number;
  const fixedKey = testNumberKey(ctx, phone);
  if (fixedKey !== undefined) {
    await repo.storeFixedSmsKey(ctx.db, { phone, keyHash: keyHash(ctx, phone, fixedKey), ttlSeconds: ctx.config.ttl.code });
    return;
  }
  await checkCaptcha(ctx, input.captcha_token, client.ip);
  const country = countryOf(ctx, phone);
  const key = newSmsKey();
  const request = await repo.requestSmsKeys(ctx.db, {
    phone,
    country,
    keyHash: keyHash(ctx, phone, key),
    client: clientOf(client.ip),
    limits: smsLimits(ctx, phone, client.ip),
    policy: {
      ttlSeconds: ctx.config.ttl.code,
      cooldownSeconds: ctx.config.throttle.resendCooldown,
      maxAttempts: ctx.config.otpMaxAttempts,
      trickleSeconds: ctx.config.throttle.phoneTrickle,
    },
    spend: spendPolicy(ctx),
  });
  if (request.breaker) reportBreaker(ctx, country, request.breaker);
  if (!request.stored) throw refusalError(ctx, country, request);
  const { id, olderPending } = request;
  const template = client.lang === 'en' ? ctx.config.sms.templateEn : ctx.config.sms.template;
  try {
    await ctx.sms.send(phone, renderSmsText(template, ctx.config.appName, key), { key, lang: client.lang });
  } catch (err) {
    await repo.discardSmsKey(ctx.db, id);
    ctx.log.error({ err, provider: ctx.sms.name }, 'SMS provider failed; the key was discarded');
    throw smsUnavailable();
  }
  // Under the per-phone lock no other key for this phone could be added, so with none
  // pending then (the usual case: a first key, or the last one was used) nothing to retire.
  if (olderPending) await repo.retireOlderKeys(ctx.db, phone, id);
}

/** The key as the client sent it (string or JSON number), or a 400 on `key`. */
export function normalizeSmsKey(raw: string | number): SmsKeyDigits {
  const key = typeof raw === 'number' ? String(raw) : raw.trim();
  if (!/^\d{1,12}$/.test(key)) throw ValidationError.field('key', 'invalid_key');
  return key as SmsKeyDigits;
}

/**
 * Uses a usable key once: for confirmation (issuing a token) or for login, from client IP
 * `ip`. The comparison, the count of a wrong key and the phone's daily failure budget are
 * one statement (repo.useSmsKey). Every failure is the same 401. Once the budget is spent,
 * a key still works on its first try from the client that asked for it; anything else is a 429.
 */
export async function useSmsKey(ctx: AppContext, phone: string, key: SmsKeyDigits, ip: string, token?: string): Promise<void> {
  const use = await repo.useSmsKey(ctx.db, {
    phone,
    keyHash: keyHash(ctx, phone, key),
    maxAttempts: ctx.config.otpMaxAttempts,
    failures: keyFailureLimit(ctx, phone),
    client: clientOf(ip),
    ...(token ? { token: { hash: verifyTokenHash(ctx, token), ttlSeconds: ctx.config.ttl.verifyToken } } : {}),
  });
  if (use.outcome === 'throttled') throw throttled(use.retryAfter, 'sms_key_failures');
  if (use.outcome !== 'used') throw unauthorized('sms_key_not_valid');
}

/** Confirms the key sent to the phone, answering the one-time verification token for that phone. */
export async function confirmSmsKey(ctx: AppContext, input: { phone_number: E164; key: SmsKeyDigits }, ip: string) {
  const phone = input.phone_number;
  const token = newVerifyToken();
  await useSmsKey(ctx, phone, input.key, ip, token);
  return { phone_number: formatPhoneNumber(phone, ctx.config.phone), is_verified: true, token };
}

/**
 * Consumes a verification token issued for `phone`, atomically (of two callers, one
 * wins). `db` is the caller's transaction, so the token is spent only if the change it
 * proves is written too. Answers whether the token was valid.
 */
export async function consumeVerificationToken(ctx: AppContext, db: Db, v: { phone: string; token: string }): Promise<boolean> {
  return repo.markTokenUsed(db, { tokenHash: verifyTokenHash(ctx, v.token), phone: v.phone });
}

/**
 * Whether a verification token is usable for `phone` now, without consuming it: checked
 * before work that only a valid token may cost (a password hash). Consuming it is still
 * {@link consumeVerificationToken}'s, in the transaction of the change.
 */
export async function verificationTokenUsable(ctx: AppContext, v: { phone: string; token: string }): Promise<boolean> {
  return repo.isTokenUsable(ctx.db, { tokenHash: verifyTokenHash(ctx, v.token), phone: v.phone });
}

/**
 * A number leaving an account, inside the transaction that ends the account or moves it to
 * another phone: every key and token sent to the number goes, with the number and the
 * client IPs they keep, so nothing of the account's earlier numbers waits for the sweep.
 */
export async function forgetPhone(db: Db, phone: string): Promise<void> {
  await repo.deletePhoneVerifications(db, phone);
}
