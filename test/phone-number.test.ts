import { afterEach, describe, expect, it } from 'vitest';
import { cliFor } from './cli-helpers.js';
import { PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 14: the phone field holds a phone number and nothing else. libphonenumber finds a
 * number inside any text, so the characters are judged before it parses.
 */
let t: TestApp;
afterEach(async () => t?.close());

const INVALID = { phone_number: ['Enter a valid mobile phone number.'] };
const en = { 'accept-language': 'en' };

const refused = [
  '010-2234-5678;DROP TABLE users',
  '010 4234 5678 hello',
  'call me: 010-1234-5678',
  '++82 10-1234-5678',
  '010+1234+5678',
  '010/1234/5678',
  '010-1234-5678#',
  'tel:+821012345678',
  '010-1234-5678 ext. 12',
  '010\t1234\t5678',
];

describe('the phone field', () => {
  it.each(refused)('refuses %j with 400 on phone_number and sends nothing', async (phone) => {
    t = await startApp();
    const res = await t.post('/phone-verify', { phone_number: phone }, en);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID);
    expect(t.sms.sent).toHaveLength(0);
  });

  it('accepts digits, spaces, hyphens, dots, parentheses, one leading + and full-width digits, all as one number', async () => {
    t = await startApp();
    const accepted = ['010-1234-5678', '01012345678', '+82 10-1234-5678', '+821012345678', '(010) 1234.5678', ' 010 1234 5678 ', '０１０－１２３４－５６７８', '＋８２ １０ １２３４ ５６７８'];
    for (const phone of accepted) {
      expect((await t.post('/phone-verify', { phone_number: phone })).status, phone).toBe(201);
    }
    expect(new Set(t.sms.sent.map((m) => m.to))).toEqual(new Set(['+821012345678']));
  });

  it('is refused the same way by confirm, sign-up and login, before any key, token or password is judged', async () => {
    t = await startApp();
    const key = await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678 hello', key: '123456' }, en);
    expect(key).toMatchObject({ status: 400, body: INVALID });
    const token = await t.verifyPhone('010-1234-5678');
    const signUp = await t.post(
      '/users',
      { email: 'kim@example.com', password: PASSWORD, phone_number: '010-1234-5678;DROP TABLE users', token },
      en,
    );
    expect(signUp).toMatchObject({ status: 400, body: INVALID });
    await t.signUp({ token });
    const login = await t.post('/login', { phone_number: '010-1234-5678 hello', password: PASSWORD }, en);
    expect(login).toMatchObject({ status: 400, body: INVALID });
    expect((await t.post('/login', { phone_number: '010.1234.5678', password: PASSWORD })).status).toBe(202);
  });

  it('is refused by the CLI too', async () => {
    t = await startApp();
    const res = await cliFor(t.database)('create-admin', '--email', 'boss@example.com', '--phone', '010-9999-8888;x', '--password', 'copper-Lantern-58');
    expect(res).toMatchObject({ code: 1, err: 'phone: Enter a valid mobile phone number.' });
  });
});
