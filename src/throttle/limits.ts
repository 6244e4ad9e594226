import { secretHash } from '../auth/secrets.js';
import type { AppContext } from '../context.js';
import { throttled } from '../http/errors.js';
import { hit, reset } from './counters.js';

/** Bucket names are keyed hashes: the table never holds a phone number, email or IP. */
const bucket = (ctx: AppContext, kind: string, ...parts: string[]) =>
  `${kind}:${secretHash(ctx.config.secretKey, 'throttle', parts.join('\0'))}`;

/**
 * Against SMS pumping: codes requested per client IP per hour, then codes sent per phone
 * per hour and per day. Every refusal is a 429 with Retry-After.
 */
export async function throttleSmsRequest(ctx: AppContext, phone: string, ip: string): Promise<void> {
  const t = ctx.config.throttle;
  const limits: [string, number, number][] = [
    [bucket(ctx, 'sms-ip-hour', ip), 3600, t.perIpPerHour],
    [bucket(ctx, 'sms-phone-hour', phone), 3600, t.perPhonePerHour],
    [bucket(ctx, 'sms-phone-day', phone), 86_400, t.perPhonePerDay],
  ];
  for (const [name, window, max] of limits) {
    const { count, retryAfter } = await hit(ctx.db, name, window);
    if (count > max) throw throttled(retryAfter);
  }
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
