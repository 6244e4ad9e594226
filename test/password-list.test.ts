import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types
import { commonPasswordLines } from '../scripts/common-passwords.mjs';
import commonPasswords from '../src/passwords/common-passwords.js';
import { checkPassword } from '../src/passwords/policy.js';

const tooCommon = (password: string) => checkPassword(password, {}).some((p) => p.code === 'password_too_common');

describe('the common-password list', () => {
  it('is that of @zxcvbn-ts/language-common (`npm run passwords:update` after updating the package)', () => {
    expect(commonPasswords).toBe((commonPasswordLines as (p: string[]) => string)(dictionary['passwords-common'] as string[]));
  });

  it('refuses every one of its passwords, in any case and with spaces around', () => {
    const listed = commonPasswords.split('\n');
    expect(listed.length).toBeGreaterThan(40_000);
    expect(listed.filter((p) => !tooCommon(p))).toEqual([]);
    expect(tooCommon(' PassWord123 ')).toBe(true);
  });

  it('refuses nothing that is not on it, such as each of its passwords with a character added or removed', () => {
    const listed = commonPasswords.split('\n');
    const set = new Set(listed);
    const near = listed.flatMap((p) => [`${p}~`, p.slice(0, -1), `!${p}`]).filter((p) => !set.has(p));
    expect(near.filter(tooCommon)).toEqual([]);
    expect(tooCommon('')).toBe(false);
    expect(tooCommon(`${listed[0]}\n${listed[1]}`)).toBe(false);
  });
});
