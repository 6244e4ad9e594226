import { ValidationError } from '../http/errors.js';
import type { EmailAddress } from '../http/parsed.js';

// Deliberately loose: the real check of an address is the mail that reaches it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * Characters no one can see or that steer how text is shown: controls (C0, DEL, C1),
 * format characters (zero-width space and joiners, bidi controls, BOM), other default
 * ignorables (Hangul fillers, variation selectors), line and paragraph separators,
 * surrogates, private use and unassigned code points. An address holding one looks like
 * another address.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** Longest address, in characters, once normalised (RFC 5321's path limit less its brackets). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * The email as it is stored and shown: trimmed, NFC, in the user's own case. Refused with a
 * 400 on `field`: invisible or control characters, full-width and other compatibility
 * forms (what NFKC would change: `ｋｉｍ@example.com` is refused, not folded into
 * `kim@example.com`, so an address is never silently turned into another one), and more
 * than 254 characters.
 */
export function normalizeEmail(raw: string, field = 'email'): EmailAddress {
  const email = raw.trim().normalize('NFC');
  if (INVISIBLE.test(email)) throw ValidationError.field(field, 'email_invisible_characters');
  if (email.normalize('NFKC') !== email) throw ValidationError.field(field, 'email_compatibility_characters');
  if ([...email].length > EMAIL_MAX_LENGTH) throw ValidationError.field(field, 'max_length', { limit: EMAIL_MAX_LENGTH });
  if (!EMAIL.test(email)) throw ValidationError.field(field, 'invalid_email');
  return email as EmailAddress;
}

/**
 * The one case rule: the folded form under which an email is unique, looked up and throttled.
 * JavaScript's locale-independent Unicode lowercasing (PRECIS's rule, RFC 8265), then NFC
 * again, computed here and nowhere else: the database only compares keys, never lowercases,
 * since its lower() depends on its locale (`İ` became `i` there and `i̇` here).
 */
export function foldEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase().normalize('NFC');
}
