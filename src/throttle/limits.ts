import { secretHash } from '../auth/secrets.js';
import type { AppContext } from '../context.js';
import { throttled } from '../http/errors.js';
import { hit, hitAll, reset } from './counters.js';

/** Bucket names are keyed hashes: the table never holds a phone number, email or IP. */
const bucket = (ctx: AppContext, kind: string, ...parts: string[]) =>
  `${kind}:${secretHash(ctx.config.secretKey, 'throttle', parts.join('\0'))}`;

/**
 * Against SMS pumping: codes sent per phone per hour and per day, and codes requested per
 * client IP per hour, counted in one statement. Every refusal is a 429 with Retry-After
 * (the longest wait among the limits exceeded). Meant to run last in the transaction
 * that stores the key: the per-IP row is shared by every request from that IP and stays
 * locked until commit, so nothing should come between this and the commit.
 */
export async function throttleSmsRequest(ctx: AppContext, phone: string, ip: string): Promise<void> {
  const t = ctx.config.throttle;
  const phoneHash = secretHash(ctx.config.secretKey, 'throttle', phone);
  const limits = [
    { bucket: `sms-phone-hour:${phoneHash}`, windowSeconds: 3600, max: t.perPhonePerHour },
    { bucket: `sms-phone-day:${phoneHash}`, windowSeconds: 86_400, max: t.perPhonePerDay },
    { bucket: bucket(ctx, 'sms-ip-hour', ip), windowSeconds: 3600, max: t.perIpPerHour },
  ];
  const hits = await hitAll(ctx.db, limits);
  let wait = 0;
  for (const l of limits) {
    const h = hits.get(l.bucket);
    if (h && h.count > l.max) wait = Math.max(wait, h.retryAfter);
  }
  if (wait > 0) throw throttled(wait);
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
