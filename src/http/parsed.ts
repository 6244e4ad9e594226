/*
 * What the field stage (field-stage.ts) hands a route once a field's parser judged it: the
 * parsed value replaces what the client sent, and these brands say so in the types, so a
 * service takes an E164 or an EmailAddress and never parses the field again.
 */

/** A number in E.164 (`+821012345678`) that parsePhoneNumber accepted: a mobile number of an allowed region. */
export type E164 = string & { readonly __parsed: 'E164' };

/** An address normalizeEmail accepted: trimmed, NFC, in its owner's case. */
export type EmailAddress = string & { readonly __parsed: 'EmailAddress' };

/** An SMS key as normalizeSmsKey reads it: 1 to 12 digits, whether the client sent a string or a JSON number. */
export type SmsKeyDigits = string & { readonly __parsed: 'SmsKeyDigits' };
