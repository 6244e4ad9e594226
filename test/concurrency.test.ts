import { like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneVerifications, rateLimits, sessions, users } from '../src/db/schema/index.js';
import { bearer, PASSWORD, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Races the other files do not run (issue 4): many parallel requests where one winner, or
 * an exact count, is due. On PGlite the queries take turns; on PostgreSQL
 * (TEST_DATABASE_URL) they run on a pool of 20 connections at once.
 */
let t: TestApp;
afterEach(async () => t?.close());

const statuses = (results: { status: number }[]) => results.map((r) => r.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;
const counter = async (kind: string) =>
  (await t.database.db.select().from(rateLimits).where(like(rateLimits.bucket, `${kind}:%`))).map((r) => r.count);

describe('logins racing at the failure limit', () => {
  it.each([
    ['a known account', 'kim@example.com'],
    ['an unknown account', 'nobody@example.com'],
  ])('gives %s exactly LOGIN_MAX_FAILURES 401s among 20 parallel wrong logins, then 429 even to the right password', async (_, email) => {
    t = await startApp({ LOGIN_MAX_FAILURES: '3' });
    await t.signUp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.post('/login', { email, password: `wrong-Password-${i}` })),
    );
    const s = statuses(results);
    expect(count(s, 401)).toBe(3);
    expect(count(s, 429)).toBe(17);
    for (const r of results.filter((r) => r.status === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    const right = await t.post('/login', { email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(await t.database.db.select().from(sessions)).toHaveLength(0);
  });

  it('opens exactly one session per successful login when right and wrong passwords race', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '5' });
    await t.signUp();
    const bodies = Array.from({ length: 12 }, (_, i) => ({ email: 'kim@example.com', password: i % 3 === 0 ? PASSWORD : `wrong-Password-${i}` }));
    const results = await Promise.all(bodies.map((b) => t.post('/login', b)));
    const s = statuses(results);
    expect(s.every((x) => x === 202 || x === 401 || x === 429)).toBe(true);
    // A right password never gets a 401, a wrong one never a 202.
    results.forEach((r, i) => expect(r.status).not.toBe(bodies[i]!.password === PASSWORD ? 401 : 202));
    expect(await t.database.db.select().from(sessions)).toHaveLength(count(s, 202));
  });
});

describe('many logins of one account from one client at once', () => {
  it('answers each of 40 right and wrong passwords with 202, 401 or 429, never a 500, however their statements interleave', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '100', LOGIN_MAX_ACCOUNT_FAILURES: '100' });
    await t.signUp();
    for (let round = 0; round < 6; round++) {
      const bodies = Array.from({ length: 40 }, (_, i) => ({ email: 'kim@example.com', password: i % 2 || round === 1 ? PASSWORD : `wrong-Password-${i}` }));
      const s = statuses(await Promise.all(bodies.map((b) => t.post('/login', b))));
      expect(s.filter((x) => x !== 202 && x !== 401 && x !== 429)).toEqual([]);
    }
  }, 60_000);

  it('answers 202 to each of 1,200 right passwords, 40 at a time: opening a session locks the counters in the order counting an attempt does', async () => {
    // Each session's statement clears the login counter and the account's budget while the
    // next attempts' statements count them: locked in opposite orders, they would deadlock.
    t = await startApp({ LOGIN_MAX_FAILURES: '100000', LOGIN_MAX_ACCOUNT_FAILURES: '100000' });
    await t.signUp();
    const answered: number[] = [];
    for (let round = 0; round < 30; round++) {
      const results = await Promise.all(Array.from({ length: 40 }, () => t.post('/login', { email: 'kim@example.com', password: PASSWORD })));
      answered.push(...statuses(results));
    }
    expect(answered.filter((s) => s !== 202)).toEqual([]);
    expect(await t.database.db.select().from(sessions)).toHaveLength(1_200);
  }, 180_000);
});

describe("logins racing at an account's failure budget", () => {
  it('checks exactly LOGIN_MAX_ACCOUNT_FAILURES of 80 parallel wrong passwords from 8 addresses, then 429 to the right one', async () => {
    t = await startApp({ LOGIN_MAX_FAILURES: '10', LOGIN_MAX_ACCOUNT_FAILURES: '20' });
    await t.signUp();
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        t.request({
          method: 'POST',
          url: '/api/v1/login',
          payload: { email: 'kim@example.com', password: `wrong-Password-${i}` },
          remoteAddress: `10.0.${i % 8}.1`,
        }),
      ),
    );
    const s = statuses(results);
    expect(count(s, 401)).toBe(20);
    expect(count(s, 429)).toBe(60);
    const right = await t.request({ method: 'POST', url: '/api/v1/login', payload: { email: 'kim@example.com', password: PASSWORD }, remoteAddress: '192.0.2.77' });
    expect(right.status).toBe(429);
    expect(await t.database.db.select().from(sessions)).toHaveLength(0);
  });
});

describe('key requests racing', () => {
  it('sends exactly one key to one phone among 10 parallel requests under the cooldown', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '60' });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.post('/phone-verify', { phone_number: '010-1234-5678' })));
    const s = statuses(results);
    expect(count(s, 201)).toBe(1);
    expect(count(s, 429)).toBe(9);
    for (const r of results.filter((r) => r.status === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(50);
    expect(t.sms.sent).toHaveLength(1);
    expect(await t.database.db.select().from(phoneVerifications)).toHaveLength(1);
    // A refused request counted nothing: the counters saw one send.
    expect(await counter('sms-phone-hour')).toEqual([1]);
    expect(await counter('sms-ip-hour')).toEqual([1]);
    // And the one key sent works.
    expect((await t.post('/phone-verify/confirm', { phone_number: '010-1234-5678', key: t.sms.lastKey() })).status).toBe(200);
  });

  it('sends exactly SMS_MAX_PER_PHONE_PER_HOUR keys among parallel requests without a cooldown', async () => {
    t = await startApp({ SMS_MAX_PER_PHONE_PER_HOUR: '2' });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.post('/phone-verify', { phone_number: '010-1234-5678' })));
    const s = statuses(results);
    expect(count(s, 201)).toBe(2);
    expect(count(s, 429)).toBe(8);
    expect(t.sms.sent).toHaveLength(2);
    expect(await t.database.db.select().from(phoneVerifications)).toHaveLength(2);
    expect(await counter('sms-phone-hour')).toEqual([2]);
    // Only the newest key is pending: the other was retired.
    const pending = (await t.database.db.select().from(phoneVerifications)).filter((v) => v.retiredAt === null);
    expect(pending).toHaveLength(1);
  });

  it('sends exactly SMS_MAX_PER_IP_PER_HOUR keys among parallel requests for many phones from one IP', async () => {
    t = await startApp({ SMS_MAX_PER_IP_PER_HOUR: '3' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.post('/phone-verify', { phone_number: `010-5555-${String(1000 + i)}` })),
    );
    const s = statuses(results);
    expect(count(s, 201)).toBe(3);
    expect(count(s, 429)).toBe(7);
    expect(t.sms.sent).toHaveLength(3);
    expect(await t.database.db.select().from(phoneVerifications)).toHaveLength(3);
    expect(await counter('sms-ip-hour')).toEqual([3]);
    // Refused phones left no per-phone counter behind.
    expect(await counter('sms-phone-hour')).toHaveLength(3);
  });
});

describe('key requests in overlapping batches', () => {
  it('answers every request when batches lock the same phones in different orders, from several IPs, without a deadlock', async () => {
    t = await startApp({ OTP_RESEND_COOLDOWN_SECONDS: '0', SMS_MAX_PER_PHONE_PER_HOUR: '1000', SMS_MAX_PER_PHONE_PER_DAY: '1000', TRUST_PROXY: '1' });
    const phones = Array.from({ length: 6 }, (_, i) => `010-7777-${String(1000 + i)}`);
    const pending: Promise<{ status: number }>[] = [];
    // Waves sent a turn of the event loop apart become separate batches, which PostgreSQL
    // runs at once on different connections; each wave lists the phones in another order.
    for (let wave = 0; wave < 12; wave++) {
      const order = wave % 2 ? [...phones].reverse() : [...phones.slice(wave % 6), ...phones.slice(0, wave % 6)];
      for (const [i, phone] of order.entries()) {
        pending.push(t.post('/phone-verify', { phone_number: phone }, { 'x-forwarded-for': `10.0.${(wave + i) % 3}.1` }));
      }
      await new Promise((r) => setImmediate(r));
    }
    const s = statuses(await Promise.all(pending));
    expect(count(s, 201)).toBe(72);
    expect(t.sms.sent).toHaveLength(72);
    const rows = await t.database.db.select().from(phoneVerifications);
    expect(rows).toHaveLength(72);
    // Each phone is left with exactly its newest key pending.
    for (const phone of phones) {
      const e164 = `+8210${phone.slice(4).replace('-', '')}`;
      const mine = rows.filter((v) => v.phoneNumber === e164);
      expect(mine).toHaveLength(12);
      expect(mine.filter((v) => v.retiredAt === null).map((v) => v.id)).toEqual([Math.max(...mine.map((v) => v.id))]);
    }
    expect((await counter('sms-ip-hour')).sort()).toEqual([24, 24, 24]);
  });
});

describe('single-use verification tokens racing', () => {
  it('lets exactly one of many password resets with one token win, and its password is the one kept', async () => {
    t = await startApp();
    await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const token = await t.verifyPhone();
    const passwords = Array.from({ length: 8 }, (_, i) => `reset-Harbor-${i}x`);
    const results = await Promise.all(passwords.map((password) => t.post('/users/find-password', { email: 'kim@example.com', password, token })));
    const s = statuses(results);
    expect(count(s, 201)).toBe(1);
    expect(count(s, 401)).toBe(7);
    const winner = passwords[s.indexOf(201)]!;
    expect((await t.post('/login', { email: 'kim@example.com', password: winner })).status).toBe(202);
    for (const loser of passwords.filter((p) => p !== winner)) {
      expect((await t.post('/login', { email: 'kim@example.com', password: loser })).status).toBe(401);
    }
    expect((await t.post('/login', { email: 'kim@example.com', password: PASSWORD })).status).toBe(401);
    // The reset revoked the session that existed before it.
    expect((await t.get('/users/me', bearer(access))).status).toBe(401);
    // Two tokens were ever spent: the sign-up's and the one reset's.
    const used = (await t.database.db.select().from(phoneVerifications)).filter((v) => v.tokenUsedAt !== null);
    expect(used).toHaveLength(2);
  });

  it('moves a newly verified number to exactly one of two accounts racing for it', async () => {
    t = await startApp();
    await t.signUp({ email: 'a@example.com', phone_number: '010-1111-1111' });
    await t.signUp({ email: 'b@example.com', phone_number: '010-2222-2222' });
    const a = await t.login({ email: 'a@example.com', password: PASSWORD });
    const b = await t.login({ email: 'b@example.com', password: PASSWORD });
    const token = await t.verifyPhone('010-3333-3333');
    const results = await Promise.all(
      [a, b, a, b].map((who) => t.post('/users/me/phone-number', { phone_number: '010-3333-3333', token, password: PASSWORD }, bearer(who.access))),
    );
    const s = statuses(results);
    expect(count(s, 200)).toBe(1);
    expect(s.every((x) => x === 200 || x === 400 || x === 401)).toBe(true);
    const holders = (await t.database.db.select().from(users)).filter((u) => u.phoneNumber === '+821033333333');
    expect(holders).toHaveLength(1);
    // The loser kept its own number.
    const phones = (await t.database.db.select().from(users)).map((u) => u.phoneNumber).sort();
    expect(phones.filter((p) => p === '+821011111111' || p === '+821022222222')).toHaveLength(1);
  });

  it('leaves the loser of two sign-ups racing for one email with its token unspent', async () => {
    t = await startApp();
    const first = await t.verifyPhone('010-1111-1111');
    const second = await t.verifyPhone('010-2222-2222');
    const results = await Promise.all([
      t.post('/users', { email: 'same@example.com', password: PASSWORD, phone_number: '010-1111-1111', token: first }),
      t.post('/users', { email: 'SAME@example.com', password: PASSWORD, phone_number: '010-2222-2222', token: second }),
    ]);
    const s = statuses(results);
    expect(s.sort()).toEqual([201, 400]);
    const loser = results.find((r) => r.status === 400)!;
    expect(Object.keys(loser.body)).toEqual(['email']);
    expect(await t.database.db.select().from(users)).toHaveLength(1);
    // The refused sign-up consumed nothing: its token still signs up with another email.
    const loserPhone = results[0]!.status === 400 ? '010-1111-1111' : '010-2222-2222';
    const loserToken = results[0]!.status === 400 ? first : second;
    const retry = await t.post('/users', { email: 'other@example.com', password: PASSWORD, phone_number: loserPhone, token: loserToken });
    expect(retry.status).toBe(201);
  });
});
