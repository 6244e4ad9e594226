import { afterEach, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * What a stolen access token (five minutes of someone else's session) can do, attacked as
 * issue 13, finding 4 did: guess the password where a signed-in user confirms it, and move
 * the phone, after which find-password with the thief's phone would reset the password.
 */
let t: TestApp;
afterEach(async () => t?.close());

const THIEF_PHONE = '010-6666-7777';

async function victimSignedIn() {
  await t.signUp();
  return t.login({ email: 'kim@example.com', password: PASSWORD });
}

const wrongPasswordGuesses = {
  'POST /users/me/password': (access: string, password: string) =>
    t.post('/users/me/password', { current_password: password, new_password: 'thief-Lantern-77' }, bearer(access)),
  'DELETE /users/me': (access: string, password: string) => t.delete('/users/me', { password }, bearer(access)),
  'POST /users/me/phone-number': async (access: string, password: string) =>
    t.post('/users/me/phone-number', { phone_number: THIEF_PHONE, token: await t.verifyPhone(THIEF_PHONE), password }, bearer(access)),
};

describe('password guesses with a stolen access token', () => {
  it.each(Object.entries(wrongPasswordGuesses))(
    'counts wrong passwords on %s as failed logins: after LOGIN_MAX_FAILURES from one IP even the right one is refused',
    async (_, guess) => {
      t = await startApp({ LOGIN_MAX_FAILURES: '10' });
      const { access } = await victimSignedIn();
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await guess(access, `guess-Password-${i}`)).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses.slice(10)).toEqual(Array(30).fill(429));
      const right = await guess(access, PASSWORD);
      expect(right.status).toBe(429);
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
      // Nothing changed: the password is the owner's, the account is there, and so is its phone.
      expect((await t.get('/users/me', bearer(access))).body.phone_number).toBe('01012345678');
      // And those guesses were login failures: from the same IP, login is locked too.
      expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(429);
    },
  );

  it("spends the account's failure budget with guesses from many IPs, locking password login everywhere", async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '10', LOGIN_MAX_ACCOUNT_FAILURES: '20' });
    const { access } = await victimSignedIn();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/users/me/password',
        payload: { current_password: `guess-Password-${i}`, new_password: 'thief-Lantern-77' },
        headers: bearer(access),
        remoteAddress: `10.0.${i % 8}.1`,
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const login = await t.request({ method: 'POST', url: '/api/v1/login', payload: { email: 'kim@example.com', password: PASSWORD }, remoteAddress: '192.0.2.77' });
    expect(login.status).toBe(429);
  });

  it('forgets the failures once the right password is given, as a login does', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '3' });
    const { access } = await victimSignedIn();
    for (let i = 0; i < 2; i++) expect((await wrongPasswordGuesses['DELETE /users/me'](access, 'guess-Password-1')).status).toBe(400);
    expect((await t.post('/users/me/password', { current_password: PASSWORD, new_password: 'new-Lantern-77' }, bearer(access))).status).toBe(204);
    for (let i = 0; i < 3; i++) expect((await wrongPasswordGuesses['DELETE /users/me'](access, 'guess-Password-1')).status).toBe(400);
  });
});

describe('moving the phone needs more than an access token', () => {
  it("refuses a phone change with only the new phone's token (400), so find-password with the thief's phone fails", async () => {
    t = await startApp();
    const { access } = await victimSignedIn();
    // The thief verifies their own phone and tries to move the account onto it.
    const moved = await t.post('/users/me/phone-number', { phone_number: THIEF_PHONE, token: await t.verifyPhone(THIEF_PHONE) }, bearer(access));
    expect(moved.status).toBe(400);
    expect(Object.keys(moved.body)).toEqual(['non_field_errors']);
    expect((await t.get('/users/me', bearer(access))).body.phone_number).toBe('01012345678');
    // The takeover's last step: a reset proven by the thief's phone.
    const reset = await t.post('/users/find-password', { email: 'kim@example.com', password: 'thief-Lantern-77', token: await t.verifyPhone(THIEF_PHONE) });
    expect(reset.status).toBe(401);
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(202);
  });

  it('refuses a token for another phone as current_token with 401, and both proofs at once with 400', async () => {
    t = await startApp();
    const { access } = await victimSignedIn();
    const notPresent = await t.verifyPhone('010-8888-9999');
    const res = await t.post(
      '/users/me/phone-number',
      { phone_number: THIEF_PHONE, token: await t.verifyPhone(THIEF_PHONE), current_token: notPresent },
      bearer(access),
    );
    expect(res.status).toBe(401);
    const both = await t.post(
      '/users/me/phone-number',
      { phone_number: THIEF_PHONE, token: await t.verifyPhone(THIEF_PHONE), password: PASSWORD, current_token: notPresent },
      bearer(access),
    );
    expect(both.status).toBe(400);
    expect((await t.get('/users/me', bearer(access))).body.phone_number).toBe('01012345678');
  });

  it.each([
    ['the password', async () => ({ password: PASSWORD })],
    ['a token for the present phone', async () => ({ current_token: await t.verifyPhone('010-1234-5678') })],
  ])('moves the phone with %s and revokes every other session, keeping this one', async (_, proof) => {
    t = await startApp();
    const me = await victimSignedIn();
    const other = await t.login({ phone_number: '010-1234-5678', password: PASSWORD });
    const res = await t.post(
      '/users/me/phone-number',
      { phone_number: '010-2222-3333', token: await t.verifyPhone('010-2222-3333'), ...(await proof()) },
      bearer(me.access),
    );
    expect(res.status).toBe(200);
    expect(res.body.phone_number).toBe('01022223333');
    expect((await t.get('/users/me', bearer(me.access))).status).toBe(200);
    expect((await t.get('/users/me', bearer(other.access))).status).toBe(401);
    expect((await t.post('/login/refresh', { refresh: other.refresh })).status).toBe(401);
    const live = (await t.database.db.select().from(sessions)).filter((s) => s.revokedAt === null);
    expect(live).toHaveLength(1);
  });
});
