import { isIP } from 'node:net';
import type { Parse } from './variable.js';
import type { TrustProxy } from '../http/client-ip.js';

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

/** proxy-addr's names for ranges (127.0.0.1/8 and ::1/128, and so on). */
const namedRanges = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrCidr(entry: string): boolean {
  if (namedRanges.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = address.includes('%') ? 0 : isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (or `0`), a hop count (`1`: one proxy in front), or a comma list of
 * proxy addresses and CIDRs. `true` is refused: trusting every hop would take the client
 * IP from the first entry of `X-Forwarded-For`, which the client writes itself.
 */
export const trustProxy: Parse<TrustProxy> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (no.includes(value)) return false;
  if (/^\d+$/.test(value)) return int(1, 100)(value);
  if (yes.includes(value)) {
    throw new Error(
      `"${raw}" would trust every X-Forwarded-For entry, so the client IP would be whatever the client writes; ` +
        'give the number of proxies in front (e.g. 1) or their addresses or CIDRs (e.g. 10.0.0.0/8)',
    );
  }
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((entry) => !isAddressOrCidr(entry));
  if (list.length === 0 || bad.length > 0) {
    throw new Error(`must be false, a hop count or a comma list of proxy addresses or CIDRs; not one: "${bad.join('", "') || raw}"`);
  }
  return list;
};

/** `a,b`: a comma list of some of `choices`, each once, in the order given; never empty. */
export const someOf =
  <const C extends readonly string[]>(choices: C): Parse<C[number][]> =>
  (raw) => {
    const list = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
    const bad = list.filter((item) => !choices.includes(item));
    if (list.length === 0 || bad.length > 0) {
      throw new Error(`must be a comma list of ${choices.join(', ')}${bad.length ? `; not one: "${bad.join('", "')}"` : ''}`);
    }
    return list as C[number][];
  };

/**
 * A Standard Webhooks signing secret: `whsec_` and the base64 of 24 to 64 random bytes (the
 * specification's bounds). Anything shorter, or not base64, would sign with a weak key.
 */
export const webhookSecret: Parse<string> = (raw) => {
  const body = raw.startsWith('whsec_') ? raw.slice('whsec_'.length) : undefined;
  const bytes = body !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(body) && body.length % 4 === 0 ? Buffer.from(body, 'base64') : undefined;
  if (!bytes || bytes.length < 24 || bytes.length > 64) {
    throw new Error(
      'must be "whsec_" followed by the base64 of 24 to 64 random bytes, e.g. ' +
        '`node -e "console.log(\'whsec_\' + crypto.randomBytes(32).toString(\'base64\'))"`',
    );
  }
  return raw;
};

const SMS_PROVIDERS = ['console', 'webhook', 'twilio', 'naver-sens', 'solapi'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** SMS_PROVIDER: one provider, or an ordered comma list of them (`solapi,naver-sens`), each once. */
export const providerList: Parse<SmsProviderName[]> = (raw) => {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((p) => !(SMS_PROVIDERS as readonly string[]).includes(p));
  if (list.length === 0 || bad.length > 0) {
    throw new Error(`must be one of ${SMS_PROVIDERS.join(', ')}, or a comma list of them, got "${raw}"`);
  }
  if (new Set(list).size !== list.length) throw new Error(`names a provider twice: "${raw}"`);
  return list as SmsProviderName[];
};

/** An SMS text with `{code}` in it: a template without it would send no key at all. */
export const smsTemplate: Parse<string> = (raw) => {
  if (!raw.includes('{code}')) throw new Error(`must contain {code}, where the key goes, got "${raw}"`);
  return raw;
};

/** A number from 0 to 1 (`0.2`). */
export const fraction: Parse<number> = (raw) => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new Error(`must be a number from 0 to 1, got "${raw}"`);
  return n;
};

export interface TestNumber {
  /** As written; the rules check it is a mobile number of PHONE_ALLOWED_REGIONS. */
  number: string;
  /** Six digits, 100000-999999, as every key is. */
  key: string;
}

/** SMS_TEST_NUMBERS: `01000000001=123456,01000000002=654321`. */
export const testNumbers: Parse<TestNumber[]> = (raw) => {
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const parsed = entries.map((entry) => {
    const m = /^(\+?[\d\s().-]{4,30})=([1-9]\d{5})$/.exec(entry);
    if (!m) throw new Error(`must be a comma list of number=key, each key six digits from 100000 to 999999; not "${entry}"`);
    return { number: m[1]!.trim(), key: m[2]! };
  });
  if (parsed.length === 0) throw new Error('must be a comma list of number=key');
  return parsed;
};

/** `example.com,www.example.com`: a comma list of hostnames (or Android package names), lower-cased, never empty. */
export const hostList: Parse<string[]> = (raw) => {
  const list = [...new Set(raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const bad = list.filter((h) => !/^[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?$/.test(h));
  if (list.length === 0 || bad.length > 0) {
    throw new Error(`must be a comma list of hostnames, such as example.com,www.example.com${bad.length ? `; not one: "${bad.join('", "')}"` : ''}`);
  }
  return list;
};

/** A CAPTCHA action name: what Turnstile and reCAPTCHA both accept (letters, digits, `_`; up to 32). */
export const captchaAction: Parse<string> = (raw) => {
  if (!/^[A-Za-z0-9_]{1,32}$/.test(raw)) throw new Error(`must be 1 to 32 letters, digits or _, got "${raw}"`);
  return raw;
};
