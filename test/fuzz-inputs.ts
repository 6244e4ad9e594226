import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { PASSWORD, SECRET } from './helpers.js';

/**
 * What a hostile or broken client sends, for test/fuzz.test.ts: hostile values of every
 * JSON type, odd and huge strings, and per field a pool of plausible values (valid phone
 * numbers, well-formed keys, the real email) so that some bodies pass validation and reach
 * the domain code. No pool holds a complete valid credential: the fuzz only makes refusals,
 * except where noted in the endpoint table.
 */

/** Characters that break naive code: NUL, direction overrides, BOM, lone surrogates, emoji, combining marks, quotes. */
const oddChar = fc.constantFrom(
  '\u0000', '\u0001', '\u001f', '\u007f', '\u202e', '\u200f', '\u200b', '\ufeff', '\ud800', '\udfff',
  '😀', '👨‍👩‍👧', '\u0301', '가', 'é', 'İ', 'ß', '\n', '\r', '\t', ' ', '\u00a0', '\u2028', '\u3000',
  "'", '"', '\\', '%', '_', '$', '{', '<', '@', '+', '-', '0', '１', '٠',
);

const huge = fc
  .tuple(fc.constantFrom('a', ' ', '가', '😀', '0', '\u202e'), fc.integer({ min: 65, max: 40_000 }), fc.boolean())
  .map(([c, n, nul]) => c.repeat(n) + (nul ? '\u0000' : ''));

export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: oddChar, maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'null', 'undefined', 'true', '[]', '{}', "' OR '1'='1' --", '"; drop table users; --', '__proto__', 'constructor'),
  { arbitrary: huge, weight: 1 },
);

/** Arrays nested far deeper than any parser or validator should walk naively. */
const deep = fc
  .tuple(fc.integer({ min: 2, max: 3000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, kind]) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
    return v;
  });

/** Any JSON value a field should not hold. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: oddString, weight: 4 },
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER + 2, 123456, 1.5),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
  deep,
);

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** An HS256 JWT signed with `secret`, made by hand, as a forger would. */
export function hs256(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', ...header })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/**
 * Tokens that look like `valid` but must all be refused: the other token type, alg none,
 * a foreign key's signature, HS256 over SECRET_KEY or over the public key while an
 * asymmetric key signs, another algorithm's header over the real kid, a tampered payload
 * or signature, wrong segment counts.
 */
export function forgedTokens(valid: string, otherType: string): string[] {
  const [head, payload, signature] = valid.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as Record<string, unknown>;
  const none = b64({ alg: 'none', typ: 'JWT' });
  const forged = [
    otherType,
    `${none}.${payload}.`,
    `${none}.${b64({ ...claims, user_id: 999 })}.`,
    hs256({ kid: header.kid }, claims, 'another-secret-key-that-is-long-enough-000'),
    `${b64({ ...header, alg: header.alg === 'RS256' ? 'ES256' : 'RS256' })}.${payload}.${signature}`,
    `${b64({ ...header, kid: 'no-such-key' })}.${payload}.${signature}`,
    `${b64({ ...header, kid: 42 })}.${payload}.${signature}`,
  ];
  // Algorithm confusion only exists while an asymmetric key signs; in HS256 mode SECRET_KEY is the key.
  if (header.alg !== 'HS256') forged.push(hs256({ kid: header.kid }, claims, SECRET), hs256({}, claims, SECRET));
  return [
    ...forged,
    `${head}.${b64({ ...claims, user_id: Number(claims.user_id) + 1 })}.${signature}`,
    `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
    `${valid}.`,
    `${head}.${payload}`,
    'a.b.c',
    '...',
  ];
}

/** Plausible values per field; each field of a fuzzed body is one of these or a hostile value. */
export function fieldPools(tokens: string[]) {
  const phone = fc.constantFrom(
    '010-1234-5678', '01012345678', '+82 10-1234-5678', '+821012345678', '010-5555-0101', '０１０５５５５０１０２',
    '02-312-3456', '+1 650-253-0000', '+44 7400 123456', '010-1234-5678 ext. 12', '010-1234-567', '8210', '+82',
    '010\u00001234\u00005678', '\u202e010-1234-5678', '010–1234–5678',
  );
  const email = fc.constantFrom(
    'kim@example.com', 'KIM@Example.COM', ' kim@example.com ', 'nobody@example.com', 'a@b', '@', 'kim@example.com\u0000',
    `${'x'.repeat(250)}@e.co`, '"quoted"@example.com', 'kim@example.com\n', 'ｋｉｍ@example.com', 'kim@exam\u202eple.com',
    // Look-alikes of the real email (issue 13): invisible, control, compatibility and case-folding traps.
    'kim\u200b@example.com', 'kim@example.com\u0085', 'k\u0130m@example.com', 'KI\u0307M@example.com', 'kim\uff20example.com',
    `${'e\u0301'.repeat(200)}@example.com`,
  );
  // Passwords that pass or fail the policy, but never the account's own.
  const password = fc.constantFrom('wrong-Password-1', 'tulip-Garden-77', 'password', '12345678', 'short', ' '.repeat(9), PASSWORD.toUpperCase(), 'p'.repeat(129), '😀'.repeat(10));
  const key = fc.constantFrom<unknown>('123456', 123456, '000000', ' 654321 ', '１２３４５６', 1e12, 999_999_999_999, -1, 1.5, '12345678901234', '12 34 56', '0x1E240');
  const token = fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }), fc.constantFrom('0'.repeat(32), 'F'.repeat(32), 'g'.repeat(32), '00'));
  const jwt = fc.constantFrom(...tokens);
  const text = fc.constantFrom(
    '김동우', '', ' ', 'dongwoo', 'x'.repeat(256), 'Robert\'); DROP TABLE users;--', '\u202eevil',
    // Terminal escapes and other control characters, which names refuse (issue 13).
    '\u001b]0;pwned\u0007', '\u001b[2J', 'csi\u009b31m', 'del\u007f', 'two\nlines',
  );
  // WebAuthn responses as a browser shapes them, with parts a hostile client would change.
  const b64 = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCabc012-_'), minLength: 1, maxLength: n });
  const webauthn = fc.oneof(
    fc.record(
      {
        id: fc.oneof(b64(60), fc.constantFrom('', 'not base64!', 'A'.repeat(2000))),
        rawId: fc.oneof(b64(60), fc.constant('other')),
        type: fc.constantFrom('public-key', 'password', ''),
        response: fc.record(
          {
            clientDataJSON: fc.oneof(b64(200), fc.constantFrom('e30', 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0', 'bnVsbA', 'WzFd')),
            authenticatorData: fc.oneof(b64(200), fc.constant('AAAA')),
            attestationObject: fc.oneof(b64(200), fc.constantFrom('oWNmbXQ', 'o2NmbXRkbm9uZQ')),
            signature: fc.oneof(b64(100), fc.constant('MEQCIA')),
            userHandle: b64(50),
          },
          { requiredKeys: [] },
        ),
        clientExtensionResults: fc.constantFrom({}, { credProps: { rk: true } }, []),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom({}, [], 'public-key'),
  );
  return { phone, email, password, key, token, jwt, text, webauthn };
}

/** A body built from the endpoint's own fields (any present or absent), plus maybe extra ones, or not an object at all. */
export function bodyFor(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const mixed = Object.fromEntries(
    Object.entries(fields).map(([name, plausible]) => [name, fc.oneof({ arbitrary: plausible, weight: 2 }, hostileValue)]),
  );
  const record = fc.record(mixed, { requiredKeys: [] });
  const extra = fc.dictionary(
    fc.oneof(fc.constantFrom('is_admin', 'is_active', 'id', 'user_id', 'password_hash', 'attempts', '', ' '), fc.string({ maxLength: 10 })),
    hostileValue,
    { maxKeys: 3 },
  );
  return fc.oneof(
    { arbitrary: record, weight: 6 },
    { arbitrary: fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r })), weight: 2 },
    { arbitrary: hostileValue, weight: 1 },
    { arbitrary: fc.array(record, { maxLength: 3 }), weight: 1 },
  );
}

const malformed = fc.constantFrom(
  '', ' ', '{', '}', '{"a":}', '{"phone_number":"010-1234-5678",}', "{'a':1}", '{"a":1}}', 'nul', 'NaN', '[', '\u0000',
  '{"__proto__":{"is_admin":true}}', '{"constructor":{"prototype":{"is_admin":true}}}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
  '\ufeff{}', '{"a":1e999999}', `${'['.repeat(100_000)}`, `${'['.repeat(50_000)}${']'.repeat(50_000)}`, '{"a":"\u0000"}',
);

/** A raw payload: malformed JSON, a valid body cut short, random text or bytes; with any content type. */
export function rawPayload(body: fc.Arbitrary<unknown>) {
  const text = fc.oneof(
    malformed,
    fc.tuple(body, fc.nat()).map(([b, n]) => {
      const s = JSON.stringify(b) ?? '';
      return s.slice(0, s.length ? n % s.length : 0);
    }),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
  const bytes = fc.uint8Array({ maxLength: 60 }).map((a) => Buffer.from(a));
  const contentType = fc.constantFrom(
    'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16',
    'application/json; charset=latin1', 'text/plain', 'text/json', 'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x', 'application/xml', 'application/vnd.api+json', 'application/octet-stream', '*/*', ';;',
  );
  return fc.record({ payload: fc.oneof({ arbitrary: text, weight: 3 }, bytes), contentType });
}

/** Authorization header values that must all be 401: printable ASCII only, as HTTP allows. */
export function authHeader(tokens: string[]) {
  return fc.oneof(
    fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    fc.constantFrom(...tokens).map((tk) => `Bearer ${tk}`),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic a2ltOnB3', 'Token abc', 'Bearer a b', 'Bearer null', 'Bearer undefined'),
  );
}
