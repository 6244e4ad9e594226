import type { CountryCode } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ValidationError } from '../http/errors.js';
import type { E164 } from '../http/parsed.js';

export interface PhoneRules {
  defaultRegion: string;
  allowedRegions: string[];
}

/** Full-width forms of what a number may hold (a Korean IME's full-width mode types them), and the ideographic space. */
const FULL_WIDTH = /[\uFF08\uFF09\uFF0B\uFF0D\uFF0E\uFF10-\uFF19\u3000]/g;
const halfWidth = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * A phone number and nothing else: digits, spaces, hyphens, dots, parentheses, one leading
 * `+`. libphonenumber finds a number inside any text (`010-1234-5678 call me`), so this is
 * judged first.
 */
const ONLY_A_NUMBER = /^\+?[0-9 ().-]+$/;

/**
 * Parses what a client typed (`010-1234-5678`, `+82 10-1234-5678`, …) into E.164, or
 * refuses it as a 400 on `field`. Only mobile numbers of the allowed regions pass: a code
 * sent to a landline or a premium number is money lost to SMS pumping. The `max` metadata
 * is what lets libphonenumber tell mobile numbers from the rest.
 */
export function parsePhoneNumber(input: string, rules: PhoneRules, field = 'phone_number'): E164 {
  // Bound the work: no real number is this long.
  const typed = input.length <= 64 ? input.trim().replace(FULL_WIDTH, halfWidth) : '';
  if (!ONLY_A_NUMBER.test(typed)) throw ValidationError.field(field, 'invalid_phone');
  const key = `${rules.defaultRegion}|${rules.allowedRegions.join(',')}|${typed}`;
  const known = parsedNumbers.get(key);
  if (known !== undefined) return known;
  const number = parseMobileNumber(typed, rules, field);
  if (parsedNumbers.size >= PARSE_CACHE_MAX) parsedNumbers.clear();
  parsedNumbers.set(key, number);
  return number;
}

function parseMobileNumber(typed: string, rules: PhoneRules, field: string): E164 {
  const parsed = parsePhoneNumberFromString(typed, rules.defaultRegion as CountryCode);
  if (!parsed || parsed.ext || !parsed.isValid()) throw ValidationError.field(field, 'invalid_phone');
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') throw ValidationError.field(field, 'invalid_phone');
  if (!parsed.country || !rules.allowedRegions.includes(parsed.country)) {
    throw ValidationError.field(field, 'phone_region_not_allowed');
  }
  return parsed.number as E164;
}

/**
 * Numbers that parsed, by rules and text: the same numbers come back (a phone that logs in
 * by SMS asks for a key, confirms it, logs in), and libphonenumber with the full metadata
 * is the dearer part of a request's own code. Bounded, and dropped wholesale when full.
 */
const parsedNumbers = new Map<string, E164>();
const PARSE_CACHE_MAX = 10_000;

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
