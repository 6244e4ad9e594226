import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 14: DRF judges every field on its own and answers all their errors in one 400; only
 * a body whose every field is good has its combination judged (exactly one of, the token,
 * the credentials). Every route with a body, in Korean and in English.
 */
let t: TestApp;
afterEach(async () => t?.close());

const en = { 'accept-language': 'en' };
const ko = { 'accept-language': 'ko' };

async function signedIn() {
  await t.signUp();
  return t.login({ email: 'kim@example.com', password: PASSWORD });
}

describe('every bad field at once', () => {
  it("POST /phone-verify/confirm: a blank phone and a non-numeric key are two keys of one answer, as in the seed's README", async () => {
    t = await startApp();
    const res = await t.post('/phone-verify/confirm', { phone_number: '', key: 'abc' }, ko);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ key: ['유효한 정수(integer)를 넣어주세요.'], phone_number: ['이 필드는 blank일 수 없습니다.'] });
    const english = await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678 hello', key: '12a456' }, en);
    expect(english.body).toEqual({ phone_number: ['Enter a valid mobile phone number.'], key: ['A valid integer is required.'] });
  });

  it('POST /users: a bad email, a one-character password, a bad phone and a blank token are all named, and the token is not judged', async () => {
    t = await startApp();
    const body = { email: 'not-an-email', password: 'x', phone_number: '02-123-4567', token: '', name: 'a\u0007b' };
    const res = await t.post('/users', body, en);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      email: ['Enter a valid email address.'],
      password: ['This password is too short. It must contain at least 8 characters.'],
      phone_number: ['Enter a valid mobile phone number.'],
      token: ['This field may not be blank.'],
      name: ['This field may not contain control characters.'],
    });
    const korean = await t.post('/users', body, ko);
    expect(korean.body).toEqual({
      email: ['유효한 이메일 주소를 입력하십시오.'],
      password: ['비밀번호가 너무 짧습니다. 최소 8 문자를 포함해야 합니다.'],
      phone_number: ['올바른 휴대전화 번호가 아닙니다.'],
      token: ['이 필드는 blank일 수 없습니다.'],
      name: ['이 필드에는 제어 문자를 쓸 수 없습니다.'],
    });
  });

  it('POST /users: with a bad field and an unknown token, the field is the answer (400), not the token (401)', async () => {
    t = await startApp();
    const res = await t.post(
      '/users',
      { email: 'kim@example.com', password: '12345678', phone_number: '010-1234-5678', token: 'f'.repeat(32) },
      en,
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ password: ['This password is too common.', 'This password is entirely numeric.'] });
  });

  it('POST /users: once every field is good, a taken email, a taken phone and a password like the email come together', async () => {
    t = await startApp();
    await t.signUp({ email: 'kim@example.com' });
    const token = await t.verifyPhone('010-1234-5678');
    const res = await t.post('/users', { email: 'KIM@example.com', password: 'kim@example', phone_number: '01012345678', token }, en);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      email: ['A user with this email already exists.'],
      password: ['The password is too similar to the email.'],
      phone_number: ['A user with this phone number already exists.'],
    });
    expect(await t.database.db.select().from(users)).toHaveLength(1);
  });

  it('POST /users/find-password: a malformed email, a short password and a missing token at once', async () => {
    t = await startApp();
    const res = await t.post('/users/find-password', { email: 'kim@', password: 'short' }, en);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      email: ['Enter a valid email address.'],
      password: ['This password is too short. It must contain at least 8 characters.', 'This password is too common.'],
      token: ['This field is required.'],
    });
  });

  it('POST /login: a malformed email with no secret is the email field error, not a non_field_errors about the secret', async () => {
    t = await startApp();
    const res = await t.post('/login', { email: 'kim@@example' }, en);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ email: ['Enter a valid email address.'] });
    const korean = await t.post('/login', { email: 'kim@@example' }, ko);
    expect(korean.body).toEqual({ email: ['유효한 이메일 주소를 입력하십시오.'] });
  });

  it('POST /login: a bad phone and a non-numeric key are both named; the combination only once both are good', async () => {
    t = await startApp();
    const fields = await t.post('/login', { email: 'kim@example.com', phone_number: '010-1234', key: 'one' }, en);
    expect(fields.body).toEqual({ phone_number: ['Enter a valid mobile phone number.'], key: ['A valid integer is required.'] });
    const combination = await t.post('/login', { email: 'kim@example.com', phone_number: '010-1234-5678', key: '123456' }, en);
    expect(combination.body).toEqual({ non_field_errors: ['Provide exactly one of email or phone_number.'] });
  });

  it('POST /account/api/login (the pages) answers as POST /login does', async () => {
    t = await startApp();
    const res = await t.request({
      method: 'POST',
      url: '/account/api/login',
      payload: { email: 'kim@@example', key: 'x' },
      headers: { ...en, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ email: ['Enter a valid email address.'], key: ['A valid integer is required.'] });
  });

  it('PATCH /users/me: both bad fields at once, and nothing changed', async () => {
    t = await startApp();
    const { access } = await signedIn();
    const res = await t.patch('/users/me', { name: 'tab\there', nickname: 5 }, { ...bearer(access), ...en });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ name: ['This field may not contain control characters.'], nickname: ['Not a valid string.'] });
    expect((await t.get('/users/me', bearer(access))).body).toMatchObject({ name: '김동우', nickname: 'dongwoo' });
  });

  it('a route behind a Bearer token answers 401 before judging the body, as DRF authenticates first', async () => {
    t = await startApp();
    const patch = await t.patch('/users/me', { name: 5 }, en);
    expect(patch.status).toBe(401);
    expect(patch.body).toEqual({ detail: 'Authentication credentials were not provided.', code: 'not_authenticated' });
    const password = await t.post('/users/me/password', {}, { authorization: 'Bearer nonsense' });
    expect(password.status).toBe(401);
  });

  it('POST /users/me/password: a blank current password and a short new one at once, nothing counted against the account', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '1' });
    const { access } = await signedIn();
    const res = await t.post('/users/me/password', { current_password: ' ', new_password: 'x' }, { ...bearer(access), ...en });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      current_password: ['This field may not be blank.'],
      new_password: ['This password is too short. It must contain at least 8 characters.'],
    });
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
  });

  it('POST /users/me/phone-number: bad fields are named before the missing proof is', async () => {
    t = await startApp();
    const { access } = await signedIn();
    const headers = { ...bearer(access), ...en };
    const fields = await t.post('/users/me/phone-number', { phone_number: '010-9999-8888;DROP TABLE users', token: '' }, headers);
    expect(fields.body).toEqual({ phone_number: ['Enter a valid mobile phone number.'], token: ['This field may not be blank.'] });
    const proof = await t.post('/users/me/phone-number', { phone_number: '010-9999-8888', token: 'f'.repeat(32) }, headers);
    expect(proof.body).toEqual({
      non_field_errors: ['Provide exactly one of password or current_token (a verification token for the present phone).'],
    });
  });

  it('DELETE /users/me: a blank password and a token of the wrong type at once; the combination after', async () => {
    t = await startApp();
    const { access } = await signedIn();
    const headers = { ...bearer(access), ...ko };
    const fields = await t.delete('/users/me', { password: '', token: 5 }, headers);
    expect(fields.body).toEqual({ password: ['이 필드는 blank일 수 없습니다.'], token: ['올바른 문자열이 아닙니다.'] });
    const neither = await t.delete('/users/me', {}, headers);
    expect(neither.body).toEqual({ non_field_errors: ['비밀번호 또는 전화번호 인증 토큰 중 하나만 입력해주세요.'] });
    expect((await t.get('/users/me', bearer(access))).status).toBe(200);
  });

  it('POST /login/refresh and /logout name their field', async () => {
    t = await startApp();
    for (const path of ['/login/refresh', '/logout']) {
      const res = await t.post(path, { refresh: null }, en);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toEqual({ refresh: ['This field may not be null.'] });
    }
  });

  it('null for a required field is "may not be null", as DRF says it, and absent is "required"', async () => {
    t = await startApp();
    const res = await t.post('/phone-verify/confirm', { phone_number: null }, ko);
    expect(res.body).toEqual({ phone_number: ['이 필드는 null일 수 없습니다.'], key: ['이 필드는 필수 항목입니다.'] });
  });
});
