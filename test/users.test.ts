import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { bearer, PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

describe('POST /users (sign-up)', () => {
  it('creates the user and answers 201 in the seed shape', async () => {
    t = await startApp();
    const token = await t.verifyPhone('010-1234-5678');
    const res = await t.post('/users', {
      email: ' Kim@Example.com ',
      password: PASSWORD,
      phone_number: '010-1234-5678',
      token,
      name: '김동우',
      nickname: 'test',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 1, email: 'Kim@Example.com', name: '김동우', nickname: 'test', phone_number: '01012345678' });
  });

  it('stores an argon2id hash, never the password', async () => {
    t = await startApp();
    await t.signUp();
    const [row] = await t.database.db.select().from(users);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('makes name and nickname optional: never given, they are null, as the seed answers them', async () => {
    t = await startApp();
    const token = await t.verifyPhone();
    const res = await t.post('/users', { email: 'a@example.com', password: PASSWORD, phone_number: '01012345678', token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: null, nickname: null });
  });

  it('reports every missing field at once, token included', async () => {
    t = await startApp();
    const res = await t.post('/users', {});
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      email: ['이 필드는 필수 항목입니다.'],
      password: ['이 필드는 필수 항목입니다.'],
      phone_number: ['이 필드는 필수 항목입니다.'],
      token: ['이 필드는 필수 항목입니다.'],
    });
  });

  it('refuses a token verified for another phone with 401 and creates nothing', async () => {
    t = await startApp();
    const token = await t.verifyPhone('010-9999-8888');
    const res = await t.post('/users', { email: 'a@example.com', password: PASSWORD, phone_number: '010-1234-5678', token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: '유효하지 않은 전화번호 인증 토큰입니다.', code: 'invalid_verify_token' });
    expect(await t.database.db.select().from(users)).toHaveLength(0);
  });

  it('refuses an unknown token with 401', async () => {
    t = await startApp();
    const res = await t.post('/users', {
      email: 'a@example.com',
      password: PASSWORD,
      phone_number: '010-1234-5678',
      token: '0123456789abcdef0123456789abcdef',
    });
    expect(res.status).toBe(401);
  });

  it('uses a token once: the token of a sign-up cannot reset the password afterwards', async () => {
    t = await startApp();
    const { body } = await t.signUp();
    const reuse = await t.post('/users/find-password', { email: body.email, password: 'new-Lantern-77', token: body.token });
    expect(reuse.status).toBe(401);
  });

  it('refuses a token older than PHONE_VERIFY_TOKEN_TTL_SECONDS', async () => {
    t = await startApp({ PHONE_VERIFY_TOKEN_TTL_SECONDS: '1' });
    const token = await t.verifyPhone();
    await sleep(1300);
    const res = await t.post('/users', { email: 'a@example.com', password: PASSWORD, phone_number: '01012345678', token });
    expect(res.status).toBe(401);
  });

  it('refuses a taken email (whatever its case) and a taken phone with 400 on the field', async () => {
    t = await startApp();
    await t.signUp({ email: 'kim@example.com', phone_number: '010-1234-5678' });
    const token = await t.verifyPhone('010-2222-3333');
    const res = await t.post('/users', { email: 'KIM@example.com', password: PASSWORD, phone_number: '010-2222-3333', token });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ email: ['이미 사용 중인 이메일입니다.'] });
    const phoneTaken = await t.post(
      '/users',
      { email: 'new@example.com', password: PASSWORD, phone_number: '+82 10-1234-5678', token },
      { 'accept-language': 'en' },
    );
    expect(phoneTaken.body).toEqual({ phone_number: ['A user with this phone number already exists.'] });
    // The refused attempts did not spend the token.
    const ok = await t.post('/users', { email: 'new@example.com', password: PASSWORD, phone_number: '010-2222-3333', token });
    expect(ok.status).toBe(201);
  });

  it.each([
    ['short', 'Ab1!xyz', 'This password is too short. It must contain at least 8 characters.'],
    ['numeric', '8401937465', 'This password is entirely numeric.'],
    ['common', 'password123', 'This password is too common.'],
    ['similar to the email', 'dongwoo.kim', 'The password is too similar to the email.'],
    ['too long', 'x'.repeat(129), 'This password is too long. It must contain at most 128 characters.'],
  ])('applies the password policy: %s', async (_case, password, message) => {
    t = await startApp();
    const token = await t.verifyPhone();
    const res = await t.post(
      '/users',
      { email: 'dongwoo.kim@example.com', password, phone_number: '01012345678', token, nickname: 'dw' },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(res.body.password).toContain(message);
  });

  it('refuses a password too similar to the name or nickname', async () => {
    t = await startApp();
    const token = await t.verifyPhone();
    const res = await t.post(
      '/users',
      { email: 'a@example.com', password: 'sunflower77', phone_number: '01012345678', token, nickname: 'Sunflower7' },
      { 'accept-language': 'en' },
    );
    expect(res.body).toEqual({ password: ['The password is too similar to the nickname.'] });
  });

  it('refuses wrong types, NUL bytes, blank and overlong fields with 400 per field', async () => {
    t = await startApp();
    const res = await t.post(
      '/users',
      { email: 42, password: ['x'], phone_number: 'a\u0000b', token: '   ', name: 'n'.repeat(256), nickname: true },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      email: ['Not a valid string.'],
      password: ['Not a valid string.'],
      phone_number: ['Invalid type.'],
      token: ['This field may not be blank.'],
      name: ['Ensure this field has no more than 255 characters.'],
      nickname: ['Not a valid string.'],
    });
  });

  it('refuses a malformed email', async () => {
    t = await startApp();
    const token = await t.verifyPhone();
    const res = await t.post('/users', { email: 'not-an-email', password: PASSWORD, phone_number: '01012345678', token });
    expect(res.body).toEqual({ email: ['유효한 이메일 주소를 입력하십시오.'] });
  });

  it('lets exactly one of many sign-ups racing on one token win', async () => {
    t = await startApp();
    const token = await t.verifyPhone();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.post('/users', { email: `racer${i}@example.com`, password: PASSWORD, phone_number: '01012345678', token }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 400 || s === 401)).toBe(true);
    expect(await t.database.db.select().from(users)).toHaveLength(1);
  });
});

describe('GET /users/me', () => {
  it('answers the signed-in user', async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await t.get('/users/me', bearer(access));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, email: 'kim@example.com', name: '김동우', nickname: 'dongwoo', phone_number: '01012345678' });
  });

  it('answers 401 without a token, with a malformed one, and with a refresh token', async () => {
    t = await startApp();
    await t.signUp();
    const { refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const none = await t.get('/users/me', { 'accept-language': 'en' });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ detail: 'Authentication credentials were not provided.', code: 'not_authenticated' });
    expect((await t.get('/users/me', bearer('nonsense'))).status).toBe(401);
    expect((await t.get('/users/me', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await t.get('/users/me', bearer(refresh))).status).toBe(401);
  });

  it('answers many requests arriving together each with its own user, refusing the revoked session among them', async () => {
    t = await startApp();
    await t.signUp({ email: 'kim@example.com', phone_number: '010-1234-5678' });
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333' });
    const kim = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const lee = await t.login({ email: 'lee@example.com', password: PASSWORD });
    const gone = await t.login({ email: 'lee@example.com', password: PASSWORD });
    expect((await t.post('/logout', { refresh: gone.refresh })).status).toBe(204);
    const asked = Array.from({ length: 30 }, (_, i) => [kim, lee, gone][i % 3]!);
    const answers = await Promise.all(asked.map((s) => t.get('/users/me', bearer(s.access))));
    answers.forEach((res, i) => {
      if (asked[i] === gone) expect(res.status).toBe(401);
      else expect(res.body.email).toBe(asked[i] === kim ? 'kim@example.com' : 'lee@example.com');
    });
  });

  it('refuses an access token after ACCESS_TOKEN_TTL_SECONDS', async () => {
    t = await startApp({ ACCESS_TOKEN_TTL_SECONDS: '1' });
    await t.signUp();
    // exp is iat + 1 in whole seconds: a token issued late in a second lives only what is left
    // of it. Issued at the start of one, it lives almost the whole second the first request needs.
    await sleep(1000 - (Date.now() % 1000));
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await t.get('/users/me', bearer(access))).status).toBe(200);
    await sleep(2100);
    expect((await t.get('/users/me', bearer(access))).status).toBe(401);
  });

  it('refuses a token signed with another key or with alg none', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const [, payload] = access.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await t.get('/users/me', bearer(none))).status).toBe(401);
    const tampered = access.slice(0, -2) + (access.endsWith('A') ? 'BB' : 'AA');
    expect((await t.get('/users/me', bearer(tampered))).status).toBe(401);
  });
});

describe('POST /users/find-password', () => {
  it('sets the new password, answers 201 with no body and revokes every session', async () => {
    t = await startApp();
    await t.signUp();
    const { access, refresh } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const token = await t.verifyPhone();
    const res = await t.post('/users/find-password', { email: 'kim@example.com', password: 'new-Lantern-77', token });
    expect(res.status).toBe(201);
    expect(res.text).toBe('');
    expect((await t.get('/users/me', bearer(access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: 'new-Lantern-77' })).status).toBe(202);
  });

  it('refuses to reuse the token', async () => {
    t = await startApp();
    await t.signUp();
    const token = await t.verifyPhone();
    expect((await t.post('/users/find-password', { email: 'kim@example.com', password: 'new-Lantern-77', token })).status).toBe(201);
    const again = await t.post('/users/find-password', { email: 'kim@example.com', password: 'other-Lantern-88', token });
    expect(again.status).toBe(401);
  });

  it('answers an unknown email and a bad token with the same 401', async () => {
    t = await startApp();
    await t.signUp();
    const token = await t.verifyPhone('010-5555-6666');
    const unknown = await t.post('/users/find-password', { email: 'nobody@example.com', password: 'new-Lantern-77', token });
    const wrongPhone = await t.post('/users/find-password', { email: 'kim@example.com', password: 'new-Lantern-77', token });
    expect(unknown.status).toBe(401);
    expect(wrongPhone.status).toBe(401);
    expect(unknown.body).toEqual(wrongPhone.body);
  });

  it("answers a bad token with the same 401 for a known email and an unknown one, before judging the password against the account's nickname", async () => {
    t = await startApp();
    await t.signUp();
    const body = { password: 'dongwoo-kim', token: '0'.repeat(32) };
    const known = await t.post('/users/find-password', { ...body, email: 'kim@example.com' }, { 'accept-language': 'en' });
    const unknown = await t.post('/users/find-password', { ...body, email: 'nobody@example.com' }, { 'accept-language': 'en' });
    expect(known.status).toBe(401);
    expect(known.text).toBe(unknown.text);
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
  });

  it("refuses a password too similar to the account's nickname once the token is good, and keeps the token usable", async () => {
    t = await startApp();
    await t.signUp();
    const token = await t.verifyPhone();
    const similar = await t.post('/users/find-password', { email: 'kim@example.com', password: 'dongwoo-kim', token }, { 'accept-language': 'en' });
    expect(similar.status).toBe(400);
    expect(similar.body).toEqual({ password: ['The password is too similar to the nickname.'] });
    expect((await t.post('/users/find-password', { email: 'kim@example.com', password: 'new-Lantern-77', token })).status).toBe(201);
  });

  it('applies the password policy before spending the token', async () => {
    t = await startApp();
    await t.signUp();
    const token = await t.verifyPhone();
    const weak = await t.post('/users/find-password', { email: 'kim@example.com', password: '12345678', token });
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body)).toEqual(['password']);
    expect((await t.post('/users/find-password', { email: 'kim@example.com', password: 'new-Lantern-77', token })).status).toBe(201);
  });
});
