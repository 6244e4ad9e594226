import { ValidationError } from '../http/errors.js';

// Deliberately loose: the real check of an address is the mail that reaches it.
const EMAIL = /^[^\s@\u0000]+@[^\s@\u0000]+\.[^\s@\u0000]+$/u;

/** The email as it is stored (trimmed, the user's own case), or a 400 on `field`. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw ValidationError.field(field, 'invalid_email');
  return email;
}
