import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 13, findings 3 and 14: one normalisation of emails (trim, NFC, then one case rule
 * computed in TypeScript) for lookups, uniqueness and throttle buckets alike; invisible,
 * control and full-width characters refused.
 */
let t: TestApp;
afterEach(async () => t?.close());

const signUpAs = async (email: string, phone = '010-2222-3333') => {
  const token = await t.verifyPhone(phone);
  return t.post('/users', { email, password: PASSWORD, phone_number: phone, token }, { 'accept-language': 'en' });
};
const loginAs = (email: string, password = PASSWORD) => t.post('/login', { email, password });

describe('one normalisation of emails', () => {
  it('treats the NFC and NFD spellings of an address as one account, stored as NFC', async () => {
    t = await startApp();
    const nfc = 'Jos\u00e9@example.com';
    const nfd = 'Jose\u0301@example.com';
    const first = await signUpAs(nfd, '010-1234-5678');
    expect(first.status).toBe(201);
    expect(first.body.email).toBe(nfc);

    const again = await signUpAs(nfc.toUpperCase());
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ email: ['A user with this email already exists.'] });
    expect((await loginAs(nfc)).status).toBe(202);
    expect((await loginAs(nfd.toLowerCase())).status).toBe(202);
  });

  it('takes U+0130 (İ) as JavaScript lowercases it, everywhere: `İ` and `i` are different addresses', async () => {
    t = await startApp();
    expect((await signUpAs('\u0130\u0130\u0130@example.com', '010-1234-5678')).status).toBe(201);
    // The database's lower() makes `İ` an `i`; the one rule does not.
    expect((await loginAs('iii@example.com')).status).toBe(401);
    expect((await loginAs('i\u0130i@example.com')).status).toBe(401);
    expect((await loginAs('\u0130\u0130\u0130@EXAMPLE.COM')).status).toBe(202);
    // NFD of U+0130 is I + U+0307, which NFC composes back.
    expect((await loginAs('I\u0307I\u0307I\u0307@example.com')).status).toBe(202);
    expect((await signUpAs('iii@example.com')).status).toBe(201);
  });

  it('counts every spelling of one account against one login bucket', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '3' });
    await signUpAs('\u0130nan@Example.com', '010-1234-5678');
    for (const spelling of ['\u0130nan@example.com', '\u0130NAN@EXAMPLE.COM', 'I\u0307nan@example.com']) {
      expect((await loginAs(spelling, 'wrong-Password-1')).status).toBe(401);
    }
    const locked = await loginAs('i\u0307nan@example.com');
    expect(locked.status).toBe(429);
    // One bucket for the account, so the spellings above did not fill another address's.
    expect((await loginAs('inan@example.com', 'wrong-Password-1')).status).toBe(401);
  });

  it('finds the account for find-password under another spelling', async () => {
    t = await startApp();
    await signUpAs('Jose\u0301@example.com', '010-1234-5678');
    const token = await t.verifyPhone('010-1234-5678');
    const reset = await t.post('/users/find-password', { email: 'JOS\u00c9@example.com', password: 'new-Lantern-77', token });
    expect(reset.status, reset.text).toBe(201);
    expect((await loginAs('jos\u00e9@example.com', 'new-Lantern-77')).status).toBe(202);
  });

  it('keeps the key the service computed in the database, and the address as written', async () => {
    t = await startApp();
    await signUpAs('  \u0130lker@Example.COM ', '010-1234-5678');
    const result = await t.database.db.execute(sql`select email, email_folded from users`);
    expect((result as unknown as { rows: unknown[] }).rows).toEqual([
      { email: '\u0130lker@Example.COM', email_folded: 'i\u0307lker@example.com' },
    ]);
  });
});

describe('characters an email may not hold', () => {
  it.each([
    ['a zero-width space', 'kim\u200b@example.com'],
    ['a zero-width joiner', 'ki\u200dm@example.com'],
    ['a right-to-left override', 'kim@exam\u202eelp.com'],
    ['a left-to-right mark', '\u200ekim@example.com'],
    ['a BOM', 'kim\ufeff@example.com'],
    ['a soft hyphen', 'ki\u00adm@example.com'],
    ['a Hangul filler', 'kim\u3164@example.com'],
    ['a C0 escape', 'kim\u001b[2J@example.com'],
    ['DEL', 'kim\u007f@example.com'],
    ['a C1 control', 'kim\u0085@example.com'],
    ['a line separator', 'kim\u2028@example.com'],
  ])('refuses %s with 400 on email, creating nothing', async (_what, email) => {
    t = await startApp();
    const res = await signUpAs(email);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ email: ['An email address may not contain invisible or control characters.'] });
    const login = await t.post('/login', { email, password: PASSWORD });
    expect(login.status).toBe(400);
    expect(Object.keys(login.body)).toEqual(['email']);
  });

  it('refuses full-width and other compatibility forms rather than folding them into another address', async () => {
    t = await startApp();
    await signUpAs('kim@example.com', '010-1234-5678');
    for (const email of ['\uff4b\uff49\uff4d@example.com', 'kim\uff20example.com', 'kim@example\uff0ecom', '\ufb01sh@example.com']) {
      const res = await signUpAs(email);
      expect(res.status, email).toBe(400);
      expect(res.body).toEqual({ email: ['Enter the email address in ordinary characters, not full-width or other compatibility forms.'] });
    }
    const token = await t.verifyPhone('010-2222-3333');
    const korean = await t.post('/users', { email: '\uff4b\uff49\uff4d@example.com', password: PASSWORD, phone_number: '010-2222-3333', token });
    expect(korean.body.email).toEqual(['이메일 주소는 전각 문자 같은 호환용 문자가 아닌 일반 문자로 입력해주세요.']);
    expect((await signUpAs('\uac00\ub098@\ud55c\uad6d.kr')).status).toBe(201);
  });

  it('counts the 254 characters after normalisation', async () => {
    t = await startApp();
    const domain = '@example.com';
    // 242 characters before the domain once NFC composes each e + U+0301 into é: 254 in all.
    const nfd = `${'e\u0301'.repeat(121)}x${domain}`.padStart(254 + 121, 'a');
    expect(nfd.normalize('NFC')).toHaveLength(254);
    expect(nfd.length).toBeGreaterThan(254);
    expect((await signUpAs(nfd, '010-1234-5678')).status).toBe(201);
    const over = await signUpAs(`a${nfd}`);
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ email: ['Ensure this field has no more than 254 characters.'] });
    expect((await signUpAs(`  ${'b'.repeat(242)}${domain}  `)).status).toBe(201);
  });
});

describe('sign-up checks the token before it spends a password hash', () => {
  const timed = async (call: () => Promise<{ status: number }>, status: number) => {
    const started = performance.now();
    const res = await call();
    expect(res.status).toBe(status);
    return performance.now() - started;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('answers a sign-up without a valid token in far less time than one password hash takes', async () => {
    t = await startApp({ ARGON2_MEMORY_KIB: '19456', ARGON2_ITERATIONS: '4' });
    await t.signUp();
    const badToken: number[] = [];
    const oneHash: number[] = [];
    for (let i = 0; i < 5; i++) {
      const body = { email: `new${i}@example.com`, password: PASSWORD, phone_number: '010-2222-3333', token: 'f'.repeat(32) };
      badToken.push(await timed(() => t.post('/users', body), 401));
      oneHash.push(await timed(() => loginAs('kim@example.com', `wrong-Password-${i}`), 401));
    }
    expect(median(badToken)).toBeLessThan(0.3 * median(oneHash));
  });

  it('still consumes the token with the insert: a refused sign-up leaves it usable, a sign-up spends it', async () => {
    t = await startApp();
    await t.signUp({ email: 'kim@example.com', phone_number: '010-1234-5678' });
    const token = await t.verifyPhone('010-2222-3333');
    const taken = await t.post('/users', { email: 'KIM@example.com', password: PASSWORD, phone_number: '010-2222-3333', token });
    expect(taken.status).toBe(400);
    const ok = await t.post('/users', { email: 'lee@example.com', password: PASSWORD, phone_number: '010-2222-3333', token });
    expect(ok.status).toBe(201);
    const again = await t.post('/users/find-password', { email: 'lee@example.com', password: 'new-Lantern-77', token });
    expect(again.status).toBe(401);
    const { access } = await t.login({ email: 'lee@example.com', password: PASSWORD });
    expect((await t.get('/users/me', bearer(access))).body.email).toBe('lee@example.com');
  });
});
