/** The languages every message is written in: Korean, the default, and English. */
export type Lang = 'ko' | 'en';
export type Words = Record<Lang, string>;
