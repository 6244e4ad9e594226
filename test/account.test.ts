import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sessions, users } from '../src/db/schema/index.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

let t: TestApp;
afterEach(async () => t?.close());

async function signedIn() {
  const { id, body } = await t.signUp();
  const session = await t.login({ email: body.email, password: PASSWORD });
  return { id, body, ...session };
}

describe('PATCH /users/me', () => {
  it('changes name and nickname and answers the user', async () => {
    t = await startApp();
    const { access } = await signedIn();
    const res = await t.patch('/users/me', { nickname: ' new-nick ' }, bearer(access));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '김동우', nickname: 'new-nick' });
    expect((await t.get('/users/me', bearer(access))).body.nickname).toBe('new-nick');
  });

  it('refuses overlong values and wrong types, changing nothing', async () => {
    t = await startApp();
    const { access } = await signedIn();
    const res = await t.patch('/users/me', { name: 'x'.repeat(256), nickname: 5 }, bearer(access));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['name', 'nickname']);
    expect((await t.get('/users/me', bearer(access))).body.name).toBe('김동우');
  });

  it('needs a Bearer token', async () => {
    t = await startApp();
    expect((await t.patch('/users/me', { name: 'x' })).status).toBe(401);
  });
});

describe('POST /users/me/password', () => {
  it('changes the password, keeps this session and revokes the others', async () => {
    t = await startApp();
    const me = await signedIn();
    const other = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await t.post('/users/me/password', { current_password: PASSWORD, new_password: 'new-Lantern-77' }, bearer(me.access));
    expect(res.status).toBe(204);
    expect((await t.get('/users/me', bearer(me.access))).status).toBe(200);
    expect((await t.get('/users/me', bearer(other.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: other.refresh })).status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: 'new-Lantern-77' })).status).toBe(202);
  });

  it('refuses a wrong current password and a weak new one, changing nothing', async () => {
    t = await startApp();
    const me = await signedIn();
    const wrong = await t.post('/users/me/password', { current_password: 'nope-Nope-1', new_password: 'new-Lantern-77' }, bearer(me.access));
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body)).toEqual(['current_password']);
    const weak = await t.post('/users/me/password', { current_password: PASSWORD, new_password: 'password' }, bearer(me.access));
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body)).toEqual(['new_password']);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
  });
});

describe('POST /users/me/phone-number', () => {
  it('moves the account to a newly verified number and consumes the token', async () => {
    t = await startApp();
    const me = await signedIn();
    const token = await t.verifyPhone('010-2222-3333');
    const res = await t.post('/users/me/phone-number', { phone_number: '010-2222-3333', token, password: PASSWORD }, bearer(me.access));
    expect(res.status).toBe(200);
    expect(res.body.phone_number).toBe('01022223333');
    expect((await t.post('/login', { phone_number: '01022223333', password: PASSWORD })).status).toBe(202);
    const again = await t.post('/users/me/phone-number', { phone_number: '010-2222-3333', token, password: PASSWORD }, bearer(me.access));
    expect(again.status).toBe(401);
  });

  it('refuses a token for another number with 401 and a taken number with 400', async () => {
    t = await startApp();
    const me = await signedIn();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-7777-8888' });
    const token = await t.verifyPhone('010-2222-3333');
    expect((await t.post('/users/me/phone-number', { phone_number: '010-4444-5555', token, password: PASSWORD }, bearer(me.access))).status).toBe(401);
    const taken = await t.post('/users/me/phone-number', { phone_number: '010-7777-8888', token, password: PASSWORD }, bearer(me.access));
    expect(taken.status).toBe(400);
    expect(Object.keys(taken.body)).toEqual(['phone_number']);
    expect((await t.get('/users/me', bearer(me.access))).body.phone_number).toBe('01012345678');
  });
});

describe('DELETE /users/me (withdrawal)', () => {
  it('with the password: deactivates, erases personal data, revokes every session, frees email and phone', async () => {
    t = await startApp();
    const me = await signedIn();
    const other = await t.login({ phone_number: '01012345678', password: PASSWORD });
    const res = await t.delete('/users/me', { password: PASSWORD }, bearer(me.access));
    expect(res.status).toBe(204);
    for (const s of [me, other]) {
      expect((await t.get('/users/me', bearer(s.access))).status).toBe(401);
      expect((await t.post('/login/refresh', { refresh: s.refresh })).status).toBe(401);
    }
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, me.id));
    expect(row).toMatchObject({ email: null, phoneNumber: null, name: null, nickname: null, passwordHash: null, isActive: false });
    const live = await t.database.db.select().from(sessions);
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    // The same email and phone can sign up again, under a new id.
    const again = await t.signUp();
    expect(again.id).toBeGreaterThan(me.id);
  });

  it('withdraws with a verification token for the account phone instead of the password', async () => {
    t = await startApp();
    const me = await signedIn();
    const token = await t.verifyPhone('010-1234-5678');
    expect((await t.delete('/users/me', { token }, bearer(me.access))).status).toBe(204);
  });

  it('refuses a wrong password, a token for another phone and a wrong combination, changing nothing', async () => {
    t = await startApp();
    const me = await signedIn();
    expect((await t.delete('/users/me', { password: 'wrong-Pass-9' }, bearer(me.access))).status).toBe(400);
    const foreign = await t.verifyPhone('010-2222-3333');
    expect((await t.delete('/users/me', { token: foreign }, bearer(me.access))).status).toBe(401);
    expect((await t.delete('/users/me', {}, bearer(me.access))).status).toBe(400);
    expect((await t.delete('/users/me', { password: PASSWORD, token: foreign }, bearer(me.access))).status).toBe(400);
    expect((await t.get('/users/me', bearer(me.access))).status).toBe(200);
  });
});

describe('POST /logout and /logout/all', () => {
  it('logout revokes that session at once and leaves the others', async () => {
    t = await startApp();
    const me = await signedIn();
    const other = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await t.post('/logout', { refresh: me.refresh });
    expect(res.status).toBe(204);
    expect((await t.get('/users/me', bearer(me.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: me.refresh })).status).toBe(401);
    expect((await t.get('/users/me', bearer(other.access))).status).toBe(200);
  });

  it('logout refuses an access token or garbage with 401', async () => {
    t = await startApp();
    const me = await signedIn();
    expect((await t.post('/logout', { refresh: me.access })).status).toBe(401);
    expect((await t.post('/logout', { refresh: 'garbage' })).status).toBe(401);
  });

  it('logout/all revokes every session of the user', async () => {
    t = await startApp();
    const me = await signedIn();
    const other = await t.login({ email: 'kim@example.com', password: PASSWORD });
    expect((await t.post('/logout/all', undefined, bearer(me.access))).status).toBe(204);
    expect((await t.get('/users/me', bearer(me.access))).status).toBe(401);
    expect((await t.get('/users/me', bearer(other.access))).status).toBe(401);
    expect((await t.post('/logout/all', undefined, bearer(me.access))).status).toBe(401);
  });
});
