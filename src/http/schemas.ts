import { Type } from 'typebox';
import { parsedAs } from './field-stage.js';
import type { E164, EmailAddress, SmsKeyDigits } from './parsed.js';
import { type DetailCode, type StatusOf, statusOf, translate } from './messages.js';

/**
 * Building blocks for route schemas. Strings refuse NUL bytes and lone UTF-16 surrogates
 * (PostgreSQL text can hold neither: PGlite failed the query, node-postgres would store
 * U+FFFD) and blanks, so bad input is a 400 before it reaches the database. ajv compiles
 * patterns with the `u` flag, so a surrogate pair (an emoji) is one character and passes.
 *
 * The patterns must run in linear time, since ajv (allErrors) tests them even on strings
 * far over maxLength: leading blanks and the first other character are disjoint, so this
 * one never backtracks more than once per character.
 */
const NO_NUL_NOT_BLANK = '^\\s*[^\\u0000\\s\\uD800-\\uDFFF][^\\u0000\\uD800-\\uDFFF]*$';
/** Profile text (name, nickname) refuses every control character too: C0 (NUL among them), DEL, C1. */
const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f-\\u009f\\uD800-\\uDFFF]*$';

export const Text = (maxLength: number, extra: { description?: string; examples?: unknown[] } = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: NO_NUL_NOT_BLANK, ...extra });

/**
 * Optional profile text (name, nickname), as the seed's model holds it: `null` when never
 * given. `null`, `""` and blanks are stored and answered as `null`; other text is trimmed.
 * No control characters (they could steer a terminal that shows it).
 */
export const ProfileText = (maxLength: number) =>
  parsedAs(
    'profile-text',
    Type.Unsafe<string | null>(
      Type.Union([Type.String({ maxLength, pattern: NO_CONTROL }), Type.Null()], {
        description: `At most ${maxLength} characters once trimmed; \`null\`, empty or blank: none (answered as \`null\`)`,
      }),
    ),
  );

/** Text that may be `null` in an answer (a profile field never given). */
export const NullableString = (extra: { examples?: unknown[] } = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...extra });

// 254 characters is the limit once trimmed and normalised (src/email/address.ts); before, a little more.
export const Email = parsedAs(
  'email',
  Type.Unsafe<EmailAddress>(Text(1024, {
    description:
      'Trimmed and NFC-normalised, then at most 254 characters; unique without regard to case; no invisible, control or full-width characters',
    examples: ['user@example.com'],
  })),
);
export const PhoneNumber = parsedAs(
  'phone',
  Type.Unsafe<E164>(Text(64, {
    description:
      '`010-1234-5678`, `01012345678`, `+82 10-1234-5678` or `+821012345678`: digits, spaces, hyphens, dots, parentheses and one leading `+`, nothing else',
    examples: ['010-1234-5678'],
  })),
);
/** A password to check against the one stored (login, re-authentication): any text. */
export const Password = Text(1024, { description: 'The password policy allows at most 128 characters' });
/** A password to set: the policy's own rules are judged with the other fields. */
export const NewPassword = parsedAs(
  'new-password',
  Text(1024, {
    description:
      '8 to 128 characters, not entirely numeric, not a common password, not too similar to the email, name or nickname',
  }),
);
export const SmsKey = parsedAs(
  'sms-key',
  Type.Unsafe<SmsKeyDigits>(
    Type.Union([Text(12), Type.Integer({ minimum: 0, maximum: 999_999_999_999 })], {
      description: 'The 6-digit key from the SMS, as a string or a number',
      examples: ['123456'],
    }),
  ),
);
export const VerifyToken = Text(64, { description: 'Token from /phone-verify/confirm', examples: ['215c28eeae484eb2b86e134a4fbc66d8'] });

/** POST /users/me/phone-number: the new phone's token, and a proof that the account's owner asks. */
export const PhoneNumberChange = Type.Object({
  phone_number: PhoneNumber,
  token: VerifyToken,
  password: Type.Optional(Password),
  current_token: Type.Optional(
    Text(64, { description: 'Instead of `password`: a token from /phone-verify/confirm for the present phone' }),
  ),
});

/** POST /login's body, and the pages' login that forwards it: exactly one identifier and one secret, judged by the service. */
export const LoginCredentials = Type.Object({
  email: Type.Optional(Email),
  phone_number: Type.Optional(PhoneNumber),
  password: Type.Optional(Password),
  key: Type.Optional(SmsKey),
});

/** A code of the second factor: 6 digits from the authenticator app, or one of the recovery codes. */
export const SecondFactorCode = Text(64, {
  description: 'The 6-digit code the authenticator app shows, or one of the recovery codes (`xxxx-xxxx-xxxx`)',
  examples: ['123456'],
});

/** A session as its owner sees it in the list of where they are logged in. */
export const Session = Type.Object({
  id: Type.String({ format: 'uuid' }),
  created_at: Type.String({ format: 'date-time', description: 'When the login opened it' }),
  refreshed_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When /login/refresh last gave it an access token; null if never',
  }),
  ip: Type.Union([Type.String(), Type.Null()], { description: 'The client IP it was opened from' }),
  user_agent: Type.Union([Type.String(), Type.Null()], { description: 'The User-Agent it was opened with, at most 256 characters' }),
  current: Type.Boolean({ description: 'The session of the access token asking' }),
});

export const User = Type.Object({
  id: Type.Integer({ examples: [3] }),
  email: Type.String({ examples: ['user@example.com'] }),
  name: NullableString({ examples: ['김동우'] }),
  nickname: NullableString(),
  phone_number: Type.String({ examples: ['01012345678'] }),
});

export const FieldErrors = Type.Record(Type.String(), Type.Array(Type.String()), {
  description: 'Validation errors, one key per bad field (`non_field_errors` for the rest)',
  examples: [{ phone_number: ['이 필드는 필수 항목입니다.'] }],
});
/** An answer without a body (the seed's "No Data"). */
export const NoContent = Type.Unsafe<void>({ description: 'No body' });

/** An error not tied to a field, of one status: `code` is one of `codes`, each listed with its English message. */
export function detailSchema<C extends DetailCode>(codes: readonly C[]) {
  return Type.Object(
    { detail: Type.String(), code: Type.Unsafe<C>({ type: 'string', enum: [...codes] }) },
    { description: codes.map((c) => `- \`${c}\`: ${translate(c, 'en')}`).join('\n') },
  );
}
type DetailSchema = ReturnType<typeof detailSchema<DetailCode>>;

/**
 * The `{"detail", "code"}` answers of a route, one schema per status, from the codes its
 * service may answer, e.g. `response: { 200: User, ...errorResponses('invalid_verify_token') }`.
 * The codes of the shared pieces (the flood guard, the bearer guard, the body, a 5xx) and
 * DRF's 400 are added by those pieces (http/error-codes.ts).
 */
export function errorResponses<const C extends DetailCode>(...codes: C[]): Record<StatusOf<C>, DetailSchema> {
  const byStatus: Record<number, DetailCode[]> = {};
  for (const code of codes) (byStatus[statusOf(code)] ??= []).push(code);
  const schemas: Record<number, DetailSchema> = {};
  for (const [status, list] of Object.entries(byStatus)) schemas[Number(status)] = detailSchema(list);
  return schemas as Record<StatusOf<C>, DetailSchema>;
}
