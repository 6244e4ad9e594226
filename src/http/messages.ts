/**
 * The error catalogue: every message a client can see, by stable code, in Korean (the
 * default, like the seed) and English. `{name}` placeholders are filled from params.
 * docs/errors.md is generated from it (`npm run docs:errors`).
 */
import { detailMessages } from './detail-messages.js';
import { fieldMessages } from './field-messages.js';
import type { Lang, Words } from './words.js';

export { detailMessages, fieldMessages };
export type { Lang };
export type FieldCode = keyof typeof fieldMessages;
export type DetailCode = keyof typeof detailMessages;
export type MessageCode = FieldCode | DetailCode;
/** The detail codes answered with `status`: `throttled()` takes only a 429's. */
export type DetailCodeOf<S extends number> = { [C in DetailCode]: (typeof detailMessages)[C]['status'] extends S ? C : never }[DetailCode];
export type StatusOf<C extends DetailCode> = (typeof detailMessages)[C]['status'];

// A code names one message: none is both a field's and a refusal's (a type error if it were).
const oneMeaningEach: [Extract<FieldCode, DetailCode>] extends [never] ? true : never = true;
const messages: Record<MessageCode, Words> = { ...fieldMessages, ...detailMessages };

export const statusOf = <C extends DetailCode>(code: C): StatusOf<C> => detailMessages[code].status;
/** A param may itself be localized, like the name of a field. */
export type Params = Record<string, string | number | { ko: string; en: string }>;

export function translate(code: MessageCode, lang: Lang, params: Params = {}): string {
  return messages[code][lang].replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    if (v === undefined) return m;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

/** Korean unless the client prefers English; the browser's q-values decide. */
export function pickLanguage(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'ko';
  let best: Lang = 'ko';
  let bestQ = -1;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...attrs] = part.trim().toLowerCase().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    const primary = tag.split('-')[0];
    if ((primary === 'en' || primary === 'ko') && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}
