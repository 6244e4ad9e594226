import { secretHash } from '../auth/secrets.js';
import type { AppContext } from '../context.js';
import { throttled } from '../http/errors.js';
import { hit, reset } from './counters.js';

/** Bucket names are keyed hashes: the table never holds a phone number, email or IP. */
const bucket = (ctx: AppContext, kind: string, ...parts: string[]) =>
  `${kind}:${secretHash(ctx.config.secretKey, 'throttle', parts.join('\0'))}`;

/** The counters of SMS_MAX_PER_PHONE_PER_HOUR, SMS_MAX_PER_PHONE_PER_DAY and SMS_MAX_PER_IP_PER_HOUR. */
export interface SmsLimits {
  phoneHour: { bucket: string; max: number };
  phoneDay: { bucket: string; max: number };
  ip: { bucket: string; max: number };
}

/**
 * Against SMS pumping: keys sent per phone per hour and per day, and key requests per
 * client IP per hour. Counted, with the key's insert, by request_sms_key in the database
 * (see requestKey in src/phone-verify/repository.ts).
 */
export function smsLimits(ctx: AppContext, phone: string, ip: string): SmsLimits {
  const t = ctx.config.throttle;
  const phoneHash = secretHash(ctx.config.secretKey, 'throttle', phone);
  return {
    phoneHour: { bucket: `sms-phone-hour:${phoneHash}`, max: t.perPhonePerHour },
    phoneDay: { bucket: `sms-phone-day:${phoneHash}`, max: t.perPhonePerDay },
    ip: { bucket: bucket(ctx, 'sms-ip-hour', ip), max: t.perIpPerHour },
  };
}

const loginBucket = (ctx: AppContext, identifier: string, ip: string) => bucket(ctx, 'login', identifier, ip);

/**
 * Reserves one login attempt for this identifier from this IP before any secret is
 * checked, so even racing requests get at most LOGIN_MAX_FAILURES checks per window.
 * Past the limit the answer is 429 even with the right secret, until the window passes.
 */
export async function reserveLoginAttempt(ctx: AppContext, identifier: string, ip: string): Promise<void> {
  const { count, retryAfter } = await hit(ctx.db, loginBucket(ctx, identifier, ip), ctx.config.throttle.loginFailureWindow);
  if (count > ctx.config.throttle.loginMaxFailures) throw throttled(retryAfter, 'login_locked');
}

/** A successful login clears the failures it reserved. */
export async function clearLoginFailures(ctx: AppContext, identifier: string, ip: string): Promise<void> {
  await reset(ctx.db, loginBucket(ctx, identifier, ip));
}
