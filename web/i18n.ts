import { settings } from './settings.js';
import { en, type Strings } from './words-en.js';
import { ko } from './words-ko.js';

export type StringKey = keyof Strings;
const strings = settings.lang === 'en' ? en : ko;

/** The page's text for `key`, `{name}` filled from `params`. */
export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return strings[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export const lang = settings.lang;

/** Seconds as m:ss, for the code's countdown. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const dates = new Intl.DateTimeFormat(lang === 'en' ? 'en' : 'ko', { dateStyle: 'medium', timeStyle: 'short' });
export const formatDate = (iso: string) => dates.format(new Date(iso));

/** 01012345678 as 010-1234-5678; other forms (E.164 abroad) as they are. */
export function formatPhone(phone: string): string {
  const m = /^(01\d)(\d{3,4})(\d{4})$/.exec(phone);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : phone;
}
