import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { testNumberKeys } from '../config/rules.js';
import type { AppContext } from '../context.js';
import { ApiError, throttled } from '../http/errors.js';
import type { BreakerEvent, KeyRequest, SpendPolicy } from './repository.js';

/** The spend caps and the conversion breaker of SMS_MAX_PER_HOUR/DAY and SMS_BREAKER_*. */
export function spendPolicy(ctx: AppContext): SpendPolicy {
  const { throttle, smsBreaker, phone } = ctx.config;
  return {
    hourMax: throttle.smsPerHour,
    dayMax: throttle.smsPerDay,
    breakerMinSent: smsBreaker.minSent,
    breakerMinConversion: smsBreaker.minConversion,
    homeCountry: getCountryCallingCode(phone.defaultRegion as CountryCode),
  };
}

/** Per instance: the window of each cap whose breach was already logged, so a flood logs once. */
const loggedWindows = new WeakMap<AppContext, Map<string, number>>();

/**
 * What the breaker did for the request's country, told once per event by the database; an
 * alarm (the home country's keys go unconfirmed: not paused) on every batch while it
 * lasts, so it is logged and counted once an hour per instance.
 */
export function reportBreaker(ctx: AppContext, country: string, event: BreakerEvent): void {
  if (event === 'alarm') {
    const logged = loggedWindows.get(ctx) ?? new Map<string, number>();
    loggedWindows.set(ctx, logged);
    const hour = Math.floor(Date.now() / 3_600_000);
    if (logged.get(`alarm:${country}`) === hour) return;
    logged.set(`alarm:${country}`, hour);
  }
  ctx.metrics?.smsCountryBreaker.inc({ country_code: country, event });
  if (event === 'alarm') {
    const { minSent, minConversion } = ctx.config.smsBreaker;
    ctx.log.error(
      { country_code: country, min_sent: minSent, min_conversion: minConversion },
      `SMS to +${country}: at least ${minSent} keys sent there in the last hour, fewer than ${minConversion * 100}% ` +
        'confirmed (SMS pumping?); not paused, as the home region (PHONE_DEFAULT_REGION) never is: the per-IP and spend caps bound it',
    );
  } else if (event === 'paused') {
    const { minSent, minConversion } = ctx.config.smsBreaker;
    ctx.log.error(
      { country_code: country, min_sent: minSent, min_conversion: minConversion },
      `SMS to +${country} paused for an hour: at least ${minSent} keys sent there in the last hour, fewer than ` +
        `${minConversion * 100}% confirmed (SMS pumping?)`,
    );
  } else {
    ctx.log.warn({ country_code: country }, `SMS to +${country} resumed: the conversion breaker's hour is over`);
  }
}

/** The answer for a request the database refused: 429 for the throttles, 503 for the service's defences. */
export function refusalError(ctx: AppContext, country: string, r: Extract<KeyRequest, { stored: false }>): ApiError {
  const wait = Math.max(1, Math.ceil(r.retryAfter));
  const headers = { 'retry-after': String(wait) };
  switch (r.refusal) {
    case 'spend_hour':
    case 'spend_day': {
      const cap = r.refusal === 'spend_hour' ? 'hour' : 'day';
      ctx.metrics?.smsSpendRefused.inc({ cap });
      const logged = loggedWindows.get(ctx) ?? new Map<string, number>();
      loggedWindows.set(ctx, logged);
      const window = r.windowStart?.getTime() ?? 0;
      if (logged.get(cap) !== window) {
        logged.set(cap, window);
        const max = cap === 'hour' ? ctx.config.throttle.smsPerHour : ctx.config.throttle.smsPerDay;
        ctx.log.error(
          { cap, max, window_start: r.windowStart?.toISOString(), retry_after: wait },
          `SMS spend cap reached: ${max} keys this ${cap} (SMS_MAX_PER_${cap.toUpperCase()}); POST /phone-verify answers 503 for ${wait} s`,
        );
      }
      return new ApiError('sms_spend_cap', { wait }, headers);
    }
    case 'country_paused':
      ctx.metrics?.smsCountryRefused.inc({ country_code: country });
      return new ApiError('sms_country_paused', { wait }, headers);
    default:
      return throttled(r.retryAfter, r.refusal);
  }
}

/** SMS_TEST_NUMBERS by E.164 number, worked out once per app. */
const testKeys = new WeakMap<AppContext, Map<string, string>>();
export function testNumberKey(ctx: AppContext, phone: string): string | undefined {
  if (!ctx.config.sms.testNumbers) return undefined;
  let keys = testKeys.get(ctx);
  if (!keys) {
    keys = testNumberKeys(ctx.config);
    testKeys.set(ctx, keys);
  }
  return keys.get(phone);
}

/** The calling codes of PHONE_ALLOWED_REGIONS, worked out once per app. */
const callingCodes = new WeakMap<AppContext, string[]>();

/**
 * The country calling code of an E.164 number of an allowed region (`82`), which the
 * breaker counts by: calling codes are a prefix code, so the one the number starts with is
 * its own, without parsing the number again.
 */
export function countryOf(ctx: AppContext, phone: string): string {
  let codes = callingCodes.get(ctx);
  if (!codes) {
    codes = [...new Set(ctx.config.phone.allowedRegions.map((r) => getCountryCallingCode(r as CountryCode)))];
    callingCodes.set(ctx, codes);
  }
  const code = codes.find((c) => phone.startsWith(`+${c}`));
  if (code === undefined) throw new Error('a number of a region that is not allowed got past parsePhoneNumber');
  return code;
}
