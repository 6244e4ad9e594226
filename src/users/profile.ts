import { ValidationError } from '../http/errors.js';

/** C0 controls, DEL and C1 controls: what can steer a terminal (escape sequences) or forge a line. */
const CONTROL = /\p{Cc}/u;

export const PROFILE_TEXT_MAX_LENGTH = 255;

/**
 * A name or nickname as it is stored: trimmed, or null when there is none (never given,
 * null, empty or blank), as the seed's model keeps it: one empty value, not two. Control
 * characters (refused before trimming, so a trailing newline is refused too, as the HTTP
 * schema refuses it) and more than 255 characters are a 400 on `field`.
 */
export function profileText(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined) return null;
  if (CONTROL.test(raw)) throw ValidationError.field(field, 'control_characters');
  const text = raw.trim();
  if ([...text].length > PROFILE_TEXT_MAX_LENGTH) {
    throw ValidationError.field(field, 'max_length', { limit: PROFILE_TEXT_MAX_LENGTH });
  }
  return text === '' ? null : text;
}
