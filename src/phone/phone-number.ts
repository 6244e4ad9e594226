import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ValidationError } from '../http/errors.js';

export interface PhoneRules {
  defaultRegion: string;
  allowedRegions: string[];
}

/**
 * Parses what a client typed (`010-1234-5678`, `+82 10-1234-5678`, …) into E.164, or
 * refuses it as a 400 on `field`. Only mobile numbers of the allowed regions pass: a code
 * sent to a landline or a premium number is money lost to SMS pumping. The `max` metadata
 * is what lets libphonenumber tell mobile numbers from the rest.
 */
export function parsePhoneNumber(input: string, rules: PhoneRules, field = 'phone_number'): string {
  // Bound the work: no real number is this long.
  const parsed = input.length <= 64 ? parsePhoneNumberFromString(input, rules.defaultRegion as CountryCode) : undefined;
  if (!parsed || parsed.ext || !parsed.isValid()) throw ValidationError.field(field, 'invalid_phone');
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') throw ValidationError.field(field, 'invalid_phone');
  if (!parsed.country || !rules.allowedRegions.includes(parsed.country)) {
    throw ValidationError.field(field, 'phone_region_not_allowed');
  }
  return parsed.number;
}

/**
 * Answers are formatted from what is stored; parsing with the full metadata costs more than
 * the rest of GET /users/me's own code, so results are remembered (a pure function of its
 * arguments; bounded, and dropped wholesale when full).
 */
const formatted = new Map<string, Map<string, string>>();
const FORMAT_CACHE_MAX = 10_000;

/** As the seed returns numbers: national digits (`01012345678`) for the default region, E.164 otherwise. */
export function formatPhoneNumber(e164: string | null, rules: PhoneRules): string {
  if (!e164) return '';
  let byNumber = formatted.get(rules.defaultRegion);
  if (!byNumber) formatted.set(rules.defaultRegion, (byNumber = new Map()));
  const known = byNumber.get(e164);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(e164);
  const out = parsed && parsed.country === rules.defaultRegion ? parsed.format('NATIONAL').replace(/\D/g, '') : e164;
  if (byNumber.size >= FORMAT_CACHE_MAX) byNumber.clear();
  byNumber.set(e164, out);
  return out;
}
