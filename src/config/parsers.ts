import type { Parse } from './variable.js';

/** The parsers the configuration table uses; each error message says what the text must be. */

/** Any text, the empty one included. */
export const text: Parse<string> = (raw) => raw;

export const atLeast =
  (minLength: number): Parse<string> =>
  (raw) => {
    if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters`);
    return raw;
  };

export const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Parse<number> =>
  (raw) => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new Error(`must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  };

export const oneOf =
  <const C extends readonly string[]>(...choices: C): Parse<C[number]> =>
  (raw) => {
    if (!choices.includes(raw)) throw new Error(`must be one of ${choices.join(', ')}, got "${raw}"`);
    return raw as C[number];
  };

const yes = ['true', 't', 'yes', 'on', '1'];
const no = ['false', 'f', 'no', 'off', '0'];

/** A boolean, written as any of the words above (the spellings envalid accepted, so no deployment breaks). */
export const flag: Parse<boolean> = (raw) => {
  if (yes.includes(raw)) return true;
  if (no.includes(raw)) return false;
  throw new Error(`must be true or false, got "${raw}"`);
};

/** `on` or `off`, nothing else. */
export const onOff: Parse<boolean> = (raw) => oneOf('on', 'off')(raw) === 'on';

export const httpUrl: Parse<string> = (raw) => {
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`must be an http(s) URL, got "${raw}"`);
  return raw;
};

/** A two-letter region code (`KR`), in any case. */
export const regionCode: Parse<string> = (raw) => {
  const r = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(r)) throw new Error(`must be a two-letter region code, got "${raw}"`);
  return r;
};

/** `KR,US`: a comma list of region codes. */
export const regionList: Parse<string[]> = (raw) => {
  const list = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (list.length === 0 || list.some((r) => !/^[A-Z]{2}$/.test(r))) {
    throw new Error(`must be a comma list of two-letter region codes, got "${raw}"`);
  }
  return list;
};

/** `#rgb` or `#rrggbb`, lowercased: it is written into the pages' style, so nothing else may get through. */
export const hexColor: Parse<string> = (raw) => {
  const c = raw.trim();
  if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c)) throw new Error(`must be a colour as #rrggbb, got "${raw}"`);
  return c.toLowerCase();
};

/** An http(s) URL, or a path on this service starting with one `/`. */
export const urlOrPath: Parse<string> = (raw) => {
  if (/^\/(?!\/)\S*$/.test(raw)) return raw;
  try {
    return httpUrl(raw);
  } catch {
    throw new Error(`must be an http(s) URL or a path starting with /, got "${raw}"`);
  }
};
