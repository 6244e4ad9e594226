import { normalizeIP } from '@fastify/rate-limit';
import { secretHash } from '../crypto/keyed-hash.js';
import type { ResolvedConfig } from '../config.js';
import type { Db } from '../db/client.js';

/** What the counters need of the app: its settings and its database (an AppContext is one). */
export interface ThrottleContext {
  config: ResolvedConfig;
  db: Db;
}

/** Bucket names are keyed hashes: the table never holds a phone number, email or IP. */
const bucket = (ctx: ThrottleContext, kind: string, ...parts: string[]) =>
  `${kind}:${secretHash(ctx.config.secretKey, 'throttle', parts.join('\0'))}`;

/**
 * A client IP as a bucket counts it, the way the flood guard does: an IPv4-mapped IPv6
 * address as its IPv4 one, an IPv6 one as its /64, which one subscriber usually holds whole.
 */
export const clientOf = (ip: string) => normalizeIP(ip);

/** The counters of SMS_MAX_PER_PHONE_PER_HOUR, SMS_MAX_PER_PHONE_PER_DAY and SMS_MAX_PER_IP_PER_HOUR. */
export interface SmsLimits {
  phoneHour: { bucket: string; max: number };
  phoneDay: { bucket: string; max: number };
  ip: { bucket: string; max: number };
}

/**
 * Against SMS pumping: keys sent per phone per day, keys sent per phone per hour at one
 * client's request (so one client cannot spend a phone's keys and lock its owner out), and
 * key requests per client IP per hour. Counted, with the key's insert, by request_sms_keys
 * in the database (see requestSmsKeys in src/phone-verify/repository.ts).
 */
export function smsLimits(ctx: ThrottleContext, phone: string, ip: string): SmsLimits {
  const t = ctx.config.throttle;
  return {
    phoneHour: { bucket: bucket(ctx, 'sms-phone-hour', phone, clientOf(ip)), max: t.perPhonePerHour },
    phoneDay: { bucket: `sms-phone-day:${secretHash(ctx.config.secretKey, 'throttle', phone)}`, max: t.perPhonePerDay },
    ip: { bucket: bucket(ctx, 'sms-ip-hour', clientOf(ip)), max: t.perIpPerHour },
  };
}

/**
 * OTP_MAX_FAILURES_PER_PHONE_PER_DAY: wrong keys for a phone over all its keys, which a new
 * key does not reset (NIST SP 800-63B). Counted, with the comparison, by use_sms_key in the
 * database (see useSmsKey in src/phone-verify/repository.ts).
 */
export function keyFailureLimit(ctx: ThrottleContext, phone: string) {
  return {
    bucket: `sms-key-failures:${secretHash(ctx.config.secretKey, 'throttle', phone)}`,
    max: ctx.config.throttle.keyFailuresPerPhonePerDay,
  };
}

/**
 * Against password guessing: LOGIN_MAX_FAILURES attempts per identifier and client IP per
 * window. Login counts each attempt before any secret is checked, so even racing requests
 * get at most that many checks per window, and past it the answer is 429 even with the
 * right secret, until the window passes; a successful login clears the count. Both happen
 * in login's own statements (src/login/repository.ts). The identifier is the folded email
 * (foldEmail in src/email/address.ts, the same that finds the account) or the E.164 number,
 * so every spelling of one address shares one bucket.
 */
export function loginLimit(ctx: ThrottleContext, identifier: string, ip: string) {
  return {
    bucket: bucket(ctx, 'login', identifier, clientOf(ip)),
    windowSeconds: ctx.config.throttle.loginFailureWindow,
    max: ctx.config.throttle.loginMaxFailures,
  };
}
