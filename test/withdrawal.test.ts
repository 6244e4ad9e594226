import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneVerifications, sessions, users } from '../src/db/schema/index.js';
import { bearer, PASSWORD, sleep, startApp, type TestApp, useFileDatabase } from './helpers.js';

useFileDatabase();

/**
 * Issue 13, findings 9 and 10: withdrawal leaves nothing behind (the user row, its sessions'
 * IPs and user agents, the phone's verification rows), and a request that passed its access
 * check before the withdrawal committed cannot write personal data back afterwards.
 */
let t: TestApp;
afterEach(async () => t?.close());

const KIM_PHONE = '+821012345678';
const LEE_PHONE = '+821022223333';
const rows = async (query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

async function kimWithTwoSessions() {
  const { id } = await t.signUp();
  const first = await t.post('/login', { email: 'kim@example.com', password: PASSWORD }, { 'user-agent': 'Firefox/140 (kim)' });
  const second = await t.post('/login', { email: 'kim@example.com', password: PASSWORD }, { 'user-agent': 'Safari/18 (kim)' });
  await t.verifyPhone('010-1234-5678');
  return { id, access: first.body.access_token as string, other: second.body.access_token as string };
}

describe('withdrawal leaves nothing behind', () => {
  it.each([
    ['the password', () => Promise.resolve({ password: PASSWORD })],
    ['a verification token for the phone', async () => ({ token: await t.verifyPhone('010-1234-5678') })],
  ])("proven by %s, erases the sessions' IPs and user agents and every verification row of the phone", async (_how, proof) => {
    t = await startApp();
    const kim = await kimWithTwoSessions();
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333' });
    await t.post('/login', { email: 'lee@example.com', password: PASSWORD }, { 'user-agent': 'Chrome/139 (lee)' });
    const before = await t.database.db.select().from(sessions).where(eq(sessions.userId, kim.id));
    expect(before.map((s) => s.userAgent).sort()).toEqual(['Firefox/140 (kim)', 'Safari/18 (kim)']);
    expect(before.every((s) => s.ip !== null)).toBe(true);

    expect((await t.delete('/users/me', await proof(), bearer(kim.access))).status).toBe(204);

    const after = await t.database.db.select().from(sessions).where(eq(sessions.userId, kim.id));
    expect(after).toHaveLength(2);
    expect(after.map((s) => ({ ip: s.ip, userAgent: s.userAgent, revoked: s.revokedAt !== null }))).toEqual([
      { ip: null, userAgent: null, revoked: true },
      { ip: null, userAgent: null, revoked: true },
    ]);
    expect(await t.database.db.select().from(phoneVerifications).where(eq(phoneVerifications.phoneNumber, KIM_PHONE))).toEqual([]);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, kim.id));
    expect(row).toMatchObject({ email: null, emailFolded: null, phoneNumber: null, name: null, nickname: null, passwordHash: null, isActive: false });
    // Nobody else's data goes with it.
    const lee = await rows(sql`select s.user_agent from sessions s join users u on u.id = s.user_id where u.email = 'lee@example.com'`);
    expect(lee).toEqual([{ user_agent: 'Chrome/139 (lee)' }]);
    expect(await t.database.db.select().from(phoneVerifications).where(eq(phoneVerifications.phoneNumber, LEE_PHONE))).toHaveLength(1);
  });
});

describe("withdrawal and the account's earlier phone numbers", () => {
  // "Also" of issue 24: a withdrawal erased the present phone's verification rows only, and
  // the rows of the numbers the account held before (each with the number and the client
  // IPs that asked) stayed until the sweep. A number the account leaves is erased then.
  const NEW_PHONE = '+821055556666';
  const held = () => rows(sql`select phone_number, request_ip from phone_verifications order by id`);

  it('erases the verification rows of every number the account held, keeping nobody else\'s', async () => {
    t = await startApp({ TRUST_PROXY: '1' });
    const kim = await kimWithTwoSessions();
    // Kim's first number, as a login by key and a key asked from another address use it.
    await t.post('/phone-verify', { phone_number: '010-1234-5678' }, { 'x-forwarded-for': '198.51.100.7' });
    const key = t.sms.lastKey(KIM_PHONE);
    expect((await t.post('/login', { phone_number: '010-1234-5678', key }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(202);
    // Someone else's number, asked for meanwhile: not Kim's to erase.
    await t.post('/phone-verify', { phone_number: '010-2222-3333' }, { 'x-forwarded-for': '203.0.113.9' });
    expect((await held()).filter((r) => r.phone_number === KIM_PHONE).length).toBeGreaterThan(2);

    const token = await t.verifyPhone('010-5555-6666');
    const moved = await t.post('/users/me/phone-number', { phone_number: '010-5555-6666', token, password: PASSWORD }, bearer(kim.access));
    expect(moved.status, moved.text).toBe(200);
    // The number Kim left is no longer Kim's: its rows, and the addresses in them, went with the move.
    expect((await held()).map((r) => r.phone_number)).toEqual([LEE_PHONE, NEW_PHONE]);

    // Kim logs in by key on the new number, then withdraws: nothing of either number is left.
    await t.post('/phone-verify', { phone_number: '010-5555-6666' });
    const login = await t.post('/login', { phone_number: '010-5555-6666', key: t.sms.lastKey(NEW_PHONE) });
    expect(login.status).toBe(202);
    expect((await t.delete('/users/me', { password: PASSWORD }, bearer(login.body.access_token))).status).toBe(204);
    expect(await held()).toEqual([{ phone_number: LEE_PHONE, request_ip: '203.0.113.9' }]);
  });

  it('keeps the rows of the number when a phone change is refused, and of the new one when it is the same', async () => {
    t = await startApp();
    const kim = await kimWithTwoSessions();
    const before = await held();
    const token = await t.verifyPhone('010-5555-6666');
    const refused = await t.post('/users/me/phone-number', { phone_number: '010-5555-6666', token, password: 'wrong-Password-1' }, bearer(kim.access));
    expect(refused.status).toBe(400);
    expect((await held()).filter((r) => r.phone_number === KIM_PHONE)).toEqual(before);
    // Verifying the number it already has again changes nothing and erases nothing.
    const same = await t.verifyPhone('010-1234-5678');
    const kept = await t.post('/users/me/phone-number', { phone_number: '010-1234-5678', token: same, password: PASSWORD }, bearer(kim.access));
    expect(kept.status, kept.text).toBe(200);
    expect((await held()).filter((r) => r.phone_number === KIM_PHONE)).toHaveLength(before.length + 1);
  });
});

/**
 * Races on PostgreSQL: the test holds the user's row, so the withdrawal waits on it, then
 * sends a write that passes its access check while the withdrawal has not committed and
 * queues behind it; then lets go. The write runs after the withdrawal committed.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('writes racing a withdrawal (PostgreSQL)', () => {
  const waitingOnLocks = async () =>
    Number(
      (await rows(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))[0]!
        .n,
    );
  const until = async (n: number) => {
    for (let i = 0; i < 500 && (await waitingOnLocks()) < n; i++) await sleep(10);
    expect(await waitingOnLocks()).toBe(n);
  };

  async function raceWithdrawal(userId: number, access: string, write: () => Promise<{ status: number; text: string }>) {
    let writeRes: { status: number; text: string } | undefined;
    let withdrawal: { status: number } | undefined;
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from users where id = ${userId} for update`);
      const withdrawing = t.delete('/users/me', { password: PASSWORD }, bearer(access)).then((r) => (withdrawal = r));
      await until(1);
      const writing = write().then((r) => (writeRes = r));
      await until(2);
      // Let go at the end of this transaction: the withdrawal first, then the write behind it.
      void withdrawing;
      void writing;
    });
    for (let i = 0; i < 1000 && (!writeRes || !withdrawal); i++) await sleep(10);
    expect(withdrawal?.status).toBe(204);
    return writeRes!;
  }

  it('a profile change that passed its access check cannot put the name back on the erased row', async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await raceWithdrawal(id, access, () => t.patch('/users/me', { name: 'Kim again' }, bearer(access)));
    expect(res.status, res.text).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ name: null, nickname: null, email: null, isActive: false });
  });

  it('a phone change that passed its access check cannot leave a number on the erased row', async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const token = await t.verifyPhone('010-2222-3333');
    const res = await raceWithdrawal(id, access, () =>
      t.post('/users/me/phone-number', { phone_number: '010-2222-3333', token, password: PASSWORD }, bearer(access)),
    );
    expect(res.status, res.text).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row!.phoneNumber).toBeNull();
    // The number is free, and the refused change left its token unspent.
    await t.signUp({ email: 'lee@example.com', phone_number: '010-2222-3333', token });
  });

  it('a password change that passed its access check cannot put a hash back', async () => {
    t = await startApp();
    const { id } = await t.signUp();
    const { access } = await t.login({ email: 'kim@example.com', password: PASSWORD });
    const res = await raceWithdrawal(id, access, () =>
      t.post('/users/me/password', { current_password: PASSWORD, new_password: 'new-Lantern-77' }, bearer(access)),
    );
    expect(res.status, res.text).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(row!.passwordHash).toBeNull();
  });
});
