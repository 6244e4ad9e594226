import type { FieldProblem } from '../http/errors.js';
import commonPasswords from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export interface UserAttributes {
  email?: string | null;
  name?: string | null;
  nickname?: string | null;
}

const attributeLabels = {
  email: { ko: '이메일', en: 'email' },
  name: { ko: '이름', en: 'name' },
  nickname: { ko: '닉네임', en: 'nickname' },
} as const;

/**
 * The validators the seed configured in Django but never called: minimum length, not
 * entirely numeric, not common, not too similar to the user's own attributes. Returns
 * every problem found, as Django does, so a client can show them all at once.
 */
export function checkPassword(password: string, attributes: UserAttributes): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: 'password_too_short', params: { min: PASSWORD_MIN_LENGTH } });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'password_too_long', params: { max: PASSWORD_MAX_LENGTH } });
    return problems;
  }
  for (const key of ['email', 'name', 'nickname'] as const) {
    if (isTooSimilar(password, attributes[key])) {
      problems.push({ code: 'password_too_similar', params: { attribute: attributeLabels[key] } });
      break;
    }
  }
  if (isCommonPassword(password.trim().toLowerCase())) problems.push({ code: 'password_too_common' });
  if (/^\d+$/.test(password)) problems.push({ code: 'password_entirely_numeric' });
  return problems;
}

/**
 * Whether `word` is one of the ~49,000 common passwords kept up to date by the zxcvbn-ts
 * project (Django ships 20,000). They are one sorted string, one per line, searched by
 * halving: a Set would keep every one as a string of its own on the heap, for a check that
 * runs only on sign-up and password changes.
 */
function isCommonPassword(word: string): boolean {
  // [lo, hi) always spans whole lines of commonPasswords.
  let lo = 0;
  let hi = commonPasswords.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = commonPasswords.lastIndexOf('\n', mid - 1) + 1;
    const newline = commonPasswords.indexOf('\n', start);
    const end = newline === -1 ? commonPasswords.length : newline;
    const line = commonPasswords.slice(start, end);
    if (line === word) return true;
    if (line < word) lo = end + 1;
    else hi = start;
  }
  return false;
}

const MAX_SIMILARITY = 0.7;

/** Django's UserAttributeSimilarityValidator: the value and its \W-separated parts, by quick_ratio. */
function isTooSimilar(password: string, value: string | null | undefined): boolean {
  if (!value) return false;
  const pw = password.toLowerCase();
  const lower = value.toLowerCase();
  const parts = [...lower.split(/\W+/u), lower].filter((p) => p.length > 0);
  return parts.some((part) => {
    // Django skips parts so short next to the password that they cannot make it guessable.
    if (pw.length >= 10 * part.length && part.length < (MAX_SIMILARITY / 2) * pw.length) return false;
    return quickRatio(pw, part) >= MAX_SIMILARITY;
  });
}

/** difflib.SequenceMatcher.quick_ratio: 2 × (shared characters as multisets) / total length. */
function quickRatio(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const ch of b) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of a) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) {
      matches++;
      counts.set(ch, n - 1);
    }
  }
  return (2 * matches) / (a.length + b.length);
}
